using Tessera.Requests;

namespace Tessera.Courier;

/// <summary>
/// The custom Jsonnet <c>body</c> templates of the HTTP channels, by channel id, read and parsed once at start-up (a
/// template that cannot be read or does not parse stops start-up, naming its key). A channel without one sends Kratos's
/// default body.
/// </summary>
internal sealed class CourierBodies(IReadOnlyDictionary<string, RequestBody> bodies)
{
    public static CourierBodies None { get; } = new(new Dictionary<string, RequestBody>());

    public RequestBody? For(string channelId) => bodies.GetValueOrDefault(channelId);

    public static async Task<CourierBodies> LoadAsync(CourierOptions options, string? configDirectory, HttpClient http, Action<string> warn,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(options);
        var bodies = new Dictionary<string, RequestBody>(StringComparer.Ordinal);
        foreach (var (id, path, request) in options.HttpRequests)
        {
            if (request.Body is { } url)
            {
                bodies[id] = await RequestBody.LoadAsync(path + ".body", url, configDirectory, http, warn, ct).ConfigureAwait(false);
            }
        }

        return new CourierBodies(bodies);
    }
}
