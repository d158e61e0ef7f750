using System.Data.Common;
using System.Text.Json.Nodes;
using Tessera.Identities;
using Tessera.Persistence;

namespace Tessera.Sessions;

/// <summary>SQL access to sessions and their devices. Tokens are looked up by their SHA-256 only.</summary>
internal sealed class SessionStore(Database database, SessionCache cache)
{
    const string SessionColumns =
        "s.id, s.identity_id, s.active, s.authenticated_at, s.issued_at, s.expires_at, s.authentication_methods, s.created_at, s.updated_at, " +
        "s.logout_token_hash, i.state, i.available_aal";

    const int SessionColumnCount = 12;

    const string IdentityColumns =
        "i.id, i.schema_id, i.traits, i.state, i.state_changed_at, i.metadata_public, i.metadata_admin, i.external_id, i.organization_id, i.created_at, i.updated_at";

    const string DeviceColumns = "d.id, d.session_id, d.identity_id, d.ip_address, d.user_agent, d.location, d.created_at, d.updated_at";

    // Whoami in one round trip: the session with its identity, then the rows the public identity and the devices need,
    // all selected through the token hash so no statement waits for another's answer.
    const string ByTokenSql =
        $"SELECT {SessionColumns}, {IdentityColumns} FROM sessions s JOIN identities i ON i.id = s.identity_id WHERE s.token_hash = @h;\n" +
        $"SELECT {DeviceColumns} FROM session_devices d JOIN sessions s ON s.id = d.session_id WHERE s.token_hash = @h ORDER BY d.created_at, d.id;\n" +
        $"SELECT {AddressRows.VerifiableColumns} FROM identity_verifiable_addresses a " +
        "JOIN sessions s ON s.identity_id = a.identity_id WHERE s.token_hash = @h ORDER BY a.created_at, a.value;\n" +
        $"SELECT {AddressRows.RecoveryColumns} FROM identity_recovery_addresses a " +
        "JOIN sessions s ON s.identity_id = a.identity_id WHERE s.token_hash = @h ORDER BY a.created_at, a.value";

    SqlDialect Dialect => database.Dialect;

    /// <summary>Inserts the session and its first device in one transaction.</summary>
    public Task CreateAsync(Session session, string tokenHash, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, tx) =>
        {
            await using (var command = Database.Command(connection,
                "INSERT INTO sessions (id, identity_id, token_hash, logout_token_hash, active, authenticated_at, issued_at, expires_at, aal, " +
                "authentication_methods, created_at, updated_at) VALUES (@id, @identity, @token, @logout, @active, @authenticated, @issued, @expires, " +
                "@aal, @amr, @created, @updated)", tx))
            {
                Dialect.AddUuid(command, "id", session.Id);
                Dialect.AddUuid(command, "identity", session.IdentityId);
                SqlDialect.Add(command, "token", tokenHash);
                SqlDialect.Add(command, "logout", session.LogoutTokenHash);
                SqlDialect.Add(command, "active", session.Active);
                Dialect.AddTime(command, "authenticated", session.AuthenticatedAt);
                Dialect.AddTime(command, "issued", session.IssuedAt);
                Dialect.AddTime(command, "expires", session.ExpiresAt);
                SqlDialect.Add(command, "aal", session.AuthenticatorAssuranceLevel);
                Dialect.AddJson(command, "amr", SessionJson.AuthenticationMethodsToJson(session.AuthenticationMethods));
                Dialect.AddTime(command, "created", session.CreatedAt);
                Dialect.AddTime(command, "updated", session.UpdatedAt);
                await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            foreach (var device in session.Devices)
            {
                await InsertDeviceAsync(connection, tx, device, ct).ConfigureAwait(false);
            }

            return true;
        }, ct);

    /// <summary>Replaces the AMR and times of a session (refresh or step-up into the same session) and records the device, if any.</summary>
    public Task<bool> UpdateAuthenticationAsync(Session session, SessionDevice? device, CancellationToken ct) =>
        AfterwardsForget(cache.ForgetSession, session.Id, database.InTransactionAsync(async (connection, tx) =>
        {
            await using (var command = Database.Command(connection,
                "UPDATE sessions SET authentication_methods = @amr, aal = @aal, authenticated_at = @authenticated, issued_at = @issued, " +
                "expires_at = @expires, updated_at = @updated WHERE id = @id", tx))
            {
                Dialect.AddJson(command, "amr", SessionJson.AuthenticationMethodsToJson(session.AuthenticationMethods));
                SqlDialect.Add(command, "aal", session.AuthenticatorAssuranceLevel);
                Dialect.AddTime(command, "authenticated", session.AuthenticatedAt);
                Dialect.AddTime(command, "issued", session.IssuedAt);
                Dialect.AddTime(command, "expires", session.ExpiresAt);
                Dialect.AddTime(command, "updated", session.UpdatedAt);
                Dialect.AddUuid(command, "id", session.Id);
                if (await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 0)
                {
                    return false;
                }
            }

            if (device is not null)
            {
                await InsertDeviceAsync(connection, tx, device, ct).ConfigureAwait(false);
            }

            return true;
        }, ct));

    async Task InsertDeviceAsync(DbConnection connection, DbTransaction tx, SessionDevice device, CancellationToken ct)
    {
        await using var command = Database.Command(connection,
            "INSERT INTO session_devices (id, session_id, identity_id, ip_address, user_agent, location, created_at, updated_at) " +
            "VALUES (@id, @session, @identity, @ip, @agent, @location, @created, @updated)", tx);
        Dialect.AddUuid(command, "id", device.Id);
        Dialect.AddUuid(command, "session", device.SessionId);
        Dialect.AddUuid(command, "identity", device.IdentityId);
        SqlDialect.Add(command, "ip", device.IpAddress);
        SqlDialect.Add(command, "agent", device.UserAgent);
        SqlDialect.Add(command, "location", device.Location);
        Dialect.AddTime(command, "created", device.CreatedAt);
        Dialect.AddTime(command, "updated", device.UpdatedAt);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>The session a token hash names, with its public identity and devices, whatever its state; null when unknown.</summary>
    public async Task<Session?> FindByTokenHashAsync(string tokenHash, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await using var command = Database.Command(connection, ByTokenSql);
        SqlDialect.Add(command, "h", tokenHash);
        await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await r.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        var session = ReadSession(r);
        session.Identity = ReadIdentity(r, SessionColumnCount);
        await r.NextResultAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            session.Devices.Add(ReadDevice(r));
        }

        await r.NextResultAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            session.Identity.VerifiableAddresses.Add(AddressRows.ReadVerifiable(r, Dialect));
        }

        await r.NextResultAsync(ct).ConfigureAwait(false);
        while (await r.ReadAsync(ct).ConfigureAwait(false))
        {
            session.Identity.RecoveryAddresses.Add(AddressRows.ReadRecovery(r, Dialect));
        }

        return session;
    }

    public async Task<Session?> GetAsync(Guid id, bool withDevices, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        var list = await QueryAsync(connection, $"SELECT {SessionColumns} FROM sessions s JOIN identities i ON i.id = s.identity_id WHERE s.id = @id",
            c => Dialect.AddUuid(c, "id", id), withDevices, ct).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<List<Session>> ListAsync(SessionListQuery query, CancellationToken ct)
    {
        var where = new List<string>();
        if (query.IdentityId is not null)
        {
            where.Add("s.identity_id = @identity");
        }

        if (query.ExceptSessionId is not null)
        {
            where.Add("s.id <> @except");
        }

        if (query.Active is { } active)
        {
            const string ActiveCondition = "(s.active = @t AND s.expires_at > @now AND i.state = @state)";
            where.Add(active ? ActiveCondition : "NOT " + ActiveCondition);
        }

        if (query.After is not null)
        {
            where.Add("s.id > @after");
        }

        var sql = $"SELECT {SessionColumns} FROM sessions s JOIN identities i ON i.id = s.identity_id";
        if (where.Count > 0)
        {
            sql += " WHERE " + string.Join(" AND ", where);
        }

        sql += " ORDER BY s.id LIMIT @limit";
        if (query.Offset > 0)
        {
            sql += " OFFSET @offset";
        }

        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        return await QueryAsync(connection, sql, c =>
        {
            if (query.IdentityId is { } identity)
            {
                Dialect.AddUuid(c, "identity", identity);
            }

            if (query.ExceptSessionId is { } except)
            {
                Dialect.AddUuid(c, "except", except);
            }

            if (query.Active is not null)
            {
                SqlDialect.Add(c, "t", true);
                Dialect.AddTime(c, "now", query.Now);
                SqlDialect.Add(c, "state", IdentityState.Active);
            }

            if (query.After is { } after)
            {
                Dialect.AddUuid(c, "after", after);
            }

            SqlDialect.Add(c, "limit", query.Limit);
            if (query.Offset > 0)
            {
                SqlDialect.Add(c, "offset", query.Offset);
            }
        }, query.WithDevices, ct).ConfigureAwait(false);
    }

    /// <summary>Deactivates one session (of one identity when given); false when there is no such session.</summary>
    public async Task<bool> RevokeAsync(Guid id, Guid? identityId, DateTime now, CancellationToken ct) =>
        await AfterwardsForget(cache.ForgetSession, id, ExecuteAsync(
            "UPDATE sessions SET active = @f, updated_at = @now WHERE id = @id" + (identityId is null ? "" : " AND identity_id = @identity"),
            c =>
            {
                SqlDialect.Add(c, "f", false);
                Dialect.AddTime(c, "now", now);
                Dialect.AddUuid(c, "id", id);
                if (identityId is { } identity)
                {
                    Dialect.AddUuid(c, "identity", identity);
                }
            }, ct)).ConfigureAwait(false) > 0;

    /// <summary>Deactivates the session a token names (Kratos counts it even when it was inactive already).</summary>
    public async Task<bool> RevokeByTokenHashAsync(string tokenHash, DateTime now, CancellationToken ct) =>
        await AfterwardsForget(cache.ForgetToken, tokenHash, ExecuteAsync("UPDATE sessions SET active = @f, updated_at = @now WHERE token_hash = @h", c =>
        {
            SqlDialect.Add(c, "f", false);
            Dialect.AddTime(c, "now", now);
            SqlDialect.Add(c, "h", tokenHash);
        }, ct)).ConfigureAwait(false) > 0;

    /// <summary>Deactivates every active session of the identity except one; returns how many it deactivated.</summary>
    public Task<int> RevokeOthersAsync(Guid identityId, Guid? exceptSessionId, DateTime now, CancellationToken ct) =>
        AfterwardsForget(cache.ForgetIdentity, identityId, ExecuteAsync(
            "UPDATE sessions SET active = @f, updated_at = @now WHERE identity_id = @identity AND active = @t" +
            (exceptSessionId is null ? "" : " AND id <> @except"),
            c =>
            {
                SqlDialect.Add(c, "f", false);
                SqlDialect.Add(c, "t", true);
                Dialect.AddTime(c, "now", now);
                Dialect.AddUuid(c, "identity", identityId);
                if (exceptSessionId is { } except)
                {
                    Dialect.AddUuid(c, "except", except);
                }
            }, ct));

    public Task<int> DeleteByIdentityAsync(Guid identityId, CancellationToken ct) =>
        AfterwardsForget(cache.ForgetIdentity, identityId, database.InTransactionAsync(async (connection, tx) =>
        {
            // Devices first: correct even where a connection runs without foreign-key cascades.
            await using (var devices = Database.Command(connection, "DELETE FROM session_devices WHERE identity_id = @identity", tx))
            {
                Dialect.AddUuid(devices, "identity", identityId);
                await devices.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            }

            await using var sessions = Database.Command(connection, "DELETE FROM sessions WHERE identity_id = @identity", tx);
            Dialect.AddUuid(sessions, "identity", identityId);
            return await sessions.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }, ct));

    public async Task<bool> SetExpiryAsync(Guid id, DateTime expiresAt, DateTime now, CancellationToken ct) =>
        await AfterwardsForget(cache.ForgetSession, id, ExecuteAsync("UPDATE sessions SET expires_at = @expires, updated_at = @now WHERE id = @id", c =>
        {
            Dialect.AddTime(c, "expires", expiresAt);
            Dialect.AddTime(c, "now", now);
            Dialect.AddUuid(c, "id", id);
        }, ct)).ConfigureAwait(false) > 0;

    /// <summary>Drops cached whoami answers once a write has committed (a cached copy must never outlive a change here).</summary>
    static async Task<T> AfterwardsForget<TKey, T>(Action<TKey> forget, TKey key, Task<T> write)
    {
        var result = await write.ConfigureAwait(false);
        forget(key);
        return result;
    }

    async Task<int> ExecuteAsync(string sql, Action<DbCommand> bind, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await using var command = Database.Command(connection, sql);
        bind(command);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    async Task<List<Session>> QueryAsync(DbConnection connection, string sql, Action<DbCommand> bind, bool withDevices, CancellationToken ct)
    {
        var sessions = new List<Session>();
        await using (var command = Database.Command(connection, sql))
        {
            bind(command);
            await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                sessions.Add(ReadSession(r));
            }
        }

        if (withDevices && sessions.Count > 0)
        {
            var byId = sessions.ToDictionary(s => s.Id);
            await using var command = Database.Command(connection,
                $"SELECT {DeviceColumns} FROM session_devices d WHERE d.session_id IN ({string.Join(", ", sessions.Select((_, n) => "@s" + n))}) " +
                "ORDER BY d.created_at, d.id");
            for (var n = 0; n < sessions.Count; n++)
            {
                Dialect.AddUuid(command, "s" + n, sessions[n].Id);
            }

            await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                var device = ReadDevice(r);
                byId[device.SessionId].Devices.Add(device);
            }
        }

        return sessions;
    }

    Session ReadSession(DbDataReader r) => new()
    {
        Id = r.GetGuid(0),
        IdentityId = r.GetGuid(1),
        Active = r.GetBoolean(2),
        AuthenticatedAt = Dialect.GetTime(r, 3),
        IssuedAt = Dialect.GetTime(r, 4),
        ExpiresAt = Dialect.GetTime(r, 5),
        AuthenticationMethods = SessionJson.ParseAuthenticationMethods(r.GetString(6)),
        CreatedAt = Dialect.GetTime(r, 7),
        UpdatedAt = Dialect.GetTime(r, 8),
        LogoutTokenHash = r.GetString(9),
        IdentityState = r.GetString(10),
        IdentityAvailableAal = r.IsDBNull(11) ? null : r.GetString(11),
    };

    SessionDevice ReadDevice(DbDataReader r) => new()
    {
        Id = r.GetGuid(0),
        SessionId = r.GetGuid(1),
        IdentityId = r.GetGuid(2),
        IpAddress = r.GetString(3),
        UserAgent = r.GetString(4),
        Location = r.GetString(5),
        CreatedAt = Dialect.GetTime(r, 6),
        UpdatedAt = Dialect.GetTime(r, 7),
    };

    Identity ReadIdentity(DbDataReader r, int o) => new()
    {
        Id = r.GetGuid(o),
        SchemaId = r.GetString(o + 1),
        Traits = JsonNode.Parse(r.GetString(o + 2)) as JsonObject ?? [],
        State = r.GetString(o + 3),
        StateChangedAt = Dialect.GetTimeOrNull(r, o + 4),
        MetadataPublic = r.IsDBNull(o + 5) ? null : JsonNode.Parse(r.GetString(o + 5)),
        MetadataAdmin = r.IsDBNull(o + 6) ? null : JsonNode.Parse(r.GetString(o + 6)),
        ExternalId = r.IsDBNull(o + 7) ? null : r.GetString(o + 7),
        OrganizationId = r.IsDBNull(o + 8) ? null : r.GetGuid(o + 8),
        CreatedAt = Dialect.GetTime(r, o + 9),
        UpdatedAt = Dialect.GetTime(r, o + 10),
    };
}
