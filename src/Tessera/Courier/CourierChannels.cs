namespace Tessera.Courier;

/// <summary>
/// The configured channels by id, as Kratos's <c>CourierChannels</c> lists them: <c>email</c> from
/// <c>courier.delivery_strategy</c> (SMTP or HTTP), then each entry of <c>courier.channels</c>.
/// </summary>
internal sealed class CourierChannels : IDisposable
{
    readonly Dictionary<string, ICourierChannel> _channels = new(StringComparer.Ordinal);
    readonly HttpClient _http;

    public CourierChannels(CourierOptions options, CourierBodies bodies, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var logger = loggers.CreateLogger("Tessera.Courier");
        // One pooled client for every HTTP channel; the dispatcher bounds each attempt, so the client sets no timeout of its own.
        _http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
        _channels["email"] = options.DeliveryStrategy == "http"
            ? new HttpChannel("email", options.EmailRequest!, bodies.For("email"), _http, logger)
            : new SmtpChannel(options.Smtp, logger);
        foreach (var (id, request) in options.Channels)
        {
            _channels[id] = new HttpChannel(id, request, bodies.For(id), _http, logger);
        }
    }

    public ICourierChannel? Find(string id) => _channels.GetValueOrDefault(id);

    public void Dispose() => _http.Dispose();
}
