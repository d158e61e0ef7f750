using System.Text;
using System.Text.Json.Nodes;
using Tessera.WebAuthn;

namespace Tessera.Identities.Import;

internal static partial class CredentialsImport
{
    /// <summary>
    /// <c>webauthn</c> and <c>passkey</c>: <c>{"credentials": [keys in the stored shape], "user_handle": base64}</c>, merged
    /// into what the identity has (Kratos's <c>mergeWebAuthnCredentials</c>): a key with a known id replaces it, a new one is
    /// appended, and a missing user handle keeps the previous one. Webauthn identifiers stay as they are (the writer derives
    /// them from the traits); a passkey is found by its user handle, so that handle becomes an identifier, and a passkey
    /// import without one, or without any key, is refused.
    /// </summary>
    static string? ImportWebAuthn(Identity identity, string type, JsonObject config, DateTime now)
    {
        var path = $"credentials.{type}.config";
        var given = new List<WebAuthnKey>();
        switch (config["credentials"])
        {
            case null:
                break;
            case JsonArray entries:
                for (var i = 0; i < entries.Count; i++)
                {
                    if (WebAuthnKey.Import(entries[i], $"{path}.credentials[{i}]", out var error) is not { } key)
                    {
                        return error;
                    }

                    given.Add(key);
                }

                break;
            default:
                return $"{path}.credentials must be an array";
        }

        byte[]? userHandle = null;
        if (config["user_handle"] is { } handleNode && (userHandle = WebAuthnKey.Bytes(handleNode)) is null)
        {
            return $"{path}.user_handle must be a base64 string";
        }

        var previous = identity.Credentials.GetValueOrDefault(type);
        var ring = WebAuthnKeyring.Read(previous);
        foreach (var key in given)
        {
            var index = ring.Keys.FindIndex(k => k.Id.AsSpan().SequenceEqual(key.Id));
            if (index >= 0)
            {
                ring.Keys[index] = key;
            }
            else
            {
                ring.Keys.Add(key);
            }
        }

        if (userHandle is { Length: > 0 })
        {
            ring.UserHandle = userHandle;
        }

        List<string> identifiers = [.. previous?.Identifiers ?? []];
        if (type == CredentialsType.Passkey)
        {
            if (ring.UserHandle is not { Length: > 0 })
            {
                // Kratos's wording: the login finds a passkey by the handle its authenticator returns, which cannot be made up here.
                return "Passkey credential import requires a non-empty user_handle. It must match the WebAuthn user handle stored on the authenticator.";
            }

            if (ring.Keys.Count == 0)
            {
                return "Passkey credential import requires at least one entry in credentials.passkey.config.credentials.";
            }

            // As the passkey strategy stores it: the handle's bytes read as UTF-8.
            if (userHandle is { Length: > 0 } && Encoding.UTF8.GetString(userHandle) is var identifier && !identifiers.Contains(identifier))
            {
                identifiers.Add(identifier);
            }
        }

        // Kratos replaces the credential with one of version 0 carrying the merged config.
        var credential = Ensure(identity, type, now, version: 0);
        credential.Version = 0;
        credential.Identifiers = identifiers;
        credential.Config = ring.ToJson();
        return null;
    }
}
