using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.WebAuthn;

internal sealed partial class WebAuthnKey
{
    /// <summary>Kratos's fields of a key (<c>identity.CredentialWebAuthn</c>); an import keeps these and drops the rest, as Go's decoding does.</summary>
    static readonly string[] ImportedFields =
        ["id", "public_key", "attestation_type", "authenticator", "display_name", "added_at", "is_passwordless", "flags", "transport", "attestation"];

    /// <summary>
    /// A key from an admin import (<c>credentials.webauthn|passkey.config.credentials[]</c>), checked field by field as
    /// Kratos's typed decoding would: null with the reason, naming the field at <paramref name="path"/>, when it cannot
    /// serve as a key (no <c>id</c> or <c>public_key</c>, bytes that are not base64, a value of the wrong type).
    /// </summary>
    public static WebAuthnKey? Import(JsonNode? node, string path, out string? error)
    {
        if (node is not JsonObject o)
        {
            error = $"{path}: every credential must be an object";
            return null;
        }

        error = RequiredBytes(o, "id", path) ?? RequiredBytes(o, "public_key", path)
            ?? OptionalString(o, "attestation_type", path) ?? OptionalString(o, "display_name", path)
            ?? OptionalBool(o, "is_passwordless", path) ?? CheckAddedAt(o, path) ?? CheckTransport(o, path)
            ?? Object(o, "authenticator", path, a => OptionalBytes(a, "aaguid", path + ".authenticator") ?? CheckSignCount(a, path + ".authenticator")
                ?? OptionalBool(a, "clone_warning", path + ".authenticator"))
            ?? Object(o, "flags", path, f => OptionalBool(f, "user_present", path + ".flags") ?? OptionalBool(f, "user_verified", path + ".flags")
                ?? OptionalBool(f, "backup_eligible", path + ".flags") ?? OptionalBool(f, "backup_state", path + ".flags"))
            ?? Object(o, "attestation", path, a => OptionalBytes(a, "client_dataJSON", path + ".attestation")
                ?? OptionalBytes(a, "client_data_hash", path + ".attestation") ?? OptionalBytes(a, "authenticator_data", path + ".attestation")
                ?? OptionalBytes(a, "object", path + ".attestation") ?? Integer(a, "public_key_algorithm", path + ".attestation"));
        if (error is not null)
        {
            return null;
        }

        var known = new JsonObject();
        foreach (var field in ImportedFields)
        {
            if (o[field] is { } value)
            {
                known[field] = value.DeepClone();
            }
        }

        return Read(known);
    }

    static string? RequiredBytes(JsonObject o, string field, string path) =>
        o[field] is null ? $"{path}.{field} is required" : Bytes(o[field]) is { Length: > 0 } ? null : $"{path}.{field} must be a non-empty base64 string";

    static string? OptionalBytes(JsonObject o, string field, string path) =>
        o[field] is null || Bytes(o[field]) is not null ? null : $"{path}.{field} must be a base64 string";

    static string? OptionalString(JsonObject o, string field, string path) =>
        o[field] is null || Text(o[field]) is not null ? null : $"{path}.{field} must be a string";

    static string? OptionalBool(JsonObject o, string field, string path) =>
        o[field] is null || o[field] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : $"{path}.{field} must be a boolean";

    static string? CheckSignCount(JsonObject o, string path) =>
        o["sign_count"] is null || o["sign_count"] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<uint>(out _)
            ? null
            : $"{path}.sign_count must be an unsigned 32-bit integer";

    static string? Integer(JsonObject o, string field, string path) =>
        o[field] is null || o[field] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out _) ? null : $"{path}.{field} must be an integer";

    static string? CheckAddedAt(JsonObject o, string path) =>
        o["added_at"] is null || Text(o["added_at"]) is { } text
            && DateTimeOffset.TryParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null
            : $"{path}.added_at must be an RFC 3339 timestamp";

    static string? CheckTransport(JsonObject o, string path) =>
        o["transport"] is null || o["transport"] is JsonArray items && items.All(t => Text(t) is not null) ? null : $"{path}.transport must be an array of strings";

    static string? Object(JsonObject o, string field, string path, Func<JsonObject, string?> check) => o[field] switch
    {
        null => null,
        JsonObject inner => check(inner),
        _ => $"{path}.{field} must be an object",
    };
}
