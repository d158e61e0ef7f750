using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Infrastructure.HttpJson;

namespace Tessera.Tests.Identities;

/// <summary>Batch import, keyset and legacy pagination, and filters, on a server of its own (it counts identities).</summary>
public abstract partial class AdminIdentityListTests(ServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    HttpClient Admin => Server.Admin;

    [Fact]
    public async Task Batch_import_then_page_through_every_identity_once()
    {
        const int total = 2100;
        var emails = Enumerable.Range(0, total).Select(i => $"page-{i:D5}-{Guid.NewGuid():N}@example.com").ToList();
        var created = new List<string>();
        foreach (var chunk in emails.Chunk(1000))
        {
            var (status, body, _) = await Admin.SendAsync(HttpMethod.Patch, "/admin/identities", Batch(chunk.Select(e => (JsonNode)new JsonObject
            {
                ["create"] = new JsonObject
                {
                    ["traits"] = new JsonObject { ["email"] = e },
                    ["credentials"] = HashedPassword("$2a$10$ZsCsoVQ3xfBG/K2z2XpBf.tm90GZmtOqtqWcB5.pYd5Eq8y7RlDyq"),
                },
            })));
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.All(body!["identities"]!.AsArray(), r => Assert.Equal("create", r!["action"]!.GetValue<string>()));
            created.AddRange(body["identities"]!.AsArray().Select(r => r!["identity"]!.GetValue<string>()));
        }

        var seen = new List<string>();
        string? next = "/admin/identities?page_size=500";
        var pages = 0;
        while (next is not null)
        {
            var (status, body, response) = await Admin.GetJsonAsync(next);
            Assert.Equal(HttpStatusCode.OK, status);
            seen.AddRange(body!.AsArray().Select(i => i!["id"]!.GetValue<string>()));
            var link = string.Join(",", response.Headers.GetValues("Link"));
            Assert.Contains("rel=\"first\"", link);
            next = NextLink().Match(link) is { Success: true } m ? m.Groups[1].Value : null;
            pages++;
        }

        // Other tests of this class share the server, so count against the server's own total.
        var (_, _, countResponse) = await Admin.GetJsonAsync("/admin/identities?page=0&per_page=1");
        var count = int.Parse(countResponse.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(count, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.Subset(seen.ToHashSet(), created.ToHashSet());
        Assert.Equal(seen.Order(StringComparer.Ordinal), seen);
        Assert.Equal((count + 499) / 500, pages);

        var (legacyStatus, legacy, legacyResponse) = await Admin.GetJsonAsync("/admin/identities?page=1&per_page=100");
        Assert.Equal(HttpStatusCode.OK, legacyStatus);
        Assert.Equal(100, legacy!.AsArray().Count);
        Assert.Equal(seen.Skip(100).Take(100), legacy.AsArray().Select(i => i!["id"]!.GetValue<string>()));
        Assert.Equal(count.ToString(System.Globalization.CultureInfo.InvariantCulture), legacyResponse.Headers.GetValues("X-Total-Count").Single());
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.GetJsonAsync("/admin/identities?page=10&per_page=100")).Status);
    }

    [GeneratedRegex("<([^>]*)>; rel=\"next\"")]
    private static partial Regex NextLink();

    static JsonObject Batch(IEnumerable<JsonNode> entries) => new() { ["identities"] = new JsonArray(entries.ToArray()) };

    [Fact]
    public async Task Batch_reports_each_entry_and_a_malformed_entry_fails_the_whole_request()
    {
        var taken = Unique();
        await Server.CreateIdentityAsync(EmailIdentity(taken));
        var okPatch = Guid.NewGuid().ToString();
        var conflictPatch = Guid.NewGuid().ToString();
        var fresh = Unique();
        var (status, body, _) = await Admin.SendAsync(HttpMethod.Patch, "/admin/identities", Batch([
            new JsonObject { ["patch_id"] = okPatch, ["create"] = EmailIdentity(fresh) },
            new JsonObject { ["patch_id"] = conflictPatch, ["create"] = EmailIdentity(taken) },
            new JsonObject { ["create"] = new JsonObject { ["traits"] = new JsonObject { ["email"] = "not an email" } } },
        ]));
        Assert.Equal(HttpStatusCode.OK, status);
        var results = body!["identities"]!.AsArray();
        Assert.Equal("create", results[0]!["action"]!.GetValue<string>());
        Assert.Equal(okPatch, results[0]!["patch_id"]!.GetValue<string>());
        Assert.True(Guid.TryParse(results[0]!["identity"]!.GetValue<string>(), out _));
        Assert.Equal("error", results[1]!["action"]!.GetValue<string>());
        Assert.Equal(conflictPatch, results[1]!["patch_id"]!.GetValue<string>());
        Assert.Equal(409, results[1]!["error"]!["code"]!.GetValue<int>());
        Assert.Equal(400, results[2]!["error"]!["code"]!.GetValue<int>());

        // The same address twice in one batch: the first wins, the second conflicts, nothing else is affected.
        var twice = Unique();
        var (twiceStatus, twiceBody, _) = await Admin.SendAsync(HttpMethod.Patch, "/admin/identities", Batch([
            new JsonObject { ["create"] = EmailIdentity(twice) },
            new JsonObject { ["create"] = EmailIdentity(twice.ToUpperInvariant()) },
            new JsonObject { ["create"] = EmailIdentity(Unique()) },
        ]));
        Assert.Equal(HttpStatusCode.OK, twiceStatus);
        Assert.Equal(["create", "error", "create"], twiceBody!["identities"]!.AsArray().Select(r => r!["action"]!.GetValue<string>()));
        Assert.Single((await Admin.GetJsonAsync($"/admin/identities?credentials_identifier={twice}")).Body!.AsArray());

        var untouched = Unique();
        var (badStatus, _, _) = await Admin.SendAsync(HttpMethod.Patch, "/admin/identities", Batch([
            new JsonObject { ["create"] = EmailIdentity(untouched) },
            new JsonObject { ["delete"] = true },
        ]));
        Assert.Equal(HttpStatusCode.BadRequest, badStatus);
        Assert.Empty((await Admin.GetJsonAsync($"/admin/identities?credentials_identifier={untouched}")).Body!.AsArray());

        var tooMany = Batch(Enumerable.Range(0, 1001).Select(_ => (JsonNode)new JsonObject { ["create"] = EmailIdentity(Unique()) }));
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.SendAsync(HttpMethod.Patch, "/admin/identities", tooMany)).Status);

        var tooManyPasswords = Batch(Enumerable.Range(0, 201).Select(_ => (JsonNode)new JsonObject { ["create"] = EmailIdentity(Unique(), Password("clear-text-secret")) }));
        var (pwStatus, pwBody, _) = await Admin.SendAsync(HttpMethod.Patch, "/admin/identities", tooManyPasswords);
        Assert.Equal(HttpStatusCode.BadRequest, pwStatus);
        Assert.Contains("201 clear-text passwords", pwBody!["error"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_large_batch_with_one_conflict_creates_every_other_identity_with_all_its_rows()
    {
        // 777 entries: several full multi-row statements and a shorter last one on both databases, and a conflict deep
        // inside, which sends the batch down the one-savepoint-per-identity path.
        var taken = Unique();
        await Server.CreateIdentityAsync(EmailIdentity(taken));
        var emails = Enumerable.Range(0, 777).Select(i => i == 500 ? taken : Unique()).ToList();
        foreach (var conflictAt in (int?[])[500, null])
        {
            var batch = conflictAt is null ? emails.Select((e, i) => i == 500 ? Unique() : e.Replace("@", "-again@", StringComparison.Ordinal)).ToList() : emails;
            var (status, body, _) = await Admin.SendAsync(HttpMethod.Patch, "/admin/identities",
                Batch(batch.Select(e => (JsonNode)new JsonObject { ["create"] = EmailIdentity(e, HashedPassword("$2a$10$ZsCsoVQ3xfBG/K2z2XpBf.tm90GZmtOqtqWcB5.pYd5Eq8y7RlDyq")) })));
            Assert.Equal(HttpStatusCode.OK, status);
            var results = body!["identities"]!.AsArray();
            Assert.Equal(777, results.Count);
            for (var i = 0; i < results.Count; i++)
            {
                Assert.Equal(i == conflictAt ? "error" : "create", results[i]!["action"]!.GetValue<string>());
            }

            foreach (var i in (int[])[0, 63, 64, 499, 501, 776])
            {
                var id = results[i]!["identity"]!.GetValue<string>();
                var (_, identity, _) = await Admin.GetJsonAsync($"/admin/identities/{id}");
                Assert.Equal(batch[i], identity!["traits"]!["email"]!.GetValue<string>());
                Assert.Equal([batch[i]], identity["credentials"]!["password"]!["identifiers"]!.AsArray().Select(n => n!.GetValue<string>()));
                Assert.Equal(batch[i], identity["verifiable_addresses"]!.AsArray().Single()!["value"]!.GetValue<string>());
                Assert.Equal(batch[i], identity["recovery_addresses"]!.AsArray().Single()!["value"]!.GetValue<string>());
                var (_, found, _) = await Admin.GetJsonAsync($"/admin/identities?credentials_identifier={Uri.EscapeDataString(batch[i])}");
                Assert.Equal(id, found!.AsArray().Single()!["id"]!.GetValue<string>());
            }
        }
    }

    [Fact]
    public async Task Filters_by_identifier_and_ids_and_refuses_combinations()
    {
        var a = await Server.CreateIdentityAsync(EmailIdentity(Unique()));
        var b = await Server.CreateIdentityAsync(EmailIdentity(Unique()));
        var email = a["traits"]!["email"]!.GetValue<string>();

        var (_, byIdentifier, _) = await Admin.GetJsonAsync($"/admin/identities?credentials_identifier={Uri.EscapeDataString(email.ToUpperInvariant())}");
        Assert.Equal(a["id"]!.GetValue<string>(), Assert.Single(byIdentifier!.AsArray())!["id"]!.GetValue<string>());

        var (_, byIds, _) = await Admin.GetJsonAsync($"/admin/identities?ids={a["id"]}&ids={b["id"]}");
        Assert.Equal(2, byIds!.AsArray().Count);

        var (combined, error, _) = await Admin.GetJsonAsync($"/admin/identities?ids={a["id"]}&credentials_identifier={email}");
        Assert.Equal(HttpStatusCode.BadRequest, combined);
        Assert.Equal("You cannot combine multiple filters in this API", error!["error"]!["reason"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.GetJsonAsync("/admin/identities?ids=nope")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.GetJsonAsync("/admin/identities?page_token=garbage")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.GetJsonAsync("/admin/identities?page_size=-1")).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Admin.GetJsonAsync("/admin/identities?include_credential=magic")).Status);
    }
}

public sealed class AdminIdentityListTests_Sqlite(SqliteServerFixture fixture) : AdminIdentityListTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class AdminIdentityListTests_Postgres(PostgresServerFixture fixture) : AdminIdentityListTests(fixture), IClassFixture<PostgresServerFixture>;
