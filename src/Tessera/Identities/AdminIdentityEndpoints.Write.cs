using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Errors;
using Tessera.Hosting;
using Tessera.Identities.Import;

namespace Tessera.Identities;

internal static partial class AdminIdentityEndpoints
{
    const int MaxBatch = 1000;
    const int MaxBatchClearTextPasswords = 200;

    static async Task<IResult> CreateAsync(HttpContext context, IdentityWriter writer, TesseraConfig config)
    {
        var (node, readError) = await RequestJson.ReadAsync(context).ConfigureAwait(false);
        if (readError is not null)
        {
            return new ApiErrorResult(readError);
        }

        var body = IdentityBody.Parse(node, forCreate: true, out var parseError);
        if (body is null)
        {
            return new ApiErrorResult(ApiErrors.BadRequest(parseError!));
        }

        var identity = writer.FromCreateBody(body, out var error, out _);
        error ??= identity is null ? null : await writer.CreateAsync(identity, context.RequestAborted).ConfigureAwait(false);
        if (error is not null)
        {
            return new ApiErrorResult(error);
        }

        return IdentityResponse(201, identity!, config)
            .WithHeader("Location", new Uri(config.Admin.BaseUrl, "identities/" + identity!.Id).ToString());
    }

    static async Task<IResult> BatchAsync(HttpContext context, IdentityWriter writer)
    {
        var (node, readError) = await RequestJson.ReadAsync(context).ConfigureAwait(false);
        if (readError is not null)
        {
            return new ApiErrorResult(readError);
        }

        if (node is not JsonObject root || root["identities"] is not JsonArray entries)
        {
            return new ApiErrorResult(ApiErrors.BadRequest("The body must be an object with an \"identities\" array."));
        }

        if (entries.Count > MaxBatch)
        {
            return new ApiErrorResult(ApiErrors.BadRequest($"The request contains {entries.Count} identities; at most {MaxBatch} are allowed."));
        }

        // Decode everything first: a malformed entry fails the whole request before anything is written.
        var parsed = new List<(string? PatchId, IdentityBody Body)>();
        var clearText = 0;
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not JsonObject entry || JsonBodyReader.UnknownField(entry, BatchEntryFields) is not null)
            {
                return new ApiErrorResult(ApiErrors.BadRequest($"identities[{i}]: each entry is an object with \"create\" and an optional \"patch_id\""));
            }

            string? patchId = null;
            if (entry["patch_id"] is JsonValue p)
            {
                if (p.GetValueKind() != JsonValueKind.String || !Guid.TryParse(p.GetValue<string>(), out _))
                {
                    return new ApiErrorResult(ApiErrors.BadRequest($"identities[{i}].patch_id must be a UUID"));
                }

                patchId = p.GetValue<string>();
            }

            if (entry["create"] is not JsonObject create)
            {
                return new ApiErrorResult(ApiErrors.BadRequest($"identities[{i}]: \"create\" is required; Tessera's batch endpoint only creates identities"));
            }

            var body = IdentityBody.Parse(create, forCreate: true, out var parseError);
            if (body is null)
            {
                return new ApiErrorResult(ApiErrors.BadRequest($"identities[{i}].create: {parseError}"));
            }

            clearText += CredentialsImport.HasClearTextPassword(body.Credentials) ? 1 : 0;
            parsed.Add((patchId, body));
        }

        if (clearText > MaxBatchClearTextPasswords)
        {
            return new ApiErrorResult(ApiErrors.BadRequest(
                $"The request contains {clearText} clear-text passwords; at most {MaxBatchClearTextPasswords} are allowed per request, hash them beforehand."));
        }

        // Validate and hash every entry first, then write the valid ones in one transaction. Pre-hashed entries are
        // validated on every core (schema evaluation is most of a bulk import's CPU); clear-text passwords are hashed
        // one after another, so a batch of them cannot take the cores from the session checks.
        var prepared = new (string? PatchId, Identity? Identity, ApiError? Error)[parsed.Count];
        void Prepare(int i) => prepared[i] = (parsed[i].PatchId, writer.FromCreateBody(parsed[i].Body, out var error, out _), error);
        if (clearText == 0)
        {
            Parallel.For(0, parsed.Count, Prepare);
        }
        else
        {
            for (var i = 0; i < parsed.Count; i++)
            {
                Prepare(i);
            }
        }

        var valid = prepared.Where(p => p.Identity is not null).Select(p => p.Identity!).ToList();
        var conflicts = await writer.CreateManyAsync(valid, context.RequestAborted).ConfigureAwait(false);
        var outcome = valid.Zip(conflicts).ToDictionary(x => x.First, x => x.Second);
        var results = prepared.Select(p =>
        {
            var error = p.Error ?? outcome[p.Identity!];
            return error is null ? ("create", p.PatchId, (Guid?)p.Identity!.Id, (ApiError?)null) : ("error", p.PatchId, null, error);
        }).ToList();

        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteStartArray("identities");
            foreach (var (action, patchId, id, error) in results)
            {
                w.WriteStartObject();
                w.WriteString("action", action);
                if (id is { } created)
                {
                    w.WriteString("identity", created);
                }

                if (patchId is not null)
                {
                    w.WriteString("patch_id", patchId);
                }

                if (error is not null)
                {
                    w.WritePropertyName("error");
                    ApiErrorResult.WriteBody(w, error, null);
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    static readonly HashSet<string> BatchEntryFields = ["patch_id", "create"];

    static async Task<IResult> UpdateAsync(string id, HttpContext context, IdentityStore store, IdentityWriter writer, TesseraConfig config)
    {
        var existing = Guid.TryParse(id, out var guid) ? await store.GetAsync(guid, context.RequestAborted).ConfigureAwait(false) : null;
        if (existing is null)
        {
            return new ApiErrorResult(ApiErrors.ResourceNotFound());
        }

        var (node, readError) = await RequestJson.ReadAsync(context).ConfigureAwait(false);
        if (readError is not null)
        {
            return new ApiErrorResult(readError);
        }

        var body = IdentityBody.Parse(node, forCreate: false, out var parseError);
        if (body is null)
        {
            return new ApiErrorResult(ApiErrors.BadRequest(parseError!));
        }

        var now = writer.Now();
        if (!string.IsNullOrEmpty(body.SchemaId))
        {
            existing.SchemaId = body.SchemaId;
        }

        if (!string.IsNullOrEmpty(body.State))
        {
            if (!IdentityState.IsValid(body.State))
            {
                return new ApiErrorResult(ApiErrors.BadRequest($"identity state \"{body.State}\" is not valid; use active or inactive"));
            }

            if (body.State != existing.State)
            {
                existing.State = body.State;
                existing.StateChangedAt = now;
            }
        }

        // PUT replaces these wholesale, as Kratos does: an omitted field is cleared.
        existing.Traits = body.Traits;
        existing.MetadataPublic = body.MetadataPublic;
        existing.MetadataAdmin = body.MetadataAdmin;
        existing.ExternalId = string.IsNullOrEmpty(body.ExternalId) ? null : body.ExternalId;
        if (body.Credentials is not null && CredentialsImport.Apply(existing, body.Credentials, writer.Hasher, now, out _) is { } importError)
        {
            return new ApiErrorResult(ApiErrors.BadRequest(importError));
        }

        var error = writer.Derive(existing, null, previous: null) ?? await writer.UpdateAsync(existing, context.RequestAborted).ConfigureAwait(false);
        return error is null ? IdentityResponse(200, existing, config) : new ApiErrorResult(error);
    }
}
