using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Identities;

/// <summary>The body of <c>POST /admin/identities</c> (createIdentityBody) and <c>PUT</c> (updateIdentityBody), decoded strictly.</summary>
internal sealed class IdentityBody
{
    static readonly HashSet<string> CreateFields = ["schema_id", "traits", "state", "metadata_public", "metadata_admin", "external_id",
        "verifiable_addresses", "recovery_addresses", "credentials", "organization_id"];

    static readonly HashSet<string> UpdateFields = ["schema_id", "traits", "state", "metadata_public", "metadata_admin", "external_id",
        "credentials", "organization_id"];

    public string? SchemaId { get; private set; }

    public JsonObject Traits { get; private set; } = [];

    public string? State { get; private set; }

    public JsonNode? MetadataPublic { get; private set; }

    public JsonNode? MetadataAdmin { get; private set; }

    public string? ExternalId { get; private set; }

    public Guid? OrganizationId { get; private set; }

    public List<AddressInput>? VerifiableAddresses { get; private set; }

    public List<AddressInput>? RecoveryAddresses { get; private set; }

    public JsonObject? Credentials { get; private set; }

    /// <summary>Decodes a body; on failure <paramref name="error"/> is the reason for a 400.</summary>
    public static IdentityBody? Parse(JsonNode? node, bool forCreate, out string? error)
    {
        if (node is not JsonObject json)
        {
            error = "json: the request body must be a JSON object";
            return null;
        }

        error = JsonBodyReader.UnknownField(json, forCreate ? CreateFields : UpdateFields);
        if (error is not null)
        {
            return null;
        }

        var body = new IdentityBody();
        if (!JsonBodyReader.TryString(json, "schema_id", out var schemaId, out error)
            || !JsonBodyReader.TryString(json, "state", out var state, out error)
            || !JsonBodyReader.TryString(json, "external_id", out var externalId, out error)
            || !JsonBodyReader.TryString(json, "organization_id", out var organization, out error))
        {
            return null;
        }

        body.SchemaId = schemaId;
        body.State = state;
        body.ExternalId = externalId;
        if (!string.IsNullOrEmpty(organization))
        {
            if (!Guid.TryParse(organization, out var org))
            {
                error = "json: field \"organization_id\" must be a UUID";
                return null;
            }

            body.OrganizationId = org;
        }

        switch (json["traits"])
        {
            case null:
                break;
            case JsonObject traits:
                body.Traits = (JsonObject)traits.DeepClone();
                break;
            default:
                error = "json: field \"traits\" must be a JSON object";
                return null;
        }

        body.MetadataPublic = NullIfJsonNull(json["metadata_public"]);
        body.MetadataAdmin = NullIfJsonNull(json["metadata_admin"]);
        switch (json["credentials"])
        {
            case null:
                break;
            case JsonObject credentials:
                body.Credentials = credentials;
                break;
            default:
                error = "json: field \"credentials\" must be a JSON object";
                return null;
        }

        body.VerifiableAddresses = ParseAddresses(json, "verifiable_addresses", verifiable: true, ref error);
        body.RecoveryAddresses = ParseAddresses(json, "recovery_addresses", verifiable: false, ref error);
        return error is null ? body : null;
    }

    static JsonNode? NullIfJsonNull(JsonNode? node) =>
        node is null || node.GetValueKind() == JsonValueKind.Null ? null : node.DeepClone();

    static List<AddressInput>? ParseAddresses(JsonObject json, string name, bool verifiable, ref string? error)
    {
        if (error is not null || json[name] is null)
        {
            return null;
        }

        if (json[name] is not JsonArray array)
        {
            error = $"json: field \"{name}\" must be an array";
            return null;
        }

        var result = new List<AddressInput>();
        foreach (var item in array)
        {
            if (item is not JsonObject address)
            {
                error = $"json: every entry of \"{name}\" must be an object";
                return null;
            }

            if (!JsonBodyReader.TryString(address, "via", out var via, out error)
                || !JsonBodyReader.TryString(address, "value", out var value, out error)
                || !JsonBodyReader.TryString(address, "status", out var status, out error)
                || !JsonBodyReader.TryBool(address, "verified", out var verified, out error)
                || !JsonBodyReader.TryTime(address, "verified_at", out var verifiedAt, out error))
            {
                error = $"{name}: {error}";
                return null;
            }

            if (via is not ("email" or "sms") || string.IsNullOrWhiteSpace(value))
            {
                error = $"{name}: every address needs a \"value\" and a \"via\" of \"email\" or \"sms\"";
                return null;
            }

            if (verifiable && status is not null && !VerifiableAddressStatus.IsValid(status))
            {
                error = $"{name}: \"status\" must be one of pending, sent, completed";
                return null;
            }

            result.Add(new AddressInput(via, value, verified, status, verifiedAt));
        }

        return result;
    }
}
