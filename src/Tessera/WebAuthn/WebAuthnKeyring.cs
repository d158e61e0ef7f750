using System.Text.Json.Nodes;
using Tessera.Identities;

namespace Tessera.WebAuthn;

/// <summary>
/// The config of a <c>webauthn</c> or <c>passkey</c> credential: <c>{"credentials": [keys], "user_handle": base64}</c>
/// (API.md §8.4). Reading never fails: unreadable entries are skipped.
/// </summary>
internal sealed class WebAuthnKeyring
{
    public List<WebAuthnKey> Keys { get; } = [];

    public byte[]? UserHandle { get; set; }

    public static WebAuthnKeyring Read(Credential? credential)
    {
        var ring = new WebAuthnKeyring();
        if (credential is null)
        {
            return ring;
        }

        ring.UserHandle = WebAuthnKey.Bytes(credential.Config["user_handle"]);
        foreach (var node in credential.Config["credentials"] as JsonArray ?? [])
        {
            if (WebAuthnKey.Read(node) is { } key)
            {
                ring.Keys.Add(key);
            }
        }

        return ring;
    }

    public WebAuthnKey? Find(byte[] id) => Keys.FirstOrDefault(k => k.Id.AsSpan().SequenceEqual(id));

    public JsonObject ToJson() => new()
    {
        ["credentials"] = new JsonArray([.. Keys.Select(k => (JsonNode)k.ToJson())]),
        ["user_handle"] = UserHandle is null ? null : Convert.ToBase64String(UserHandle),
    };
}
