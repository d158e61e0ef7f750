using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Errors;
using Tessera.Hashing;
using Tessera.Hosting;
using Tessera.Json;

namespace Tessera.Identities;

internal static partial class AdminIdentityEndpoints
{
    /// <summary>
    /// <c>PATCH /admin/identities/{id}</c>: RFC 6902 over the admin JSON of the identity (credentials with their config),
    /// then the patched document is read back and validated like any other write.
    /// </summary>
    static async Task<IResult> PatchAsync(string id, HttpContext context, IdentityStore store, IdentityWriter writer, TesseraConfig config)
    {
        var identity = Guid.TryParse(id, out var guid) ? await store.GetAsync(guid, context.RequestAborted).ConfigureAwait(false) : null;
        if (identity is null)
        {
            return new ApiErrorResult(ApiErrors.ResourceNotFound());
        }

        var (node, readError) = await RequestJson.ReadAsync(context).ConfigureAwait(false);
        if (readError is not null)
        {
            return new ApiErrorResult(readError);
        }

        if (!JsonPatchDocument.TryParse(node, out var patch, out var patchError))
        {
            return new ApiErrorResult(ApiErrors.BadRequest("failed to apply JSON patch: " + patchError));
        }

        var document = JsonNode.Parse(Serialize(identity, config))!;
        var applied = JsonPatch.Apply(document, patch!, IsPatchable);
        if (!applied.Succeeded)
        {
            return new ApiErrorResult(ApiErrors.BadRequest("failed to apply JSON patch: " + applied.Error));
        }

        var error = ReadBack(identity, applied.Document as JsonObject, writer.Now());
        error ??= writer.Derive(identity, null, previous: null);
        error ??= await writer.UpdateAsync(identity, context.RequestAborted).ConfigureAwait(false);
        return error is null ? IdentityResponse(200, identity, config) : new ApiErrorResult(error);
    }

    // "" is the whole document: replacing it would get round every other rule.
    static bool IsPatchable(string path) =>
        !(path.Length == 0 || path == "/id" || path.StartsWith("/id/", StringComparison.Ordinal)
          || path == "/state_changed_at" || path == "/credentials"
          || path.StartsWith("/credentials/oidc", StringComparison.Ordinal)
          || path.StartsWith("/credentials/saml", StringComparison.Ordinal));

    static string Serialize(Identity identity, TesseraConfig config)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            IdentityJson.Write(w, identity, IdentityView.Admin, config.Public.BaseUrl, new HashSet<string>(identity.Credentials.Keys));
        }

        return System.Text.Encoding.UTF8.GetString(buffer.ToArray());
    }

    /// <summary>Takes the writable fields of the patched document back into the identity; timestamps and ids stay the server's.</summary>
    static ApiError? ReadBack(Identity identity, JsonObject? doc, DateTime now)
    {
        if (doc is null)
        {
            return ApiErrors.BadRequest("failed to apply JSON patch: the result is not an identity object");
        }

        if (doc["traits"] is not JsonObject traits)
        {
            return ApiErrors.BadRequest("failed to apply JSON patch: traits must be an object");
        }

        identity.Traits = (JsonObject)traits.DeepClone();
        if (doc["schema_id"] is JsonValue schema && schema.GetValueKind() == JsonValueKind.String)
        {
            identity.SchemaId = schema.GetValue<string>();
        }

        var state = doc["state"] is JsonValue s && s.GetValueKind() == JsonValueKind.String ? s.GetValue<string>() : null;
        if (!IdentityState.IsValid(state))
        {
            return ApiErrors.BadRequest($"identity state \"{state}\" is not valid; use active or inactive");
        }

        if (state != identity.State)
        {
            identity.State = state!;
            identity.StateChangedAt = now;
        }

        identity.MetadataPublic = NullIfNull(doc["metadata_public"]);
        identity.MetadataAdmin = NullIfNull(doc["metadata_admin"]);
        identity.ExternalId = doc["external_id"] is JsonValue e && e.GetValueKind() == JsonValueKind.String && e.GetValue<string>().Length > 0
            ? e.GetValue<string>()
            : null;

        foreach (var address in identity.VerifiableAddresses)
        {
            var patched = (doc["verifiable_addresses"] as JsonArray)?.OfType<JsonObject>()
                .FirstOrDefault(a => a["id"] is JsonValue id && id.GetValueKind() == JsonValueKind.String && id.GetValue<string>() == address.Id.ToString());
            if (patched is null)
            {
                continue;
            }

            if (!JsonBodyReader.TryBool(patched, "verified", out var verified, out var error)
                || !JsonBodyReader.TryString(patched, "status", out var status, out error)
                || !JsonBodyReader.TryTime(patched, "verified_at", out var verifiedAt, out error))
            {
                return ApiErrors.BadRequest("failed to apply JSON patch: verifiable_addresses: " + error);
            }

            if (status is not null && !VerifiableAddressStatus.IsValid(status))
            {
                return ApiErrors.BadRequest("failed to apply JSON patch: verifiable address status must be one of pending, sent, completed");
            }

            address.Verified = verified ?? address.Verified;
            address.Status = status ?? address.Status;
            address.VerifiedAt = address.Verified ? verifiedAt ?? address.VerifiedAt ?? now : null;
            address.UpdatedAt = now;
        }

        foreach (var (type, credential) in identity.Credentials)
        {
            if (doc.Child("credentials").Child(type).Child("config") is not JsonObject config || JsonNode.DeepEquals(config, credential.Config))
            {
                continue;
            }

            if (type == CredentialsType.Password && config["hashed_password"] is { } hash)
            {
                var hashError = hash is JsonValue text && text.GetValueKind() == JsonValueKind.String
                    ? HashFormats.ImportError(text.GetValue<string>())
                    : "hashed_password must be a string";
                if (hashError is not null)
                {
                    return ApiErrors.BadRequest("failed to apply JSON patch: " + hashError);
                }
            }

            credential.Config = (JsonObject)config.DeepClone();
            credential.UpdatedAt = now;
        }

        return null;
    }

    static JsonNode? NullIfNull(JsonNode? node) => node is null || node.GetValueKind() == JsonValueKind.Null ? null : node.DeepClone();
}
