using System.Text.Json.Nodes;

namespace Tessera.Cli;

/// <summary>
/// The quick-start config of <c>tessera serve --dev</c> without a file: SQLite in the working folder, email + password,
/// recovery and verification by code. No SMTP server is configured: messages wait in the courier's queue, and in dev
/// mode <c>GET /admin/courier/messages</c> shows their bodies (codes included).
/// </summary>
internal static class DevDefaults
{
    public static JsonObject Config()
    {
        using var stream = typeof(DevDefaults).Assembly.GetManifestResourceStream("default.identity.schema.json")!;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return new JsonObject
        {
            ["dsn"] = "sqlite://./tessera.db?_fk=true",
            ["serve"] = new JsonObject
            {
                ["public"] = new JsonObject { ["base_url"] = "http://127.0.0.1:4433/" },
                ["admin"] = new JsonObject { ["base_url"] = "http://127.0.0.1:4434/" },
            },
            ["identity"] = new JsonObject
            {
                ["default_schema_id"] = "default",
                ["schemas"] = new JsonArray(new JsonObject { ["id"] = "default", ["url"] = "base64://" + Convert.ToBase64String(buffer.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_') }),
            },
            ["selfservice"] = new JsonObject
            {
                ["default_browser_return_url"] = "http://127.0.0.1:4455/",
                ["flows"] = new JsonObject
                {
                    ["recovery"] = new JsonObject { ["enabled"] = true },
                    ["verification"] = new JsonObject { ["enabled"] = true },
                },
            },
        };
    }
}
