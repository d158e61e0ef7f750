using System.Net;
using System.Text.Json.Nodes;
using Tessera.Hashing;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Infrastructure.HttpJson;

namespace Tessera.Tests.Identities;

/// <summary><c>PATCH /admin/identities/{id}</c> with RFC 6902 patches: what may change, and what is refused without a trace.</summary>
public abstract class AdminIdentityPatchTests(ServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    HttpClient Admin => Server.Admin;

    async Task<(JsonObject Identity, string Id)> NewIdentityAsync()
    {
        var identity = await Server.CreateIdentityAsync(EmailIdentity(Unique(), Password("first password here")));
        return (identity, identity["id"]!.GetValue<string>());
    }

    Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PatchAsync(string id, string patch) =>
        Admin.SendAsync(HttpMethod.Patch, $"/admin/identities/{id}", JsonNode.Parse(patch));

    [Fact]
    public async Task Patching_traits_metadata_state_and_address_verification()
    {
        var (_, id) = await NewIdentityAsync();
        var email = Unique();
        var (status, body, _) = await PatchAsync(id, $$"""
            [
              {"op":"replace","path":"/traits/email","value":"{{email.ToUpperInvariant()}}"},
              {"op":"add","path":"/metadata_public","value":{"tier":"gold" } },
              {"op":"replace","path":"/state","value":"inactive"}
            ]
            """);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal([email], body!["credentials"]!["password"]!["identifiers"]!.AsArray().Select(x => x!.GetValue<string>()));
        Assert.Equal("gold", body["metadata_public"]!["tier"]!.GetValue<string>());
        Assert.Equal("inactive", body["state"]!.GetValue<string>());
        Assert.Null(body["credentials"]!["password"]!["config"]);
        Assert.False(body["verifiable_addresses"]![0]!["verified"]!.GetValue<bool>());

        var (verifiedStatus, verified, _) = await PatchAsync(id, """
            [{"op":"replace","path":"/verifiable_addresses/0/verified","value":true},
             {"op":"replace","path":"/verifiable_addresses/0/status","value":"completed"}]
            """);
        Assert.Equal(HttpStatusCode.OK, verifiedStatus);
        Assert.True(verified!["verifiable_addresses"]![0]!["verified"]!.GetValue<bool>());
        Assert.Equal("completed", verified["verifiable_addresses"]![0]!["status"]!.GetValue<string>());
        Assert.NotNull(verified["verifiable_addresses"]![0]!["verified_at"]);
    }

    [Fact]
    public async Task Patching_the_password_hash_takes_a_known_format_only()
    {
        var (_, id) = await NewIdentityAsync();
        const string hash = "$argon2id$v=19$m=16,t=2,p=1$bVI1aE1SaTV6SGQ3bzdXdw$fnjCcZYmEPOUOjYXsT92Cg";
        var (status, _, _) = await PatchAsync(id, $$"""[{"op":"replace","path":"/credentials/password/config/hashed_password","value":"{{hash}}"}]""");
        Assert.Equal(HttpStatusCode.OK, status);
        var (_, fetched, _) = await Admin.GetJsonAsync($"/admin/identities/{id}?include_credential=password");
        Assert.True(HashFormats.Verify("123456", fetched!["credentials"]!["password"]!["config"]!["hashed_password"]!.GetValue<string>()));

        var (bad, error, _) = await PatchAsync(id, """[{"op":"replace","path":"/credentials/password/config/hashed_password","value":"plain"}]""");
        Assert.Equal(HttpStatusCode.BadRequest, bad);
        Assert.Contains("does not match any known hash format", error!["error"]!["reason"]!.GetValue<string>());
        var (_, unchanged, _) = await Admin.GetJsonAsync($"/admin/identities/{id}?include_credential=password");
        Assert.Equal(hash, unchanged!["credentials"]!["password"]!["config"]!["hashed_password"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("""[{"op":"replace","path":"/id","value":"00000000-0000-0000-0000-000000000000"}]""")]
    [InlineData("""[{"op":"remove","path":"/credentials"}]""")]
    [InlineData("""[{"op":"add","path":"/credentials/oidc","value":{}}]""")]
    [InlineData("""[{"op":"replace","path":"","value":{}}]""")]
    [InlineData("""[{"op":"remove","path":"/traits/email"}]""")]
    [InlineData("""[{"op":"replace","path":"/traits/email","value":"not an email"}]""")]
    [InlineData("""[{"op":"replace","path":"/state","value":"asleep"}]""")]
    [InlineData("""[{"op":"test","path":"/state","value":"inactive"},{"op":"replace","path":"/state","value":"inactive"}]""")]
    [InlineData("""[{"op":"jump","path":"/state"}]""")]
    [InlineData("""{"op":"replace","path":"/state","value":"inactive"}""")]
    public async Task Refused_patches_are_a_400_and_change_nothing(string patch)
    {
        var (before, id) = await NewIdentityAsync();
        var (status, body, _) = await PatchAsync(id, patch);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(400, body!["error"]!["code"]!.GetValue<int>());
        var (_, after, _) = await Admin.GetJsonAsync($"/admin/identities/{id}");
        Assert.Equal(before["traits"]!.ToJsonString(), after!["traits"]!.ToJsonString());
        Assert.Equal(before["state"]!.GetValue<string>(), after["state"]!.GetValue<string>());
        Assert.Equal(before["updated_at"]!.GetValue<string>(), after["updated_at"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patching_an_unknown_identity_is_a_404()
    {
        var (status, _, _) = await PatchAsync(Guid.NewGuid().ToString(), """[{"op":"replace","path":"/state","value":"inactive"}]""");
        Assert.Equal(HttpStatusCode.NotFound, status);
    }
}

public sealed class AdminIdentityPatchTests_Sqlite(SqliteServerFixture fixture) : AdminIdentityPatchTests(fixture), IClassFixture<SqliteServerFixture>;

public sealed class AdminIdentityPatchTests_Postgres(PostgresServerFixture fixture) : AdminIdentityPatchTests(fixture), IClassFixture<PostgresServerFixture>;
