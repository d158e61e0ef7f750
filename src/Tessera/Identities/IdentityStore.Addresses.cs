using System.Data.Common;
using Tessera.Persistence;

namespace Tessera.Identities;

/// <summary>Addresses by value, and the few address columns that recovery and verification change without rewriting the identity.</summary>
internal sealed partial class IdentityStore
{
    /// <summary>The recovery address with this via and (normalized) value, and its owner; null when nobody has it.</summary>
    public async Task<(Guid IdentityId, RecoveryAddress Address)?> FindRecoveryAddressAsync(string via, string value, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await using var command = Database.Command(connection,
            $"SELECT {AddressRows.RecoveryColumns} FROM identity_recovery_addresses a WHERE a.via = @via AND a.value = @value");
        SqlDialect.Add(command, "via", via);
        SqlDialect.Add(command, "value", value);
        await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await r.ReadAsync(ct).ConfigureAwait(false) ? (r.GetGuid(1), AddressRows.ReadRecovery(r, Dialect)) : null;
    }

    /// <summary>The verifiable address with this via and (normalized) value, and its owner; null when nobody has it.</summary>
    public async Task<(Guid IdentityId, VerifiableAddress Address)?> FindVerifiableAddressAsync(string via, string value, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await using var command = Database.Command(connection,
            $"SELECT {AddressRows.VerifiableColumns} FROM identity_verifiable_addresses a WHERE a.via = @via AND a.value = @value");
        SqlDialect.Add(command, "via", via);
        SqlDialect.Add(command, "value", value);
        await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await r.ReadAsync(ct).ConfigureAwait(false) ? (r.GetGuid(1), AddressRows.ReadVerifiable(r, Dialect)) : null;
    }

    /// <summary>Sets the status of an identity's verifiable address (<c>sent</c> once a code went out), in the caller's transaction.</summary>
    public async Task<bool> SetAddressStatusAsync(Guid identityId, string via, string value, string status, DateTime now,
        DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = Database.Command(connection,
            "UPDATE identity_verifiable_addresses SET status = @status, updated_at = @now WHERE identity_id = @identity AND via = @via AND value = @value",
            transaction);
        SqlDialect.Add(command, "status", status);
        Dialect.AddTime(command, "now", now);
        Dialect.AddUuid(command, "identity", identityId);
        SqlDialect.Add(command, "via", via);
        SqlDialect.Add(command, "value", value);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
    }

    /// <summary>
    /// Marks an identity's verifiable address verified (<c>completed</c>, <c>verified_at</c> now), in the caller's
    /// transaction; false when the identity no longer has that address.
    /// </summary>
    public async Task<bool> MarkAddressVerifiedAsync(Guid identityId, string via, string value, DateTime now,
        DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = Database.Command(connection,
            "UPDATE identity_verifiable_addresses SET verified = @verified, verified_at = @now, status = @status, updated_at = @now " +
            "WHERE identity_id = @identity AND via = @via AND value = @value", transaction);
        SqlDialect.Add(command, "verified", true);
        Dialect.AddTime(command, "now", now);
        SqlDialect.Add(command, "status", VerifiableAddressStatus.Completed);
        Dialect.AddUuid(command, "identity", identityId);
        SqlDialect.Add(command, "via", via);
        SqlDialect.Add(command, "value", value);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) > 0;
    }

    /// <summary>Tells the copies of the identity kept elsewhere (the session cache) that a write committed outside this store changed it.</summary>
    public void Changed(Guid identityId) => changes.Publish(identityId);
}
