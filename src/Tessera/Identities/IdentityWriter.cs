using System.Text.Json.Nodes;
using Tessera.Errors;
using Tessera.Hashing;
using Tessera.Identities.Import;
using Tessera.Persistence;
using Tessera.Schemas;

namespace Tessera.Identities;

/// <summary>
/// The one way identities are written: validate the traits against their schema, derive credential identifiers and
/// addresses from the schema's extension, then persist in one transaction. Every caller (admin API, and later the
/// self-service flows) goes through here, so identifiers and addresses never drift from the traits, and the available
/// AAL never drifts from the credentials (<see cref="CredentialFactors"/>).
/// </summary>
internal sealed class IdentityWriter(IdentityStore store, SchemaRegistry schemas, IPasswordHasher hasher, CredentialFactors factors, TimeProvider time)
{
    public IPasswordHasher Hasher => hasher;

    public CredentialFactors Factors => factors;

    public DateTime Now()
    {
        // Microseconds: what PostgreSQL keeps, so both databases answer the same timestamps.
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - (now.Ticks % 10), DateTimeKind.Utc);
    }

    /// <summary>Builds a new identity from a create body, ready for <see cref="CreateAsync"/>; null with an error otherwise.</summary>
    public Identity? FromCreateBody(IdentityBody body, out ApiError? error, out int clearTextPasswords)
    {
        clearTextPasswords = 0;
        var now = Now();
        var state = string.IsNullOrEmpty(body.State) ? IdentityState.Active : body.State;
        if (!IdentityState.IsValid(state))
        {
            error = ApiErrors.BadRequest($"identity state \"{state}\" is not valid; use active or inactive");
            return null;
        }

        var identity = new Identity
        {
            Id = Persistence.RowId.New(),
            SchemaId = string.IsNullOrEmpty(body.SchemaId) ? schemas.DefaultId : body.SchemaId,
            Traits = body.Traits,
            State = state,
            StateChangedAt = now,
            MetadataPublic = body.MetadataPublic,
            MetadataAdmin = body.MetadataAdmin,
            ExternalId = string.IsNullOrEmpty(body.ExternalId) ? null : body.ExternalId,
            OrganizationId = body.OrganizationId,
            CreatedAt = now,
            UpdatedAt = now,
        };
        if (body.Credentials is not null
            && CredentialsImport.Apply(identity, body.Credentials, hasher, now, out clearTextPasswords) is { } importError)
        {
            error = ApiErrors.BadRequest(importError);
            return null;
        }

        error = Derive(identity, body.VerifiableAddresses, previous: null, now);
        return error is null ? identity : null;
    }

    /// <summary>A new active identity from self-service traits (already validated by the caller), identifiers derived.</summary>
    public Identity? NewIdentity(string schemaId, JsonObject traits, out ApiError? error)
    {
        var now = Now();
        var identity = new Identity
        {
            Id = Persistence.RowId.New(),
            SchemaId = schemaId,
            Traits = traits,
            State = IdentityState.Active,
            StateChangedAt = now,
            CreatedAt = now,
            UpdatedAt = now,
        };
        error = Derive(identity, null, previous: null, now);
        return error is null ? identity : null;
    }

    /// <summary>
    /// Validates the traits and brings identifiers and addresses in line with them. Addresses that exist already keep
    /// their id and verification state; <paramref name="verifiable"/> overrides the state of derived ones. (Given recovery
    /// addresses carry nothing beyond via and value, so the derived ones already stand for them.)
    /// </summary>
    public ApiError? Derive(Identity identity, IReadOnlyList<AddressInput>? verifiable, Identity? previous, DateTime? at = null)
    {
        var schema = schemas.Find(identity.SchemaId);
        if (schema is null || schema.Id != identity.SchemaId)
        {
            return ApiErrors.BadRequest($"unable to find JSON Schema ID: {identity.SchemaId}");
        }

        var errors = TraitsValidator.Validate(schema, identity.Traits);
        if (errors.Count > 0)
        {
            var details = new JsonObject
            {
                ["errors"] = new JsonArray(errors.Select(e => (JsonNode)new JsonObject
                {
                    ["instance_ptr"] = e.InstancePointer,
                    ["schema_ptr"] = e.SchemaPointer,
                    ["keyword"] = e.Keyword,
                    ["message"] = e.Message,
                }).ToArray()),
            };
            return ApiErrors.BadRequest(string.Join("; ", errors.Select(e => e.ToString())), details);
        }

        var now = at ?? Now();
        var facts = TraitFacts.Extract(schema, identity.Traits);
        SyncIdentifiers(identity, CredentialsType.Password, facts.PasswordIdentifiers, now);
        SyncIdentifiers(identity, CredentialsType.WebAuthn, facts.WebAuthnIdentifiers, now);
        SyncCodeAddresses(identity, facts.CodeAddresses, now);
        identity.VerifiableAddresses = MergeVerifiable(facts.VerifiableAddresses, verifiable, previous?.VerifiableAddresses ?? identity.VerifiableAddresses, now);
        identity.RecoveryAddresses = MergeRecovery(facts.RecoveryAddresses, previous?.RecoveryAddresses ?? identity.RecoveryAddresses, now);
        return null;
    }

    public async Task<ApiError?> CreateAsync(Identity identity, CancellationToken ct)
    {
        identity.AvailableAal = factors.AvailableAal(identity);
        try
        {
            await store.CreateAsync(identity, ct).ConfigureAwait(false);
            return null;
        }
        catch (UniqueViolation)
        {
            return ApiErrors.IdentityConflict();
        }
    }

    /// <summary>Creates many identities in one transaction; per identity null, or the 409 it met.</summary>
    public async Task<ApiError?[]> CreateManyAsync(IReadOnlyList<Identity> identities, CancellationToken ct)
    {
        foreach (var identity in identities)
        {
            identity.AvailableAal = factors.AvailableAal(identity);
        }

        var inserted = await store.CreateManyAsync(identities, ct).ConfigureAwait(false);
        return inserted.Select(ok => ok ? null : ApiErrors.IdentityConflict()).ToArray();
    }

    public async Task<ApiError?> UpdateAsync(Identity identity, CancellationToken ct)
    {
        identity.UpdatedAt = Now();
        identity.AvailableAal = factors.AvailableAal(identity);
        try
        {
            return await store.UpdateAsync(identity, ct).ConfigureAwait(false) ? null : ApiErrors.ResourceNotFound();
        }
        catch (UniqueViolation)
        {
            return ApiErrors.IdentityConflict();
        }
    }

    static void SyncIdentifiers(Identity identity, string type, List<string> identifiers, DateTime now)
    {
        if (identifiers.Count == 0 && !identity.Credentials.ContainsKey(type))
        {
            return;
        }

        var credential = CredentialsImport.Ensure(identity, type, now, version: 1);
        credential.Identifiers = [.. identifiers];
    }

    static void SyncCodeAddresses(Identity identity, List<(string Channel, string Address)> addresses, DateTime now)
    {
        if (addresses.Count == 0 && !identity.Credentials.ContainsKey(CredentialsType.Code))
        {
            return;
        }

        var credential = CredentialsImport.Ensure(identity, CredentialsType.Code, now, version: 1);
        credential.Identifiers = addresses.Select(a => a.Address).Distinct().ToList();
        credential.Config = new JsonObject
        {
            ["addresses"] = new JsonArray(addresses.Select(a => (JsonNode)new JsonObject { ["channel"] = a.Channel, ["address"] = a.Address }).ToArray()),
        };
    }

    static List<VerifiableAddress> MergeVerifiable(List<(string Via, string Value)> derived, IReadOnlyList<AddressInput>? provided,
        List<VerifiableAddress> existing, DateTime now)
    {
        var result = new List<VerifiableAddress>();
        foreach (var (via, value) in derived)
        {
            var address = existing.FirstOrDefault(a => a.Via == via && a.Value == value)
                ?? new VerifiableAddress { Id = Persistence.RowId.New(), Via = via, Value = value, Status = VerifiableAddressStatus.Pending, CreatedAt = now, UpdatedAt = now };
            var given = provided?.FirstOrDefault(p => p.Via == via && TraitFacts.Address(p.Via, p.Value) == value);
            if (given is not null)
            {
                address.Verified = given.Verified ?? address.Verified;
                address.Status = given.Status ?? (address.Verified ? VerifiableAddressStatus.Completed : address.Status);
                address.VerifiedAt = address.Verified ? given.VerifiedAt ?? address.VerifiedAt ?? now : null;
                address.UpdatedAt = now;
            }

            result.Add(address);
        }

        return result;
    }

    static List<RecoveryAddress> MergeRecovery(List<(string Via, string Value)> derived, List<RecoveryAddress> existing, DateTime now) =>
        derived.Select(d => existing.FirstOrDefault(a => a.Via == d.Via && a.Value == d.Value)
                ?? new RecoveryAddress { Id = Persistence.RowId.New(), Via = d.Via, Value = d.Value, CreatedAt = now, UpdatedAt = now })
            .ToList();
}
