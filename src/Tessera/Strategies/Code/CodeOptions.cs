using System.Text.Json.Nodes;
using Tessera.Config;

namespace Tessera.Strategies.Code;

/// <summary><c>selfservice.methods.code.config</c>, with Kratos's defaults.</summary>
internal sealed record CodeOptions
{
    public const string ConfigPath = "selfservice.methods.code.config";

    /// <summary><c>lifespan</c>: how long a code stays usable (1h).</summary>
    public TimeSpan Lifespan { get; init; } = TimeSpan.FromHours(1);

    /// <summary><c>max_submissions</c>: code submissions a flow accepts before it refuses every code (5; the schema allows 1 to 255).</summary>
    public int MaxSubmissions { get; init; } = 5;

    /// <summary>
    /// <c>missing_credential_fallback_enabled</c> (false): an identity without code addresses still gets a login code, at
    /// its verifiable addresses (second factor) or at the e-mail it is known by as a password identifier (passwordless),
    /// for identities made before their schema marked a code identifier.
    /// </summary>
    public bool MissingCredentialFallback { get; init; }

    public static CodeOptions From(TesseraConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        return From(ConfigNode.At(config.Root, ConfigPath));
    }

    public static CodeOptions From(JsonNode? section) => new()
    {
        Lifespan = Duration.TryParse(ConfigNode.String(section, "lifespan"), out var span, out _) && span > TimeSpan.Zero ? span : TimeSpan.FromHours(1),
        MaxSubmissions = Math.Clamp(ConfigNode.Int(section, "max_submissions", 5), 1, 255),
        MissingCredentialFallback = ConfigNode.Bool(section, "missing_credential_fallback_enabled", false),
    };
}
