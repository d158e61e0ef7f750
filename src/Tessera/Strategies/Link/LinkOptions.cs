using System.Text.Json.Nodes;
using Tessera.Config;

namespace Tessera.Strategies.Link;

/// <summary>
/// <c>selfservice.methods.link.config</c>: <c>lifespan</c> of a link (1h). (<c>base_url</c> has no effect in Kratos any
/// more, the public base URL is used, and so it is here.)
/// </summary>
internal sealed record LinkOptions
{
    public const string ConfigPath = "selfservice.methods.link.config";

    public TimeSpan Lifespan { get; init; } = TimeSpan.FromHours(1);

    public static LinkOptions From(TesseraConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return From(ConfigNode.At(config.Root, ConfigPath));
    }

    public static LinkOptions From(JsonNode? section) => new()
    {
        Lifespan = Duration.TryParse(ConfigNode.String(section, "lifespan"), out var span, out _) && span > TimeSpan.Zero ? span : TimeSpan.FromHours(1),
    };
}
