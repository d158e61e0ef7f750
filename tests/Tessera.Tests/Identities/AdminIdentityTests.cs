using System.Net;
using System.Text.Json.Nodes;
using Tessera.Hashing;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Infrastructure.HttpJson;

namespace Tessera.Tests.Identities;

/// <summary>The admin identity API over HTTP, written once and run against SQLite and PostgreSQL.</summary>
public abstract class AdminIdentityTests(ServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    HttpClient Admin => Server.Admin;

    [Fact]
    public async Task Create_with_clear_text_password_hashes_it_and_hides_the_config()
    {
        var email = Unique();
        var (status, body, response) = await Admin.PostJsonAsync("/admin/identities", EmailIdentity(email.ToUpperInvariant(), Password("correct horse battery")));

        Assert.Equal(HttpStatusCode.Created, status);
        var id = body!["id"]!.GetValue<string>();
        Assert.Equal(new Uri(Server.AdminUrl, "identities/" + id), response.Headers.Location);
        Assert.Equal("default", body["schema_id"]!.GetValue<string>());
        Assert.Equal(new Uri(Server.PublicUrl, "schemas/ZGVmYXVsdA").ToString(), body["schema_url"]!.GetValue<string>());
        Assert.Equal("active", body["state"]!.GetValue<string>());
        Assert.NotNull(body["state_changed_at"]);
        Assert.Equal("null", JsonValueKind(body["metadata_public"]));
        Assert.Equal("null", JsonValueKind(body["metadata_admin"]));
        Assert.Equal("null", JsonValueKind(body["organization_id"]));
        var password = body["credentials"]!["password"]!;
        Assert.Equal([email], password["identifiers"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Null(password["config"]);
        Assert.Equal(1, password["version"]!.GetValue<int>());
        Assert.Equal(email, body["verifiable_addresses"]![0]!["value"]!.GetValue<string>());
        Assert.False(body["verifiable_addresses"]![0]!["verified"]!.GetValue<bool>());
        Assert.Equal("pending", body["verifiable_addresses"]![0]!["status"]!.GetValue<string>());
        Assert.Equal(email, body["recovery_addresses"]![0]!["value"]!.GetValue<string>());

        var (_, fetched, _) = await Admin.GetJsonAsync($"/admin/identities/{id}?include_credential=password");
        var hash = fetched!["credentials"]!["password"]!["config"]!["hashed_password"]!.GetValue<string>();
        Assert.StartsWith("$2a$04$", hash);
        Assert.True(HashFormats.Verify("correct horse battery", hash));
        Assert.False(HashFormats.Verify("wrong", hash));
    }

    static string JsonValueKind(JsonNode? node) => node is null ? "null" : node.GetValueKind().ToString();

    [Theory]
    [InlineData("$2a$10$ZsCsoVQ3xfBG/K2z2XpBf.tm90GZmtOqtqWcB5.pYd5Eq8y7RlDyq")]
    [InlineData("$argon2id$v=19$m=16,t=2,p=1$bVI1aE1SaTV6SGQ3bzdXdw$fnjCcZYmEPOUOjYXsT92Cg")]
    [InlineData("$argon2i$v=19$m=65536,t=3,p=4$STVE4CQ9qQ1dK/j224VMbA$o8b+k5wdHgBqf7ES+aWG2K7Y9diQ6ahEhbW8zcstXGo")]
    [InlineData("$pbkdf2-sha256$i=1000,l=128$e8/arsEf4cvQihdNgqj0Nw$5xQQKNTyeTHx2Ld5/JDE7A")]
    [InlineData("$scrypt$ln=16384,r=8,p=1$ZtQva9xCHzlSELH/mA7Kj5KjH2tCrkbwYzdxknkL0QQ=$pnTcXKaWVT+FwFDdk3vO1K0J7ZgOxdSU1tCJNYmn8zI=")]
    [InlineData("$md5$4QrcOUm6Wau+VuBX8g+IPg==")]
    [InlineData("$hmac-sha256$YjhhZDA4YTNhNTQ3ZTM1ODI5YjgyMWI3NTM3MDMwMWRkOGM0YjA2YmRkNzc3MWY5YjU0MWE3NTkxNDA2ODcxOA==$MTIzNDU2")]
    public async Task Imported_hashes_are_kept_and_verify_the_original_password(string hash)
    {
        var (status, body, _) = await Admin.PostJsonAsync("/admin/identities", EmailIdentity(Unique(), HashedPassword(hash)));
        Assert.Equal(HttpStatusCode.Created, status);

        var (_, fetched, _) = await Admin.GetJsonAsync($"/admin/identities/{body!["id"]}?include_credential=password");
        var stored = fetched!["credentials"]!["password"]!["config"]!["hashed_password"]!.GetValue<string>();
        Assert.Equal(hash, stored);
        Assert.True(HashFormats.Verify("123456", stored));
        Assert.False(HashFormats.Verify("1234567", stored));
    }

    [Fact]
    public async Task Unknown_hash_format_is_a_400_and_nothing_is_stored()
    {
        var email = Unique();
        var (status, body, _) = await Admin.PostJsonAsync("/admin/identities", EmailIdentity(email, HashedPassword("$nope$abc")));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("The imported password does not match any known hash format.", body!["error"]!["reason"]!.GetValue<string>());
        Assert.Empty((await Admin.GetJsonAsync($"/admin/identities?credentials_identifier={email}")).Body!.AsArray());
    }

    [Fact]
    public async Task Same_email_in_another_case_conflicts_with_409()
    {
        var email = Unique();
        await Server.CreateIdentityAsync(EmailIdentity(email));
        var (status, body, response) = await Admin.PostJsonAsync("/admin/identities", EmailIdentity(email.ToUpperInvariant()));
        Assert.Equal(HttpStatusCode.Conflict, status);
        Assert.Equal(409, body!["error"]!["code"]!.GetValue<int>());
        Assert.Equal("Conflict", body["error"]!["status"]!.GetValue<string>());
        Assert.Equal("This identity conflicts with another identity that already exists.", body["error"]!["reason"]!.GetValue<string>());
        Assert.StartsWith("application/json", response.Content.Headers.ContentType!.ToString());
    }

    [Fact]
    public async Task Concurrent_creates_of_one_email_give_exactly_one_identity()
    {
        var email = Unique("race");
        var attempts = Enumerable.Range(0, 16).Select(_ => Admin.PostJsonAsync("/admin/identities", EmailIdentity(email)));
        var results = await Task.WhenAll(attempts);

        Assert.Equal(1, results.Count(r => r.Status == HttpStatusCode.Created));
        Assert.All(results.Where(r => r.Status != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.Status));
        Assert.Single((await Admin.GetJsonAsync($"/admin/identities?credentials_identifier={email}")).Body!.AsArray());
    }

    [Theory]
    [InlineData("""{"traits":{"email":"not-an-email"}}""", "#/traits/email] S[#/properties/traits/properties/email/format]")]
    [InlineData("""{"traits":{}}""", "#/traits")]
    [InlineData("""{"traits":{"email":"a@b.co","extra":1}}""", "#/traits] S[#/properties/traits/additionalProperties] additionalProperties \"extra\" not allowed")]
    public async Task Invalid_traits_are_a_400_naming_the_trait(string json, string pointer)
    {
        var (status, body, _) = await Admin.PostJsonAsync("/admin/identities", Obj(json));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("I[" + pointer, body!["error"]!["reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""{"schema_id":"nope","traits":{"email":"x@example.com"}}""", "unable to find JSON Schema ID: nope")]
    [InlineData("""{"traits":{"email":"x@example.com"},"unknown":true}""", "json: unknown field \"unknown\"")]
    [InlineData("""{"traits":{"email":"x@example.com"},"state":"sleeping"}""", "identity state \"sleeping\" is not valid; use active or inactive")]
    [InlineData("""{"traits":"text"}""", "json: field \"traits\" must be a JSON object")]
    [InlineData("""[1,2]""", "json: the request body must be a JSON object")]
    public async Task Bad_bodies_are_a_400_with_a_reason(string json, string reason)
    {
        var (status, body, _) = await Admin.PostJsonAsync("/admin/identities", JsonNode.Parse(json)!);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(reason, body!["error"]!["reason"]!.GetValue<string>());
        Assert.Equal("The request was malformed or contained invalid parameters", body["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task Malformed_json_wrong_type_and_huge_bodies_get_the_generic_error()
    {
        using var malformed = await Admin.PostAsync("/admin/identities", new StringContent("{\"traits\":", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.StartsWith("Unable to decode JSON payload", (await ReadError(malformed))["reason"]!.GetValue<string>());

        using var text = await Admin.PostAsync("/admin/identities", new StringContent("{}", System.Text.Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(415, (await ReadError(text))["code"]!.GetValue<int>());

        // 100-continue lets the server refuse the 10 MB body before the client sends it, as a careful client would.
        var huge = new string('a', 10 * 1024 * 1024);
        using var bigRequest = new HttpRequestMessage(HttpMethod.Post, "/admin/identities")
        {
            Content = new StringContent($"{{\"traits\":{{\"email\":\"{huge}\"}}}}", System.Text.Encoding.UTF8, "application/json"),
        };
        bigRequest.Headers.ExpectContinue = true;
        using var big = await Admin.SendAsync(bigRequest);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, big.StatusCode);
        Assert.Equal(413, (await ReadError(big))["code"]!.GetValue<int>());

        using var missing = await Admin.GetAsync("/admin/no-such-route");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("The requested resource could not be found", (await ReadError(missing))["message"]!.GetValue<string>());

        using var method = await Admin.PutAsync("/admin/identities", new StringContent("{}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, method.StatusCode);
        Assert.Equal(405, (await ReadError(method))["code"]!.GetValue<int>());
    }

    static async Task<JsonNode> ReadError(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["error"]!;

    [Fact]
    public async Task Get_delete_and_unknown_ids()
    {
        var created = await Server.CreateIdentityAsync(EmailIdentity(Unique()));
        var id = created["id"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetJsonAsync($"/admin/identities/{id}")).Status);
        Assert.Equal(HttpStatusCode.OK, (await Admin.GetJsonAsync($"/identities/{id}")).Status); // prefix optional on admin

        using var deleted = await Admin.DeleteAsync($"/admin/identities/{id}");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetJsonAsync($"/admin/identities/{id}")).Status);
        using var again = await Admin.DeleteAsync($"/admin/identities/{id}");
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetJsonAsync("/admin/identities/not-a-uuid")).Status);
    }

    [Fact]
    public async Task Put_replaces_traits_and_keeps_verification_state_of_unchanged_addresses()
    {
        var first = Unique();
        var created = await Server.CreateIdentityAsync(new JsonObject
        {
            ["traits"] = new JsonObject { ["email"] = first },
            ["verifiable_addresses"] = new JsonArray(new JsonObject { ["value"] = first, ["via"] = "email", ["verified"] = true, ["status"] = "completed" }),
            ["metadata_public"] = new JsonObject { ["plan"] = "pro" },
            ["external_id"] = "crm-" + Guid.NewGuid().ToString("N"),
        });
        var id = created["id"]!.GetValue<string>();
        Assert.True(created["verifiable_addresses"]![0]!["verified"]!.GetValue<bool>());
        Assert.NotNull(created["verifiable_addresses"]![0]!["verified_at"]);

        var second = Unique();
        var (status, updated, _) = await Admin.SendAsync(HttpMethod.Put, $"/admin/identities/{id}", new JsonObject
        {
            ["traits"] = new JsonObject { ["email"] = second },
            ["state"] = "inactive",
            ["metadata_admin"] = new JsonObject { ["note"] = "vip" },
        });
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("inactive", updated!["state"]!.GetValue<string>());
        Assert.Equal(second, updated["verifiable_addresses"]![0]!["value"]!.GetValue<string>());
        Assert.False(updated["verifiable_addresses"]![0]!["verified"]!.GetValue<bool>());
        Assert.Equal("null", JsonValueKind(updated["metadata_public"]));
        Assert.Equal("vip", updated["metadata_admin"]!["note"]!.GetValue<string>());
        Assert.Null(updated["external_id"]);
        Assert.Equal([second], updated["credentials"]!["password"]!["identifiers"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.NotEqual(created["state_changed_at"]!.GetValue<string>(), updated["state_changed_at"]!.GetValue<string>());

        // the old address is free again, the new one is taken
        Assert.Equal(HttpStatusCode.Created, (await Admin.PostJsonAsync("/admin/identities", EmailIdentity(first))).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await Admin.PostJsonAsync("/admin/identities", EmailIdentity(second))).Status);
    }

    [Fact]
    public async Task Put_that_conflicts_is_a_409_and_changes_nothing()
    {
        var taken = Unique();
        await Server.CreateIdentityAsync(EmailIdentity(taken));
        var mine = await Server.CreateIdentityAsync(EmailIdentity(Unique()));
        var id = mine["id"]!.GetValue<string>();

        var (status, _, _) = await Admin.SendAsync(HttpMethod.Put, $"/admin/identities/{id}", new JsonObject { ["traits"] = new JsonObject { ["email"] = taken } });
        Assert.Equal(HttpStatusCode.Conflict, status);
        var (_, after, _) = await Admin.GetJsonAsync($"/admin/identities/{id}");
        Assert.Equal(mine["traits"]!.ToJsonString(), after!["traits"]!.ToJsonString());
        Assert.Equal(mine["updated_at"]!.GetValue<string>(), after["updated_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task External_id_lookup_and_uniqueness()
    {
        var external = "crm-" + Guid.NewGuid().ToString("N");
        var created = await Server.CreateIdentityAsync(new JsonObject { ["traits"] = new JsonObject { ["email"] = Unique() }, ["external_id"] = external });
        var (status, found, _) = await Admin.GetJsonAsync($"/admin/identities/by/external/{external}");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(created["id"]!.GetValue<string>(), found!["id"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict,
            (await Admin.PostJsonAsync("/admin/identities", new JsonObject { ["traits"] = new JsonObject { ["email"] = Unique() }, ["external_id"] = external })).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await Admin.GetJsonAsync("/admin/identities/by/external/nobody")).Status);
    }

    [Fact]
    public async Task A_schema_with_an_array_of_emails_derives_every_identifier_and_address()
    {
        var a = Unique();
        var b = Unique();
        var user = "user" + Guid.NewGuid().ToString("N")[..8];
        var created = await Server.CreateIdentityAsync(new JsonObject
        {
            ["schema_id"] = "multi",
            ["traits"] = new JsonObject { ["username"] = user.ToUpperInvariant(), ["emails"] = new JsonArray(a, b.ToUpperInvariant()) },
        });
        var identifiers = created["credentials"]!["password"]!["identifiers"]!.AsArray().Select(x => x!.GetValue<string>()).Order().ToArray();
        Assert.Equal(new[] { user, a, b }.Order().ToArray(), identifiers);
        Assert.Equal(2, created["verifiable_addresses"]!.AsArray().Count);
        Assert.Equal(2, created["recovery_addresses"]!.AsArray().Count);
        Assert.Equal(new[] { a, b }.Order().ToArray(), created["credentials"]!["code"]!["identifiers"]!.AsArray().Select(x => x!.GetValue<string>()).Order().ToArray());

        var (_, byUsername, _) = await Admin.GetJsonAsync($"/admin/identities?credentials_identifier={user.ToUpperInvariant()}");
        Assert.Equal(created["id"]!.GetValue<string>(), byUsername![0]!["id"]!.GetValue<string>());
    }
}

public sealed class AdminIdentityTests_Sqlite(SqliteServerFixture fixture) : AdminIdentityTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class AdminIdentityTests_Postgres(PostgresServerFixture fixture) : AdminIdentityTests(fixture), IClassFixture<PostgresServerFixture>;
