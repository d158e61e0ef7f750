using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Hosting;

namespace Tessera.Courier;

/// <summary>The <c>courier</c> keys Tessera acts on, read and checked once at start-up with Kratos's defaults.</summary>
internal sealed class CourierOptions
{
    CourierOptions(TesseraConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        MessageRetries = ConfigNode.Int(config.Root, "courier.message_retries", 5);
        if (MessageRetries < 0)
        {
            throw new StartupException($"courier.message_retries: {MessageRetries} is negative");
        }

        PullCount = ConfigNode.Int(config.Root, "courier.worker.pull_count", 10);
        if (PullCount < 1)
        {
            throw new StartupException($"courier.worker.pull_count: {PullCount} must be at least 1");
        }

        var wait = ConfigNode.String(config.Root, "courier.worker.pull_wait", "1s");
        if (!Duration.TryParse(wait, out var pullWait, out var error))
        {
            throw new StartupException("courier.worker.pull_wait: " + error);
        }

        if (pullWait <= TimeSpan.Zero)
        {
            throw new StartupException($"courier.worker.pull_wait: \"{wait}\" must be longer than zero");
        }

        PullWait = pullWait;
        DeliveryStrategy = ConfigNode.String(config.Root, "courier.delivery_strategy", "smtp")!;
        Smtp = SmtpOptions.From(config, "courier.smtp");
    }

    /// <summary>
    /// Reads and checks the <c>courier</c> keys. HTTP body templates are fetched (they may be http(s) URLs) and parsed now,
    /// so a template that cannot be read or does not parse stops start-up.
    /// </summary>
    /// <exception cref="StartupException">A key Tessera cannot honour; the message names it.</exception>
    public static async Task<CourierOptions> LoadAsync(TesseraConfig config, HttpClient http, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(config);
        var options = new CourierOptions(config);
        if (options.DeliveryStrategy == "http")
        {
            options.EmailRequest = await CourierRequestOptions.LoadAsync(config.Root, "courier.http.request_config", config.ConfigDirectory, http, ct)
                .ConfigureAwait(false) ?? throw new StartupException("courier.http.request_config: is required when courier.delivery_strategy is http");
        }

        var channels = new List<(string, CourierRequestOptions)>();
        var list = ConfigNode.At(config.Root, "courier.channels") as JsonArray ?? [];
        for (var i = 0; i < list.Count; i++)
        {
            var path = $"courier.channels.{i}";
            var id = ConfigNode.String(list[i], "id") ?? "";
            var type = ConfigNode.String(list[i], "type", "http");
            if (type != "http")
            {
                throw new StartupException($"{path}.type: \"{type}\" channels are not supported; use http");
            }

            if (channels.Exists(c => c.Item1 == id))
            {
                throw new StartupException($"{path}.id: the channel \"{id}\" is configured twice");
            }

            channels.Add((id, await CourierRequestOptions.LoadAsync(config.Root, path + ".request_config", config.ConfigDirectory, http, ct).ConfigureAwait(false)
                              ?? throw new StartupException($"{path}.request_config: is required")));
        }

        options.Channels = channels;
        return options;
    }

    /// <summary>Failed attempts retried before a message is abandoned: it gets <c>MessageRetries + 1</c> attempts in all.</summary>
    public int MessageRetries { get; }

    public int PullCount { get; }

    public TimeSpan PullWait { get; }

    /// <summary><c>smtp</c> or <c>http</c>: how the <c>email</c> channel delivers.</summary>
    public string DeliveryStrategy { get; }

    public SmtpOptions? Smtp { get; }

    public CourierRequestOptions? EmailRequest { get; private set; }

    /// <summary>The channels of <c>courier.channels</c> by id (<c>sms</c>), each an HTTP request.</summary>
    public IReadOnlyList<(string Id, CourierRequestOptions Request)> Channels { get; private set; } = [];
}
