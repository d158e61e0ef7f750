using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows;
using Tessera.Tests.Infrastructure;
using Xunit;

namespace Tessera.Tests.Hooks;

/// <summary>What the web hook tests configure and read: hook entries, servers with hooks, and identities by e-mail.</summary>
internal static class WebHookHttp
{
    /// <summary>A <c>web_hook</c> entry posting to <paramref name="url"/>, with more <c>config</c> keys when given.</summary>
    public static JsonObject WebHook(string url, string? config = null)
    {
        var settings = config is null ? new JsonObject() : JsonNode.Parse(config)!.AsObject();
        settings["url"] = url;
        settings["method"] ??= "POST";
        return new JsonObject { ["hook"] = "web_hook", ["config"] = settings };
    }

    /// <summary>Sets <c>selfservice.flows.&lt;flow&gt;.&lt;stage&gt;</c> (<c>before</c>, <c>after</c>, <c>after.password</c>) to these hooks.</summary>
    public static void SetHooks(JsonObject config, string flow, string stage, params JsonNode[] hooks)
    {
        var flows = config["selfservice"]!["flows"]!.AsObject();
        var node = flows[flow] as JsonObject ?? (JsonObject)(flows[flow] = new JsonObject());
        foreach (var segment in stage.Split('.'))
        {
            node = node[segment] as JsonObject ?? (JsonObject)(node[segment] = new JsonObject());
        }

        node["hooks"] = new JsonArray(hooks.Select(h => h.DeepClone()).ToArray());
    }

    public static JsonObject SessionHook() => new() { ["hook"] = "session" };

    /// <summary>A server with the flow tests' config plus <paramref name="configure"/>; hooks retry after 10 ms (Kratos: 1 s).</summary>
    public static Task<TesseraServer> StartAsync(TestDatabase database, Action<JsonObject> configure, TimeSpan? timeout = null,
        Action<JsonObject>? baseConfig = null) =>
        TesseraServer.StartAsync(database, c =>
        {
            (baseConfig ?? FlowServerFixture.Apply)(c);
            configure(c);
        }, webHookTimeout: timeout, webHookRetryWait: TimeSpan.FromMilliseconds(10));

    /// <summary>The identities whose credentials carry <paramref name="identifier"/>.</summary>
    public static async Task<JsonArray> IdentitiesWithAsync(this TesseraServer server, string identifier)
    {
        var (status, body, _) = await server.Admin.GetJsonAsync("/admin/identities?credentials_identifier=" + Uri.EscapeDataString(identifier));
        Assert.Equal(HttpStatusCode.OK, status);
        return body!.AsArray();
    }

    /// <summary>The sessions of an identity, as the admin API lists them.</summary>
    public static async Task<JsonArray> SessionsOfAsync(this TesseraServer server, string identityId)
    {
        var (status, body, _) = await server.Admin.GetJsonAsync($"/admin/identities/{identityId}/sessions");
        Assert.Equal(HttpStatusCode.OK, status);
        return body!.AsArray();
    }
}
