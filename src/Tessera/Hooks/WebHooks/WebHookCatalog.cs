using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Flows;

namespace Tessera.Hooks.WebHooks;

/// <summary>
/// Every configured <c>web_hook</c>, read and checked once at start-up, by the hook list it is in:
/// <c>selfservice.flows.&lt;flow&gt;.before.hooks</c>, <c>.after.hooks</c> and <c>.after.&lt;method&gt;.hooks</c>; and
/// <c>clients.web_hook.header_allowlist</c>, the request headers a hook is shown.
/// </summary>
internal sealed class WebHookCatalog
{
    /// <summary>Kratos's default <c>clients.web_hook.header_allowlist</c>.</summary>
    public static readonly IReadOnlyList<string> DefaultHeaderAllowlist =
    [
        "Accept", "Accept-Encoding", "Accept-Language", "Content-Length", "Content-Type", "Origin", "Priority", "Referer", "Sec-Ch-Ua",
        "Sec-Ch-Ua-Mobile", "Sec-Ch-Ua-Platform", "Sec-Fetch-Dest", "Sec-Fetch-Mode", "Sec-Fetch-Site", "Sec-Fetch-User", "True-Client-Ip", "User-Agent",
    ];

    static readonly FlowKind[] Kinds = [FlowKind.Login, FlowKind.Registration, FlowKind.Settings, FlowKind.Recovery, FlowKind.Verification];

    /// <summary>By the path of the hook list: its web hooks, and whether the list has any hook at all.</summary>
    readonly Dictionary<string, (bool Any, IReadOnlyList<WebHookOptions> Hooks)> _lists;

    WebHookCatalog(Dictionary<string, (bool, IReadOnlyList<WebHookOptions>)> lists, IReadOnlyList<string> headerAllowlist)
    {
        _lists = lists;
        HeaderAllowlist = headerAllowlist;
    }

    /// <summary>The request headers (canonical names) passed to hooks in <c>ctx.request_headers</c>.</summary>
    public IReadOnlyList<string> HeaderAllowlist { get; }

    /// <summary>Reads every hook list of <paramref name="config"/> and loads each web hook's body template.</summary>
    /// <exception cref="Hosting.StartupException">A web hook is misconfigured; the message names the key.</exception>
    public static async Task<WebHookCatalog> LoadAsync(TesseraConfig config, HttpClient http, Action<string> warn, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(config);
        var lists = new Dictionary<string, (bool, IReadOnlyList<WebHookOptions>)>(StringComparer.Ordinal);
        foreach (var kind in Kinds)
        {
            var flow = $"selfservice.flows.{kind.Name()}";
            await AddAsync(lists, config, $"{flow}.before.hooks", http, warn, ct).ConfigureAwait(false);
            await AddAsync(lists, config, $"{flow}.after.hooks", http, warn, ct).ConfigureAwait(false);
            foreach (var (method, section) in ConfigNode.At(config.Root, $"{flow}.after") as JsonObject ?? [])
            {
                if (section is JsonObject && method != "hooks")
                {
                    await AddAsync(lists, config, $"{flow}.after.{method}.hooks", http, warn, ct).ConfigureAwait(false);
                }
            }
        }

        var allowlist = ConfigNode.At(config.Root, "clients.web_hook.header_allowlist") is JsonArray
            ? ConfigNode.Strings(config.Root, "clients.web_hook.header_allowlist")
            : DefaultHeaderAllowlist;
        return new WebHookCatalog(lists, allowlist);
    }

    static async Task AddAsync(Dictionary<string, (bool, IReadOnlyList<WebHookOptions>)> lists, TesseraConfig config, string path, HttpClient http,
        Action<string> warn, CancellationToken ct)
    {
        if (ConfigNode.At(config.Root, path) is not JsonArray entries)
        {
            return;
        }

        var hooks = new List<WebHookOptions>();
        for (var i = 0; i < entries.Count; i++)
        {
            if (ConfigNode.String(entries[i], "hook") == "web_hook")
            {
                hooks.Add(await WebHookOptions.LoadAsync(entries[i]!, $"{path}.{i}", config.ConfigDirectory, http, warn, ct).ConfigureAwait(false));
            }
        }

        lists[path] = (entries.Count > 0, hooks);
    }

    /// <summary>The web hooks that run when a flow of <paramref name="kind"/> is created.</summary>
    public IReadOnlyList<WebHookOptions> Before(FlowKind kind) => Hooks($"selfservice.flows.{kind.Name()}.before.hooks");

    /// <summary>
    /// The after-hooks of a flow for a method, as Kratos picks them: the method's own list when it has any hook, else the
    /// flow's <c>after.hooks</c> (the lists are never merged).
    /// </summary>
    public IReadOnlyList<WebHookOptions> After(FlowKind kind, string? method)
    {
        var flow = $"selfservice.flows.{kind.Name()}.after";
        return method is not null && _lists.TryGetValue($"{flow}.{method}.hooks", out var specific) && specific.Any
            ? specific.Hooks
            : Hooks($"{flow}.hooks");
    }

    /// <summary>
    /// Registration and settings: the hooks that run before the identity is written (<c>can_interrupt</c> or
    /// <c>response.parse</c>). Kratos takes them from the method's own list only, never from <c>after.hooks</c>.
    /// </summary>
    public IReadOnlyList<WebHookOptions> PrePersist(FlowKind kind, string method) =>
        Hooks($"selfservice.flows.{kind.Name()}.after.{method}.hooks").Where(h => h.PrePersist).ToList();

    /// <summary>Registration and settings: the hooks that run once the identity is written (neither interrupting nor parsing).</summary>
    public IReadOnlyList<WebHookOptions> PostPersist(FlowKind kind, string method) => After(kind, method).Where(h => !h.PrePersist).ToList();

    IReadOnlyList<WebHookOptions> Hooks(string path) => _lists.TryGetValue(path, out var list) ? list.Hooks : [];
}
