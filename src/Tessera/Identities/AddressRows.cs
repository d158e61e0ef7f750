using System.Data.Common;
using Tessera.Persistence;

namespace Tessera.Identities;

/// <summary>The address columns every query selects, in one order, and their reading: shared by identity and session reads.</summary>
internal static class AddressRows
{
    public const string VerifiableColumns = "a.id, a.identity_id, a.via, a.value, a.verified, a.verified_at, a.status, a.created_at, a.updated_at";

    public const string RecoveryColumns = "a.id, a.identity_id, a.via, a.value, a.created_at, a.updated_at";

    public static VerifiableAddress ReadVerifiable(DbDataReader r, SqlDialect dialect) => new()
    {
        Id = r.GetGuid(0),
        Via = r.GetString(2),
        Value = r.GetString(3),
        Verified = r.GetBoolean(4),
        VerifiedAt = dialect.GetTimeOrNull(r, 5),
        Status = r.GetString(6),
        CreatedAt = dialect.GetTime(r, 7),
        UpdatedAt = dialect.GetTime(r, 8),
    };

    public static RecoveryAddress ReadRecovery(DbDataReader r, SqlDialect dialect) => new()
    {
        Id = r.GetGuid(0),
        Via = r.GetString(2),
        Value = r.GetString(3),
        CreatedAt = dialect.GetTime(r, 4),
        UpdatedAt = dialect.GetTime(r, 5),
    };
}
