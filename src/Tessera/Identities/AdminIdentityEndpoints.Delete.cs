using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Errors;
using Tessera.Json;

namespace Tessera.Identities;

internal static partial class AdminIdentityEndpoints
{
    /// <summary><c>DELETE /admin/identities/{id}/credentials/{type}</c> with Kratos's rules for what may go.</summary>
    static async Task<IResult> DeleteCredentialAsync(string id, string type, HttpContext context, IdentityStore store, IdentityWriter writer)
    {
        var identity = Guid.TryParse(id, out var guid) ? await store.GetAsync(guid, context.RequestAborted).ConfigureAwait(false) : null;
        if (identity is null)
        {
            return new ApiErrorResult(ApiErrors.ResourceNotFound());
        }

        if (type is not (CredentialsType.Password or CredentialsType.Oidc or CredentialsType.Saml or CredentialsType.Totp
            or CredentialsType.LookupSecret or CredentialsType.WebAuthn))
        {
            return new ApiErrorResult(ApiErrors.BadRequest($"Credentials type {type} cannot be deleted."));
        }

        if (!identity.Credentials.TryGetValue(type, out var credential) || !IsSetUp(credential))
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
            default:
                var error = RemoveFirstFactor(identity, credential, context.Request.Query["identifier"].ToString());
                if (error is not null)
                {
                    return new ApiErrorResult(error);
                }

                break;
        }

        var updateError = await writer.UpdateAsync(identity, context.RequestAborted).ConfigureAwait(false);
        return updateError is null ? Results.NoContent() : new ApiErrorResult(updateError);
    }

    static ApiError? RemoveFirstFactor(Identity identity, Credential credential, string identifier)
    {
        var remaining = identity.Credentials.Values.Count(c => c != credential && IsFirstFactor(c));
        if (credential.Type == CredentialsType.Password)
        {
            if (remaining == 0)
            {
                return ApiErrors.BadRequest("You cannot remove the last first factor credential.");
            }

            identity.Credentials.Remove(credential.Type);
            return null;
        }

        // oidc / saml: one provider link, named by <provider>:<subject>
        if (string.IsNullOrEmpty(identifier))
        {
            return ApiErrors.BadRequest($"The identifier query parameter (<provider>:<subject>) is required to remove a {credential.Type} link.");
        }

        var providers = credential.Config["providers"] as JsonArray ?? [];
        var match = providers.FirstOrDefault(p => $"{Text(p.Child("provider"))}:{Text(p.Child("subject"))}" == identifier);
        if (match is null)
        {
            return ApiErrors.NotFound($"You tried to remove a {credential.Type} link {identifier} but this user has no such link.");
        }

        if (providers.Count == 1 && remaining == 0)
        {
            return ApiErrors.BadRequest("You cannot remove the last first factor credential.");
        }

        providers.Remove(match);
        credential.Identifiers.Remove(identifier);
        if (providers.Count == 0)
        {
            identity.Credentials.Remove(credential.Type);
        }

        return null;
    }

    static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    static bool IsSetUp(Credential credential) => credential.Type switch
    {
        CredentialsType.Password => credential.Config.ContainsKey("hashed_password") || credential.Config.ContainsKey("use_password_migration_hook"),
        CredentialsType.Oidc or CredentialsType.Saml => credential.Config["providers"] is JsonArray { Count: > 0 },
        CredentialsType.WebAuthn => credential.Config["credentials"] is JsonArray { Count: > 0 },
        _ => true,
    };

    /// <summary>Credentials that can log a user in alone (Kratos's first factors).</summary>
    static bool IsFirstFactor(Credential credential) => credential.Type switch
    {
        CredentialsType.Password or CredentialsType.Oidc or CredentialsType.Saml => IsSetUp(credential),
        CredentialsType.Passkey => credential.Config["credentials"] is JsonArray { Count: > 0 },
        CredentialsType.WebAuthn => (credential.Config["credentials"] as JsonArray ?? [])
            .Any(k => k.Child("is_passwordless") is JsonValue v && v.GetValueKind() == JsonValueKind.True),
        _ => false,
    };
}
