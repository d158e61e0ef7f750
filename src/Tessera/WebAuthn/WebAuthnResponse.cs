using System.Buffers.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fido2NetLib;
using Fido2NetLib.Objects;

namespace Tessera.WebAuthn;

/// <summary>
/// The browser's JSON result of <c>navigator.credentials.create/get</c> as the helper script submits it (byte fields
/// base64url), read into Fido2's raw response types. Fido2's serializer context has no entry for them, so they are
/// built by hand; anything malformed reads as null.
/// </summary>
internal static class WebAuthnResponse
{
    public static AuthenticatorAttestationRawResponse? ParseAttestation(string? json)
    {
        if (Parse(json) is not { } o || o["response"] is not JsonObject response
            || Bytes(o["rawId"]) is not { Length: > 0 } rawId
            || Bytes(response["attestationObject"]) is not { Length: > 0 } attestation
            || Bytes(response["clientDataJSON"]) is not { Length: > 0 } clientData)
        {
            return null;
        }

        return new AuthenticatorAttestationRawResponse
        {
            Id = Text(o["id"]) ?? Base64Url.EncodeToString(rawId),
            RawId = rawId,
            Type = PublicKeyCredentialType.PublicKey,
            Response = new AuthenticatorAttestationRawResponse.AttestationResponse
            {
                AttestationObject = attestation,
                ClientDataJson = clientData,
                Transports = [.. (response["transports"] as JsonArray ?? []).Select(t => Transport(Text(t))).OfType<AuthenticatorTransport>()],
            },
            ClientExtensionResults = new AuthenticationExtensionsClientOutputs(),
        };
    }

    public static AuthenticatorAssertionRawResponse? ParseAssertion(string? json)
    {
        if (Parse(json) is not { } o || o["response"] is not JsonObject response
            || Bytes(o["rawId"]) is not { Length: > 0 } rawId
            || Bytes(response["authenticatorData"]) is not { Length: > 0 } authenticatorData
            || Bytes(response["signature"]) is not { Length: > 0 } signature
            || Bytes(response["clientDataJSON"]) is not { Length: > 0 } clientData)
        {
            return null;
        }

        return new AuthenticatorAssertionRawResponse
        {
            Id = Text(o["id"]) ?? Base64Url.EncodeToString(rawId),
            RawId = rawId,
            Type = PublicKeyCredentialType.PublicKey,
            Response = new AuthenticatorAssertionRawResponse.AssertionResponse
            {
                AuthenticatorData = authenticatorData,
                Signature = signature,
                ClientDataJson = clientData,
                UserHandle = Bytes(response["userHandle"]) is { Length: > 0 } handle ? handle : null,
            },
            ClientExtensionResults = new AuthenticationExtensionsClientOutputs(),
        };
    }

    static JsonObject? Parse(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    static byte[]? Bytes(JsonNode? node)
    {
        if (Text(node) is not { Length: > 0 } text)
        {
            return null;
        }

        var trimmed = text.TrimEnd('=');
        return Base64Url.IsValid(trimmed) ? Base64Url.DecodeFromChars(trimmed) : null;
    }

    static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    static AuthenticatorTransport? Transport(string? name) => name switch
    {
        "usb" => AuthenticatorTransport.Usb,
        "nfc" => AuthenticatorTransport.Nfc,
        "ble" => AuthenticatorTransport.Ble,
        "smart-card" => AuthenticatorTransport.SmartCard,
        "hybrid" => AuthenticatorTransport.Hybrid,
        "internal" => AuthenticatorTransport.Internal,
        _ => null,
    };

    /// <summary>The wire names of <see cref="AuthenticatorTransport"/> (WebAuthn §5.8.4), as stored in <c>transport</c>.</summary>
    public static string TransportName(AuthenticatorTransport transport) => transport switch
    {
        AuthenticatorTransport.Usb => "usb",
        AuthenticatorTransport.Nfc => "nfc",
        AuthenticatorTransport.Ble => "ble",
        AuthenticatorTransport.SmartCard => "smart-card",
        AuthenticatorTransport.Hybrid => "hybrid",
        _ => "internal",
    };
}
