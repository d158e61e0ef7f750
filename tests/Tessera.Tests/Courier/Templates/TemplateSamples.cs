using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Tessera.Courier.Templates;

namespace Tessera.Tests.Courier.Templates;

/// <summary>Sample message data and the fixture template folder.</summary>
internal static class TemplateSamples
{
    public const string IdentityJson = """
        {
          "id": "9f4c1e0a-7b2d-4c55-9e61-3f0a8b6c2d11",
          "schema_id": "default",
          "state": "active",
          "traits": { "email": "ada@example.com", "name": { "first": "ada", "last": "Lovelace" }, "newsletter": true },
          "verifiable_addresses": [
            { "value": "ada@example.com", "verified": true, "via": "email", "status": "completed" },
            { "value": "ada@work.example", "verified": false, "via": "email", "status": "pending" }
          ]
        }
        """;

    public static JsonObject Identity() => JsonNode.Parse(IdentityJson)!.AsObject();

    public static TemplateFields Fields(string code = "482913", JsonObject? transientPayload = null) => new()
    {
        To = "ada@example.com",
        Code = code,
        Url = "https://auth.example.com/self-service/verification?flow=f1&code=" + code,
        Identity = Identity(),
        Traits = Identity()["traits"]!.AsObject(),
        RequestUrl = "https://auth.example.com/self-service/recovery?flow=abc",
        TransientPayload = transientPayload,
        ExpiresInMinutes = 15,
        ChangedAt = "2024-05-17T08:30:00Z",
        AddedAt = "2024-05-18T09:00:00Z",
    };

    /// <summary>
    /// The fixture folder. Files under this test folder are not copied to the output, so it is found next to this
    /// source file (the tests run from the checkout that built them).
    /// </summary>
    public static string FixtureFolder([CallerFilePath] string sourceFile = "")
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Courier", "Templates", "Fixtures", "courier-templates");
        return Directory.Exists(copied) ? copied : Path.Combine(Path.GetDirectoryName(sourceFile)!, "Fixtures", "courier-templates");
    }
}
