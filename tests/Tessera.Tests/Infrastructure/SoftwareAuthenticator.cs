using System.Buffers.Binary;
using System.Buffers.Text;
using System.Formats.Cbor;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Tessera.Tests.Infrastructure;

/// <summary>
/// A WebAuthn authenticator in software (P-256 / ES256 with .NET's own ECDsa): it answers the options a Tessera node
/// carries (<c>{"publicKey": …}</c>) with the JSON the helper script would submit, with a real attestation object
/// (<c>none</c>, or <c>packed</c> self-attestation) and real signed assertions with a counter.
/// </summary>
internal sealed class SoftwareAuthenticator : IDisposable
{
    readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    public byte[] CredentialId { get; } = RandomNumberGenerator.GetBytes(32);

    /// <summary>
    /// The user handle the authenticator was registered with (returned in assertions, as a discoverable credential does);
    /// set it to stand for a key registered elsewhere, as an admin import brings it.
    /// </summary>
    public byte[]? UserHandle { get; set; }

    /// <summary>The credential's public key as a COSE_Key, as a relying party stores it (an import's <c>public_key</c>).</summary>
    public byte[] PublicKey => CosePublicKey();

    public uint Counter { get; set; }

    public bool UserVerified { get; set; }

    public string CredentialIdHex => Convert.ToHexStringLower(CredentialId);

    /// <summary><c>navigator.credentials.create</c>: the attestation JSON for <paramref name="options"/>, as seen from <paramref name="origin"/>.</summary>
    public string Create(string options, string origin, bool packed = false, string? challengeOverride = null)
    {
        var publicKey = JsonNode.Parse(options)!["publicKey"]!;
        var rpId = publicKey["rp"]!["id"]!.GetValue<string>();
        UserHandle = Base64Url.DecodeFromChars(publicKey["user"]!["id"]!.GetValue<string>());
        var clientData = ClientData("webauthn.create", challengeOverride ?? publicKey["challenge"]!.GetValue<string>(), origin);
        var authData = AuthenticatorData(rpId, attested: true);
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        writer.WriteStartMap(3);
        writer.WriteTextString("fmt");
        writer.WriteTextString(packed ? "packed" : "none");
        writer.WriteTextString("attStmt");
        if (packed)
        {
            writer.WriteStartMap(2);
            writer.WriteTextString("alg");
            writer.WriteInt32(-7);
            writer.WriteTextString("sig");
            writer.WriteByteString(Sign(authData, clientData));
            writer.WriteEndMap();
        }
        else
        {
            writer.WriteStartMap(0);
            writer.WriteEndMap();
        }

        writer.WriteTextString("authData");
        writer.WriteByteString(authData);
        writer.WriteEndMap();
        return new JsonObject
        {
            ["id"] = Base64Url.EncodeToString(CredentialId),
            ["rawId"] = Base64Url.EncodeToString(CredentialId),
            ["type"] = "public-key",
            ["response"] = new JsonObject
            {
                ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
                ["attestationObject"] = Base64Url.EncodeToString(writer.Encode()),
                ["transports"] = new JsonArray("usb"),
            },
        }.ToJsonString();
    }

    /// <summary><c>navigator.credentials.get</c>: a signed assertion for <paramref name="options"/>; the counter moves on by one first.</summary>
    public string Get(string options, string origin, bool advanceCounter = true)
    {
        var publicKey = JsonNode.Parse(options)!["publicKey"]!;
        var rpId = publicKey["rpId"]!.GetValue<string>();
        if (advanceCounter)
        {
            Counter++;
        }

        var clientData = ClientData("webauthn.get", publicKey["challenge"]!.GetValue<string>(), origin);
        var authData = AuthenticatorData(rpId, attested: false);
        var response = new JsonObject
        {
            ["clientDataJSON"] = Base64Url.EncodeToString(clientData),
            ["authenticatorData"] = Base64Url.EncodeToString(authData),
            ["signature"] = Base64Url.EncodeToString(Sign(authData, clientData)),
        };
        if (UserHandle is not null)
        {
            response["userHandle"] = Base64Url.EncodeToString(UserHandle);
        }

        return new JsonObject
        {
            ["id"] = Base64Url.EncodeToString(CredentialId),
            ["rawId"] = Base64Url.EncodeToString(CredentialId),
            ["type"] = "public-key",
            ["response"] = response,
        }.ToJsonString();
    }

    static byte[] ClientData(string type, string challenge, string origin) =>
        Encoding.UTF8.GetBytes(new JsonObject { ["type"] = type, ["challenge"] = challenge, ["origin"] = origin, ["crossOrigin"] = false }.ToJsonString());

    /// <summary>WebAuthn §6.1: rpIdHash, flags (UP, UV, AT), signCount, and for a registration the attested credential data.</summary>
    byte[] AuthenticatorData(string rpId, bool attested)
    {
        var data = new List<byte>(SHA256.HashData(Encoding.UTF8.GetBytes(rpId)));
        byte flags = 0x01;
        if (UserVerified)
        {
            flags |= 0x04;
        }

        if (attested)
        {
            flags |= 0x40;
        }

        data.Add(flags);
        var counter = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(counter, Counter);
        data.AddRange(counter);
        if (attested)
        {
            data.AddRange(new byte[16]);
            var length = new byte[2];
            BinaryPrimitives.WriteUInt16BigEndian(length, (ushort)CredentialId.Length);
            data.AddRange(length);
            data.AddRange(CredentialId);
            data.AddRange(CosePublicKey());
        }

        return [.. data];
    }

    /// <summary>The EC2 public key as a COSE_Key map (RFC 9053): kty 2, alg -7, crv 1, x, y.</summary>
    byte[] CosePublicKey()
    {
        var p = _key.ExportParameters(false);
        var writer = new CborWriter(CborConformanceMode.Ctap2Canonical);
        writer.WriteStartMap(5);
        writer.WriteInt32(1);
        writer.WriteInt32(2);
        writer.WriteInt32(3);
        writer.WriteInt32(-7);
        writer.WriteInt32(-1);
        writer.WriteInt32(1);
        writer.WriteInt32(-2);
        writer.WriteByteString(p.Q.X!);
        writer.WriteInt32(-3);
        writer.WriteByteString(p.Q.Y!);
        writer.WriteEndMap();
        return writer.Encode();
    }

    byte[] Sign(byte[] authData, byte[] clientData) =>
        _key.SignData([.. authData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

    public void Dispose() => _key.Dispose();
}
