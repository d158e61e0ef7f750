using System.Text.Json.Nodes;

namespace Tessera.Identities;

/// <summary>An identity as stored: traits per its schema, credentials by type, and the addresses derived from the traits.</summary>
internal sealed class Identity
{
    public Guid Id { get; set; }

    public string SchemaId { get; set; } = "";

    public JsonObject Traits { get; set; } = [];

    public string State { get; set; } = IdentityState.Active;

    public DateTime? StateChangedAt { get; set; }

    public JsonNode? MetadataPublic { get; set; }

    public JsonNode? MetadataAdmin { get; set; }

    public string? ExternalId { get; set; }

    public Guid? OrganizationId { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>
    /// The highest AAL the credentials allow (<c>identities.available_aal</c>: aal0, aal1, aal2); set by
    /// <see cref="IdentityWriter"/> on every write from <see cref="AvailableAal"/>, never by strategies.
    /// </summary>
    public string? AvailableAal { get; set; }

    public Dictionary<string, Credential> Credentials { get; } = new(StringComparer.Ordinal);

    public List<VerifiableAddress> VerifiableAddresses { get; set; } = [];

    public List<RecoveryAddress> RecoveryAddresses { get; set; } = [];
}
