using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Tessera.Persistence;
using Tessera.Security;

namespace Tessera.Flows.Codes;

/// <summary>
/// SQL access to recovery and verification codes and link tokens. Secrets are kept as an HMAC under the first cookie
/// secret (every cookie secret still opens, for rotation), compared in constant time, and used at most once.
/// </summary>
internal sealed class OneTimeCodeStore(Database database, FlowStore flows, Secrets secrets, TimeProvider time)
{
    const string Columns = "id, flow_id, method, code_type, identity_id, address_via, address_value, code_hmac, expires_at, used_at, created_at";

    const string TokenAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    SqlDialect Dialect => database.Dialect;

    /// <summary>Six random digits, as Kratos's code method sends.</summary>
    public static string NewCode() => RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);

    /// <summary>32 random letters and digits, as Kratos's link tokens.</summary>
    public static string NewToken() => RandomNumberGenerator.GetString(TokenAlphabet, 32);

    /// <summary>Stores <paramref name="code"/> with the HMAC of <paramref name="secret"/>, in the caller's transaction.</summary>
    /// <summary>Stores <paramref name="secret"/> for the flow, sent by <paramref name="method"/> to one of the identity's addresses.</summary>
    public Task IssueAsync(Guid flowId, string method, Guid identityId, string via, string value, DateTime now, TimeSpan lifespan, string secret,
        DbConnection connection, DbTransaction transaction, CancellationToken ct) =>
        InsertAsync(new OneTimeCode
        {
            FlowId = flowId,
            Method = method,
            IdentityId = identityId,
            AddressVia = via,
            AddressValue = value,
            ExpiresAt = now + lifespan,
            CreatedAt = now,
        }, secret, connection, transaction, ct);

    public async Task InsertAsync(OneTimeCode code, string secret, DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(code);
        await using var command = Database.Command(connection,
            $"INSERT INTO selfservice_codes ({Columns}) VALUES (@id, @flow, @method, @type, @identity, @via, @value, @hmac, @expires, NULL, @created)", transaction);
        Dialect.AddUuid(command, "id", code.Id);
        Dialect.AddUuid(command, "flow", code.FlowId);
        SqlDialect.Add(command, "method", code.Method);
        SqlDialect.Add(command, "type", code.CodeType);
        Dialect.AddUuid(command, "identity", code.IdentityId);
        SqlDialect.Add(command, "via", code.AddressVia);
        SqlDialect.Add(command, "value", code.AddressValue);
        SqlDialect.Add(command, "hmac", Mac(secrets.Cookie[0], secret));
        Dialect.AddTime(command, "expires", code.ExpiresAt);
        Dialect.AddTime(command, "created", code.CreatedAt == default ? Now() : code.CreatedAt);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>Forgets every secret sent for the flow (a resend invalidates the earlier ones), in the caller's transaction.</summary>
    public async Task DeleteForFlowAsync(Guid flowId, DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        await using var command = Database.Command(connection, "DELETE FROM selfservice_codes WHERE flow_id = @flow", transaction);
        Dialect.AddUuid(command, "flow", flowId);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Uses a submitted secret of the flow. With <paramref name="maxSubmissions"/> the submission is counted first, in a
    /// statement of its own, and refused once the flow is over the limit, whatever it holds. A match is marked used
    /// and <paramref name="andThen"/> runs in the same transaction (the address it proves is marked verified there), so
    /// the two commit together; when it answers false the secret counts as invalid. With <paramref name="identityId"/>
    /// only that identity's secrets are candidates, so a secret named with the wrong identity is refused without being spent.
    /// </summary>
    public async Task<(CodeUseResult Result, OneTimeCode? Code)> UseAsync(Guid flowId, string method, string? secret, int? maxSubmissions,
        Func<OneTimeCode, DbConnection, DbTransaction, Task<bool>>? andThen, CancellationToken ct, Guid? identityId = null)
    {
        if (maxSubmissions is { } max && await flows.CountSubmissionAsync(flowId, ct).ConfigureAwait(false) > max)
        {
            return (CodeUseResult.TooOften, null);
        }

        if (string.IsNullOrEmpty(secret))
        {
            return (CodeUseResult.Invalid, null);
        }

        var now = Now();
        return await database.InTransactionAsync(async (connection, transaction) =>
        {
            var candidates = new List<(OneTimeCode Code, string Hmac)>();
            var byIdentity = identityId is null ? "" : " AND identity_id = @identity";
            await using (var select = Database.Command(connection,
                $"SELECT {Columns} FROM selfservice_codes WHERE flow_id = @flow AND method = @method{byIdentity}", transaction))
            {
                Dialect.AddUuid(select, "flow", flowId);
                if (identityId is { } id)
                {
                    Dialect.AddUuid(select, "identity", id);
                }

                SqlDialect.Add(select, "method", method);
                await using var r = await select.ExecuteReaderAsync(ct).ConfigureAwait(false);
                while (await r.ReadAsync(ct).ConfigureAwait(false))
                {
                    candidates.Add((Read(r), r.GetString(7)));
                }
            }

            var match = Find(candidates, secret);
            if (match is null || match.UsedAt is not null)
            {
                return (CodeUseResult.Invalid, (OneTimeCode?)null);
            }

            if (match.ExpiresAt <= now)
            {
                return (CodeUseResult.Expired, match);
            }

            // The used_at guard makes one of two concurrent submissions of the same secret win on READ COMMITTED.
            await using (var use = Database.Command(connection, "UPDATE selfservice_codes SET used_at = @now WHERE id = @id AND used_at IS NULL", transaction))
            {
                Dialect.AddTime(use, "now", now);
                Dialect.AddUuid(use, "id", match.Id);
                if (await use.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0)
                {
                    return (CodeUseResult.Invalid, null);
                }
            }

            var used = match with { UsedAt = now };
            return andThen is null || await andThen(used, connection, transaction).ConfigureAwait(false)
                ? (CodeUseResult.Used, used)
                : (CodeUseResult.Invalid, null);
        }, ct).ConfigureAwait(false);
    }

    /// <summary>The stored form of a secret kept outside this table (a registration code lives in its flow until the identity exists).</summary>
    public string Seal(string secret) => Mac(secrets.Cookie[0], secret);

    /// <summary>Whether <paramref name="secret"/> is the one <see cref="Seal"/> made <paramref name="sealedValue"/> from, under any cookie secret, in constant time.</summary>
    public bool Opens(string sealedValue, string secret)
    {
        ArgumentNullException.ThrowIfNull(sealedValue);
        var stored = Encoding.ASCII.GetBytes(sealedValue);
        var found = false;
        foreach (var key in secrets.Cookie)
        {
            found |= CryptographicOperations.FixedTimeEquals(stored, Encoding.ASCII.GetBytes(Mac(key, secret)));
        }

        return found;
    }

    OneTimeCode? Find(List<(OneTimeCode Code, string Hmac)> candidates, string secret)
    {
        foreach (var key in secrets.Cookie)
        {
            var supplied = Encoding.ASCII.GetBytes(Mac(key, secret));
            foreach (var (code, hmac) in candidates)
            {
                if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(hmac), supplied))
                {
                    return code;
                }
            }
        }

        return null;
    }

    OneTimeCode Read(DbDataReader r) => new()
    {
        Id = r.GetGuid(0),
        FlowId = r.GetGuid(1),
        Method = r.GetString(2),
        CodeType = r.GetString(3),
        IdentityId = r.GetGuid(4),
        AddressVia = r.IsDBNull(5) ? null : r.GetString(5),
        AddressValue = r.IsDBNull(6) ? null : r.GetString(6),
        ExpiresAt = Dialect.GetTime(r, 8),
        UsedAt = Dialect.GetTimeOrNull(r, 9),
        CreatedAt = Dialect.GetTime(r, 10),
    };

    static string Mac(byte[] key, string secret) => Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(secret)));

    DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }
}
