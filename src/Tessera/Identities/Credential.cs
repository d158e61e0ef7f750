using System.Text.Json.Nodes;

namespace Tessera.Identities;

/// <summary>One credential of an identity; <see cref="Config"/> is the method's own JSON (a hash, a TOTP URL, …).</summary>
internal sealed class Credential
{
    public Guid Id { get; set; }

    public string Type { get; set; } = "";

    public List<string> Identifiers { get; set; } = [];

    public JsonObject Config { get; set; } = [];

    public int Version { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
