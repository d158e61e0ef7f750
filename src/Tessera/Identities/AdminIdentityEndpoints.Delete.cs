using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Errors;
using Tessera.Json;

namespace Tessera.Identities;

internal static partial class AdminIdentityEndpoints
{
    /// <summary>
    /// <c>DELETE /admin/identities/{id}/credentials/{type}</c> in Kratos's order: the identity (404), the credential (404),
    /// then what the type allows: second factors go (webauthn keeps its passwordless keys), first factors (passkeys
    /// too, which Kratos does not delete yet) only while another remains, every other type (code, …) is refused with 400.
    /// </summary>
    static async Task<IResult> DeleteCredentialAsync(string id, string type, HttpContext context, IdentityStore store, IdentityWriter writer)
    {
        var identity = Guid.TryParse(id, out var guid) ? await store.GetAsync(guid, context.RequestAborted).ConfigureAwait(false) : null;
        if (identity is null)
        {
            return new ApiErrorResult(ApiErrors.ResourceNotFound());
        }

        if (!identity.Credentials.TryGetValue(type, out var credential))
        {
            return new ApiErrorResult(ApiErrors.NotFound($"You tried to remove a {type} but this user have no {type} set up."));
        }

        switch (type)
        {
            case CredentialsType.Totp or CredentialsType.LookupSecret:
                identity.Credentials.Remove(type);
                break;
            case CredentialsType.WebAuthn:
                // Only second-factor keys go; passwordless keys are first factors and stay.
                var keys = credential.Config["credentials"] as JsonArray ?? [];
                var kept = keys.Where(k => k.Child("is_passwordless") is JsonValue v && v.GetValueKind() == JsonValueKind.True).Select(k => k!.DeepClone()).ToArray();
                if (kept.Length == 0)
                {
                    identity.Credentials.Remove(type);
                }
                else
                {
                    credential.Config["credentials"] = new JsonArray(kept);
                }

                break;
            case CredentialsType.Password or CredentialsType.Oidc or CredentialsType.Saml:
                // Kratos counts every first factor the identity has, this one included.
                if (writer.Factors.CountFirstFactors(identity) < 2)
                {
                    return new ApiErrorResult(ApiErrors.BadRequest("You cannot remove the last first factor credential."));
                }

                var error = RemoveFirstFactor(identity, credential, context.Request.Query["identifier"].ToString());
                if (error is not null)
                {
                    return new ApiErrorResult(error);
                }

                break;
            case CredentialsType.Passkey:
                // Kratos has not built this yet (400 "cannot be deleted"); Tessera removes the passkeys, or the one key
                // named by its hex id, as long as the identity keeps a first factor.
                var passkeyError = RemovePasskeys(identity, credential, context.Request.Query["identifier"].ToString());
                if (passkeyError is not null)
                {
                    return new ApiErrorResult(passkeyError);
                }

                if (writer.Factors.CountFirstFactors(identity) < 1)
                {
                    return new ApiErrorResult(ApiErrors.BadRequest("You cannot remove the last first factor credential."));
                }

                break;
            default:
                return new ApiErrorResult(ApiErrors.BadRequest($"Credentials type {type} cannot be deleted."));
        }

        var updateError = await writer.UpdateAsync(identity, context.RequestAborted).ConfigureAwait(false);
        return updateError is null ? Results.NoContent() : new ApiErrorResult(updateError);
    }

    static ApiError? RemoveFirstFactor(Identity identity, Credential credential, string identifier)
    {
        if (credential.Type == CredentialsType.Password)
        {
            identity.Credentials.Remove(credential.Type);
            return null;
        }

        // oidc / saml: one provider link, named by <provider>:<subject>
        if (string.IsNullOrEmpty(identifier))
        {
            return ApiErrors.BadRequest("You must provide an identifier to delete this credential.");
        }

        var providers = credential.Config["providers"] as JsonArray ?? [];
        var match = providers.FirstOrDefault(p => $"{Text(p.Child("provider"))}:{Text(p.Child("subject"))}" == identifier);
        if (match is null)
        {
            return ApiErrors.NotFound($"The identifier `{identifier}` was not found among OIDC credentials.");
        }

        // Kratos keeps the credential, with the remaining links (possibly none).
        providers.Remove(match);
        credential.Identifiers.Remove(identifier);
        return null;
    }

    /// <summary>Every passkey, or with <paramref name="hexId"/> the one key of that credential id (404 when there is none).</summary>
    static ApiError? RemovePasskeys(Identity identity, Credential credential, string hexId)
    {
        var ring = WebAuthn.WebAuthnKeyring.Read(credential);
        if (!string.IsNullOrEmpty(hexId))
        {
            if (ring.Keys.FirstOrDefault(k => k.HexId == hexId.ToLowerInvariant()) is not { } key)
            {
                return ApiErrors.NotFound($"The identifier `{hexId}` was not found among passkey credentials.");
            }

            ring.Keys.Remove(key);
        }

        if (string.IsNullOrEmpty(hexId) || ring.Keys.Count == 0)
        {
            identity.Credentials.Remove(credential.Type);
        }
        else
        {
            credential.Config = ring.ToJson();
        }

        return null;
    }

    static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
