using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Tessera.Config;
using Tessera.Hashing;
using Tessera.Hosting;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Infrastructure.HttpJson;

namespace Tessera.Tests.Hosting;

/// <summary>Schemas fetched over HTTP from a real server, and the argon2 hasher chosen by config.</summary>
public sealed class SchemaSourceTests
{
    [Fact]
    public async Task A_schema_served_over_http_is_fetched_at_start()
    {
        var schemaPort = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{schemaPort}");
        await using var schemaServer = builder.Build();
        var schema = await File.ReadAllTextAsync(TesseraServer.FixturePath("schemas", "multi.schema.json"), TestContext.Current.CancellationToken);
        schemaServer.MapGet("/identity.schema.json", () => Results.Text(schema, "application/json"));
        await schemaServer.StartAsync(TestContext.Current.CancellationToken);

        await using var server = await TesseraServer.StartAsync(TestDatabase.Sqlite(), config =>
        {
            config["identity"]!["schemas"]!.AsArray().Add(new JsonObject { ["id"] = "remote", ["url"] = $"http://127.0.0.1:{schemaPort}/identity.schema.json" });
        });
        var (status, body, _) = await server.Public.GetJsonAsync("/schemas/remote");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Customer with several emails and a username", body!["title"]!.GetValue<string>());
        await schemaServer.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Hashers_algorithm_argon2_hashes_new_passwords_with_argon2id()
    {
        await using var server = await TesseraServer.StartAsync(TestDatabase.Sqlite(), config =>
        {
            config["hashers"] = JsonNode.Parse("""{"algorithm":"argon2","argon2":{"memory":"64KB","iterations":2}}""");
        });
        var created = await server.CreateIdentityAsync(EmailIdentity(Unique(), Password("a long enough password")));
        var (_, fetched, _) = await server.Admin.GetJsonAsync($"/admin/identities/{created["id"]}?include_credential=password");
        var hash = fetched!["credentials"]!["password"]!["config"]!["hashed_password"]!.GetValue<string>();
        Assert.StartsWith("$argon2id$v=19$m=64,t=2,p=1$", hash);
        Assert.True(HashFormats.Verify("a long enough password", hash));
    }
}
