using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Hosting;
using Tessera.Requests;

namespace Tessera.Hooks.WebHooks;

/// <summary>
/// One configured <c>web_hook</c> (API.md §12.2): the request (url, method, headers, auth), its Jsonnet body, and how its
/// answer counts: <c>can_interrupt</c> and <c>response.parse</c> let it veto or change the flow's identity;
/// <c>response.ignore</c> sends it in the background and never waits for it.
/// </summary>
/// <param name="Key">where it is configured (<c>selfservice.flows.login.after.password.hooks.0</c>), for logs.</param>
/// <param name="Id"><c>config.id</c>, for logs only.</param>
internal sealed record WebHookOptions(string Key, string? Id, RequestOptions Request, RequestBody? Body, bool CanInterrupt, bool Ignore, bool Parse,
    bool EmitAnalyticsEvent)
{
    /// <summary>Registration and settings run such a hook before the identity is written, so that it can veto or change it.</summary>
    public bool PrePersist => CanInterrupt || Parse;

    /// <summary>What logs call the hook: its <c>id</c>, else its config key.</summary>
    public string Name => string.IsNullOrEmpty(Id) ? Key : Id;

    /// <summary>Reads the hook at <paramref name="key"/> (an entry of a hook list whose <c>hook</c> is <c>web_hook</c>) and loads its body template.</summary>
    /// <exception cref="StartupException">A key is missing or wrong, or the template cannot be read or parsed; the message names the key.</exception>
    public static async Task<WebHookOptions> LoadAsync(JsonNode entry, string key, string? configDirectory, HttpClient http, Action<string> warn,
        CancellationToken ct)
    {
        var path = key + ".config";
        if (ConfigNode.At(entry, "config") is not JsonObject config)
        {
            throw new StartupException($"{path}: is required for a web_hook");
        }

        var request = RequestOptions.Read(config, path, defaultMethod: null);
        var canInterrupt = ConfigNode.Bool(config, "can_interrupt", false);
        var ignore = ConfigNode.Bool(config, "response.ignore", false);
        var parse = ConfigNode.Bool(config, "response.parse", false);
        if (ignore && (parse || canInterrupt))
        {
            // Kratos refuses this combination when the hook runs; Tessera refuses it before serving.
            throw new StartupException($"{path}.response.ignore: cannot be true together with {(parse ? "response.parse" : "can_interrupt")}; "
                                       + "an ignored response cannot veto or change the flow");
        }

        RequestBody? body = null;
        if (request.Body is { } url)
        {
            request.RequireBodyContentType(path);
            body = await RequestBody.LoadAsync(path + ".body", url, configDirectory, http, warn, ct).ConfigureAwait(false);
        }

        return new WebHookOptions(key, ConfigNode.String(config, "id"), request, body, canInterrupt, ignore, parse,
            ConfigNode.Bool(config, "emit_analytics_event", true));
    }
}
