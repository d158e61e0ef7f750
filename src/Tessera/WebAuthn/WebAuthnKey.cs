using System.Formats.Cbor;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fido2NetLib.Objects;

namespace Tessera.WebAuthn;

/// <summary>
/// One registered authenticator in a <c>webauthn</c> or <c>passkey</c> credential (API.md §8.4), in Kratos's shape:
/// byte fields as standard base64 (Go's <c>[]byte</c>), <c>added_at</c> in whole seconds. Fields Tessera does not use
/// (<c>attestation</c>, …) are kept as they were read.
/// </summary>
internal sealed partial class WebAuthnKey
{
    JsonObject _source = [];

    public byte[] Id { get; set; } = [];

    /// <summary>The COSE-encoded public key, as go-webauthn and Fido2 both keep it.</summary>
    public byte[] PublicKey { get; set; } = [];

    public string AttestationType { get; set; } = "none";

    public byte[] Aaguid { get; set; } = new byte[16];

    public uint SignCount { get; set; }

    public bool CloneWarning { get; set; }

    public string DisplayName { get; set; } = "";

    public DateTime AddedAt { get; set; }

    public bool IsPasswordless { get; set; }

    public bool UserPresent { get; set; }

    public bool UserVerified { get; set; }

    public bool BackupEligible { get; set; }

    public bool BackupState { get; set; }

    public List<string> Transport { get; set; } = [];

    /// <summary>How settings name the key in <c>webauthn_remove</c> / <c>passkey_remove</c>: lower-case hex.</summary>
    public string HexId => Convert.ToHexStringLower(Id);

    /// <summary>A key from a verified registration, added at <paramref name="now"/> (whole seconds, as Kratos keeps it).</summary>
    public static WebAuthnKey FromRegistration(RegisteredPublicKeyCredential credential, string? displayName, bool passwordless, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(credential);
        var flags = Flags(credential.AttestationObject);
        return new WebAuthnKey
        {
            Id = credential.Id,
            PublicKey = credential.PublicKey,
            // go-webauthn, and so Kratos, records the attestation statement format ("none", "packed", …).
            AttestationType = credential.AttestationFormat ?? "none",
            Aaguid = credential.AaGuid.ToByteArray(bigEndian: true),
            SignCount = credential.SignCount,
            DisplayName = displayName ?? "",
            AddedAt = new DateTime(now.Ticks - (now.Ticks % TimeSpan.TicksPerSecond), DateTimeKind.Utc),
            IsPasswordless = passwordless,
            UserPresent = (flags & 0x01) != 0,
            UserVerified = (flags & 0x04) != 0,
            BackupEligible = credential.IsBackupEligible,
            BackupState = credential.IsBackedUp,
            Transport = [.. (credential.Transports ?? []).Select(WebAuthnResponse.TransportName)],
        };
    }

    /// <summary>The flags byte of the authenticator data inside an attestation object (WebAuthn §6.1), or 0.</summary>
    static byte Flags(byte[]? attestationObject)
    {
        if (attestationObject is null)
        {
            return 0;
        }

        try
        {
            var reader = new CborReader(attestationObject, CborConformanceMode.Lax);
            var count = reader.ReadStartMap() ?? 0;
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadTextString();
                if (key == "authData")
                {
                    var data = reader.ReadByteString();
                    return data.Length > 32 ? data[32] : (byte)0;
                }

                reader.SkipValue();
            }
        }
        catch (CborContentException)
        {
        }
        catch (InvalidOperationException)
        {
        }

        return 0;
    }

    public static WebAuthnKey? Read(JsonNode? node)
    {
        if (node is not JsonObject o || Bytes(o["id"]) is not { Length: > 0 } id)
        {
            return null;
        }

        var authenticator = o["authenticator"] as JsonObject;
        var flags = o["flags"] as JsonObject;
        return new WebAuthnKey
        {
            _source = (JsonObject)o.DeepClone(),
            Id = id,
            PublicKey = Bytes(o["public_key"]) ?? [],
            AttestationType = Text(o["attestation_type"]) ?? "",
            Aaguid = Bytes(authenticator?["aaguid"]) ?? new byte[16],
            SignCount = authenticator?["sign_count"] is JsonValue count && count.TryGetValue<uint>(out var n) ? n : 0,
            CloneWarning = Flag(authenticator?["clone_warning"]),
            DisplayName = Text(o["display_name"]) ?? "",
            AddedAt = Text(o["added_at"]) is { } added && DateTime.TryParse(added, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at) ? at : default,
            IsPasswordless = Flag(o["is_passwordless"]),
            UserPresent = Flag(flags?["user_present"]),
            UserVerified = Flag(flags?["user_verified"]),
            BackupEligible = Flag(flags?["backup_eligible"]),
            BackupState = Flag(flags?["backup_state"]),
            Transport = (o["transport"] as JsonArray)?.Select(Text).OfType<string>().ToList() ?? [],
        };
    }

    public JsonObject ToJson()
    {
        var o = (JsonObject)_source.DeepClone();
        o["id"] = Convert.ToBase64String(Id);
        o["public_key"] = Convert.ToBase64String(PublicKey);
        o["attestation_type"] = AttestationType;
        o["authenticator"] = new JsonObject
        {
            ["aaguid"] = Convert.ToBase64String(Aaguid),
            ["sign_count"] = SignCount,
            ["clone_warning"] = CloneWarning,
        };
        o["display_name"] = DisplayName;
        o["added_at"] = AddedAt.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        o["is_passwordless"] = IsPasswordless;
        o["flags"] = new JsonObject
        {
            ["user_present"] = UserPresent,
            ["user_verified"] = UserVerified,
            ["backup_eligible"] = BackupEligible,
            ["backup_state"] = BackupState,
        };
        if (Transport.Count > 0)
        {
            o["transport"] = new JsonArray([.. Transport.Select(t => (JsonNode)JsonValue.Create(t))]);
        }
        else
        {
            o.Remove("transport");
        }

        return o;
    }

    internal static byte[]? Bytes(JsonNode? node)
    {
        if (Text(node) is not { } text)
        {
            return null;
        }

        try
        {
            return Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    static bool Flag(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.True;
}
