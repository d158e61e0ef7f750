using System.Data.Common;
using System.Text.Json.Nodes;
using Tessera.Persistence;

namespace Tessera.Identities;

/// <summary>SQL access to identities, their credentials and addresses. Reads load a page of identities, then their rows in batches.</summary>
internal sealed partial class IdentityStore(Database database, IdentityChanges changes)
{
    const string IdentityColumns =
        "id, schema_id, traits, state, state_changed_at, metadata_public, metadata_admin, external_id, organization_id, created_at, updated_at, available_aal";

    SqlDialect Dialect => database.Dialect;

    public async Task<Identity?> GetAsync(Guid id, CancellationToken ct)
    {
        var list = await QueryIdentitiesAsync($"SELECT {IdentityColumns} FROM identities WHERE id = @id",
            c => Dialect.AddUuid(c, "id", id), ct).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    public async Task<Identity?> GetByExternalIdAsync(string externalId, CancellationToken ct)
    {
        var list = await QueryIdentitiesAsync($"SELECT {IdentityColumns} FROM identities WHERE external_id = @e",
            c => SqlDialect.Add(c, "e", externalId), ct).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    /// <summary>The identity owning a credential identifier of a type (identifiers are stored normalized).</summary>
    public async Task<Identity?> FindByIdentifierAsync(string type, string identifier, CancellationToken ct)
    {
        var list = await QueryIdentitiesAsync(
            $"SELECT {Prefixed("i")} FROM identities i JOIN identity_credential_identifiers ci ON ci.identity_id = i.id WHERE ci.type = @t AND ci.identifier = @v",
            c =>
            {
                SqlDialect.Add(c, "t", type);
                SqlDialect.Add(c, "v", identifier);
            }, ct).ConfigureAwait(false);
        return list.Count == 0 ? null : list[0];
    }

    /// <summary>One keyset page ordered by id; <paramref name="after"/> is the last id of the previous page.</summary>
    public Task<List<Identity>> ListAsync(IdentityListQuery query, CancellationToken ct)
    {
        var where = new List<string>();
        var sql = $"SELECT {Prefixed("i")} FROM identities i";
        if (query.CredentialsIdentifier is not null)
        {
            // Any credential type: Kratos matches the normalized identifier across password, code, webauthn, …
            where.Add("i.id IN (SELECT identity_id FROM identity_credential_identifiers WHERE identifier = @ident)");
        }

        if (query.Ids is { Count: > 0 })
        {
            where.Add("i.id IN (" + string.Join(", ", query.Ids.Select((_, n) => "@id" + n)) + ")");
        }

        if (query.After is not null)
        {
            where.Add("i.id > @after");
        }

        if (where.Count > 0)
        {
            sql += " WHERE " + string.Join(" AND ", where);
        }

        sql += " ORDER BY i.id LIMIT @limit";
        if (query.Offset > 0)
        {
            sql += " OFFSET @offset";
        }

        return QueryIdentitiesAsync(sql, c =>
        {
            if (query.CredentialsIdentifier is not null)
            {
                SqlDialect.Add(c, "ident", query.CredentialsIdentifier);
            }

            for (var n = 0; query.Ids is not null && n < query.Ids.Count; n++)
            {
                Dialect.AddUuid(c, "id" + n, query.Ids[n]);
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
        }, ct);
    }

    public async Task<long> CountAsync(CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await using var command = Database.Command(connection, "SELECT COUNT(*) FROM identities");
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    static string Prefixed(string alias) => string.Join(", ", IdentityColumns.Split(", ").Select(c => alias + "." + c));

    async Task<List<Identity>> QueryIdentitiesAsync(string sql, Action<DbCommand> bind, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        var identities = new List<Identity>();
        await using (var command = Database.Command(connection, sql))
        {
            bind(command);
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                identities.Add(ReadIdentity(reader));
            }
        }

        if (identities.Count > 0)
        {
            await LoadDetailsAsync(connection, null, identities, ct).ConfigureAwait(false);
        }

        return identities;
    }

    Identity ReadIdentity(DbDataReader r) => new()
    {
        Id = r.GetGuid(0),
        SchemaId = r.GetString(1),
        Traits = JsonNode.Parse(r.GetString(2)) as JsonObject ?? [],
        State = r.GetString(3),
        StateChangedAt = Dialect.GetTimeOrNull(r, 4),
        MetadataPublic = r.IsDBNull(5) ? null : JsonNode.Parse(r.GetString(5)),
        MetadataAdmin = r.IsDBNull(6) ? null : JsonNode.Parse(r.GetString(6)),
        ExternalId = r.IsDBNull(7) ? null : r.GetString(7),
        OrganizationId = r.IsDBNull(8) ? null : r.GetGuid(8),
        CreatedAt = Dialect.GetTime(r, 9),
        UpdatedAt = Dialect.GetTime(r, 10),
        AvailableAal = r.IsDBNull(11) ? null : r.GetString(11),
    };

    /// <summary>Credentials, identifiers and addresses of a page of identities, four queries whatever the page size.</summary>
    async Task LoadDetailsAsync(DbConnection connection, DbTransaction? tx, List<Identity> identities, CancellationToken ct)
    {
        var byId = identities.ToDictionary(i => i.Id);
        var inList = "(" + string.Join(", ", identities.Select((_, n) => "@i" + n)) + ")";
        void BindIds(DbCommand c)
        {
            for (var n = 0; n < identities.Count; n++)
            {
                Dialect.AddUuid(c, "i" + n, identities[n].Id);
            }
        }

        var credentials = new Dictionary<Guid, Credential>();
        await using (var command = Database.Command(connection,
            $"SELECT id, identity_id, type, config, version, created_at, updated_at FROM identity_credentials WHERE identity_id IN {inList}", tx))
        {
            BindIds(command);
            await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                var credential = new Credential
                {
                    Id = r.GetGuid(0),
                    Type = r.GetString(2),
                    Config = JsonNode.Parse(r.GetString(3)) as JsonObject ?? [],
                    Version = r.GetInt32(4),
                    CreatedAt = Dialect.GetTime(r, 5),
                    UpdatedAt = Dialect.GetTime(r, 6),
                };
                credentials[credential.Id] = credential;
                byId[r.GetGuid(1)].Credentials[credential.Type] = credential;
            }
        }

        await using (var command = Database.Command(connection,
            $"SELECT credential_id, identifier FROM identity_credential_identifiers WHERE identity_id IN {inList} ORDER BY created_at, identifier", tx))
        {
            BindIds(command);
            await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                if (credentials.TryGetValue(r.GetGuid(0), out var credential))
                {
                    credential.Identifiers.Add(r.GetString(1));
                }
            }
        }

        await using (var command = Database.Command(connection,
            $"SELECT {AddressRows.VerifiableColumns} FROM identity_verifiable_addresses a WHERE a.identity_id IN {inList} ORDER BY a.created_at, a.value", tx))
        {
            BindIds(command);
            await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                byId[r.GetGuid(1)].VerifiableAddresses.Add(AddressRows.ReadVerifiable(r, Dialect));
            }
        }

        await using (var command = Database.Command(connection,
            $"SELECT {AddressRows.RecoveryColumns} FROM identity_recovery_addresses a WHERE a.identity_id IN {inList} ORDER BY a.created_at, a.value", tx))
        {
            BindIds(command);
            await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await r.ReadAsync(ct).ConfigureAwait(false))
            {
                byId[r.GetGuid(1)].RecoveryAddresses.Add(AddressRows.ReadRecovery(r, Dialect));
            }
        }
    }
}
