using System.Net;
using Tessera.Tests.Infrastructure;
using Xunit;

namespace Tessera.Tests.Hosting;

/// <summary>Health, version, schemas and the split between the public and the admin listener.</summary>
public sealed class ListenerTests(SqliteServerFixture fixture) : IClassFixture<SqliteServerFixture>
{
    TesseraServer Server => fixture.Require();

    [Theory]
    [InlineData("/health/alive")]
    [InlineData("/health/ready")]
    public async Task Health_answers_ok_on_both_listeners(string path)
    {
        foreach (var client in new[] { Server.Public, Server.Admin })
        {
            var (status, body, response) = await client.GetJsonAsync(path);
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("ok", body!["status"]!.GetValue<string>());
            var cache = response.Headers.CacheControl!;
            Assert.True(cache.Private && cache.NoCache && cache.NoStore && cache.MustRevalidate, cache.ToString());
        }

        Assert.Equal(HttpStatusCode.OK, (await Server.Admin.GetJsonAsync("/admin" + path)).Status);
    }

    [Fact]
    public async Task Version_is_served_on_both_listeners()
    {
        foreach (var client in new[] { Server.Public, Server.Admin })
        {
            var (status, body, _) = await client.GetJsonAsync("/version");
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.False(string.IsNullOrEmpty(body!["version"]!.GetValue<string>()));
        }
    }

    [Fact]
    public async Task Public_listener_redirects_admin_paths_and_admin_listener_redirects_self_service()
    {
        using var toAdmin = await Server.Public.GetAsync("/admin/identities?page_size=2");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, toAdmin.StatusCode);
        Assert.Equal(new Uri(Server.AdminUrl, "admin/identities?page_size=2"), toAdmin.Headers.Location);

        using var unprefixed = await Server.Public.GetAsync("/identities");
        Assert.Equal(new Uri(Server.AdminUrl, "admin/identities"), unprefixed.Headers.Location);

        using var toPublic = await Server.Admin.GetAsync("/self-service/login/browser");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, toPublic.StatusCode);
        Assert.Equal(new Uri(Server.PublicUrl, "self-service/login/browser"), toPublic.Headers.Location);

        using var whoami = await Server.Admin.GetAsync("/admin/sessions/whoami");
        Assert.Equal(new Uri(Server.PublicUrl, "sessions/whoami"), whoami.Headers.Location);
    }

    [Fact]
    public async Task Schemas_are_listed_and_fetched_by_id_or_encoded_id()
    {
        var (status, list, response) = await Server.Public.GetJsonAsync("/schemas");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["default", "multi"], list!.AsArray().Select(s => s!["id"]!.GetValue<string>()));
        Assert.Equal("object", list[0]!["schema"]!["type"]!.GetValue<string>());
        Assert.Equal("2", response.Headers.GetValues("X-Total-Count").Single());

        foreach (var path in new[] { "/schemas/default", "/schemas/ZGVmYXVsdA", "/admin/schemas/default" })
        {
            var (s, schema, _) = await Server.Public.GetJsonAsync(path);
            Assert.Equal(HttpStatusCode.OK, s);
            Assert.Equal("Person", schema!["title"]!.GetValue<string>());
        }

        var (adminStatus, adminSchema, _) = await Server.Admin.GetJsonAsync("/schemas/multi");
        Assert.Equal(HttpStatusCode.OK, adminStatus);
        Assert.NotNull(adminSchema!["properties"]);

        var (missing, error, _) = await Server.Public.GetJsonAsync("/schemas/nope");
        Assert.Equal(HttpStatusCode.NotFound, missing);
        Assert.Equal("Identity schema `nope` could not be found.", error!["error"]!["reason"]!.GetValue<string>());
    }
}
