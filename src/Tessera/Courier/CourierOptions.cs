using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Hosting;
using Tessera.Requests;

namespace Tessera.Courier;

/// <summary>The <c>courier</c> keys Tessera acts on, read and checked once at start-up with Kratos's defaults.</summary>
internal sealed class CourierOptions
{
    public CourierOptions(TesseraConfig config)
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
        var requests = new List<(string, string, RequestOptions)>();
        Smtp = SmtpOptions.From(config, "courier.smtp");
        if (DeliveryStrategy == "http")
        {
            EmailRequest = CourierRequestOptions.From(config.Root, EmailRequestPath)
                           ?? throw new StartupException("courier.http.request_config: is required when courier.delivery_strategy is http");
            requests.Add(("email", EmailRequestPath, EmailRequest));
        }

        var channels = new List<(string, RequestOptions)>();
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

            var request = CourierRequestOptions.From(config.Root, path + ".request_config")
                          ?? throw new StartupException($"{path}.request_config: is required");
            channels.Add((id, request));
            requests.Add((id, path + ".request_config", request));
        }

        Channels = channels;
        HttpRequests = requests;
    }

    /// <summary>Failed attempts retried before a message is abandoned: it gets <c>MessageRetries + 1</c> attempts in all.</summary>
    public int MessageRetries { get; }

    public int PullCount { get; }

    public TimeSpan PullWait { get; }

    /// <summary><c>smtp</c> or <c>http</c>: how the <c>email</c> channel delivers.</summary>
    public string DeliveryStrategy { get; }

    public SmtpOptions? Smtp { get; }

    public RequestOptions? EmailRequest { get; }

    const string EmailRequestPath = "courier.http.request_config";

    /// <summary>Every channel that posts over HTTP (email first when it does), with the config key of its request.</summary>
    public IReadOnlyList<(string ChannelId, string Path, RequestOptions Request)> HttpRequests { get; }

    /// <summary>The channels of <c>courier.channels</c> by id (<c>sms</c>), each an HTTP request.</summary>
    public IReadOnlyList<(string Id, RequestOptions Request)> Channels { get; }
}
