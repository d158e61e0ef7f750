using System.Text.Json.Nodes;

namespace Tessera.Config;

/// <summary>The effective configuration (files merged, environment applied) and everything wrong with it.</summary>
internal sealed record ConfigLoadResult(JsonObject Config, IReadOnlyList<ConfigError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}
