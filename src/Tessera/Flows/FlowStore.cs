using System.Data.Common;
using System.Text.Json.Nodes;
using Tessera.Flows.Ui;
using Tessera.Persistence;

namespace Tessera.Flows;

/// <summary>SQL access to self-service flows: one table for every kind, the UI stored as JSON.</summary>
internal sealed class FlowStore(Database database)
{
    const string Columns = "id, kind, type, state, request_url, return_to, active, ui, csrf_fingerprint, identity_id, data, issued_at, expires_at, created_at, updated_at";

    SqlDialect Dialect => database.Dialect;

    public async Task CreateAsync(Flow flow, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await CreateAsync(flow, connection, null, ct).ConfigureAwait(false);
    }

    /// <summary>Inserts the flow inside the caller's transaction (with the code it sends, for example).</summary>
    public async Task CreateAsync(Flow flow, DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await using var command = Database.Command(connection,
            $"INSERT INTO selfservice_flows ({Columns}) VALUES (@id, @kind, @type, @state, @request_url, @return_to, @active, @ui, @csrf, @identity, @data, @issued, @expires, @created, @updated)",
            transaction);
        Bind(command, flow);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    public async Task UpdateAsync(Flow flow, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await UpdateAsync(flow, connection, null, ct).ConfigureAwait(false);
    }

    /// <summary>Writes the flow back inside the caller's transaction.</summary>
    public async Task UpdateAsync(Flow flow, DbConnection connection, DbTransaction? transaction, CancellationToken ct)
    {
        await using var command = Database.Command(connection,
            "UPDATE selfservice_flows SET state = @state, return_to = @return_to, active = @active, ui = @ui, csrf_fingerprint = @csrf, identity_id = @identity, " +
            "data = @data, updated_at = @updated WHERE id = @id AND kind = @kind", transaction);
        Bind(command, flow);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Counts one more code submission to the flow and returns the new count, in one statement of its own so that
    /// concurrent submissions each see their own number (Kratos's brute-force guard); 0 when the flow is gone.
    /// </summary>
    public async Task<int> CountSubmissionAsync(Guid flowId, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await using var command = Database.Command(connection, "UPDATE selfservice_flows SET submit_count = submit_count + 1 WHERE id = @id RETURNING submit_count");
        Dialect.AddUuid(command, "id", flowId);
        var result = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
        return result is null or DBNull ? 0 : Convert.ToInt32(result, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<Flow?> GetAsync(FlowKind kind, Guid id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await using var command = Database.Command(connection, $"SELECT {Columns} FROM selfservice_flows WHERE id = @id AND kind = @kind");
        Dialect.AddUuid(command, "id", id);
        SqlDialect.Add(command, "kind", kind.Name());
        await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        if (!await r.ReadAsync(ct).ConfigureAwait(false))
        {
            return null;
        }

        return new Flow
        {
            Id = r.GetGuid(0),
            Kind = FlowKindNames.Parse(r.GetString(1)),
            Type = r.GetString(2),
            State = r.GetString(3),
            RequestUrl = r.GetString(4),
            ReturnTo = r.IsDBNull(5) ? null : r.GetString(5),
            Active = r.IsDBNull(6) ? null : r.GetString(6),
            Ui = UiContainer.Parse(JsonNode.Parse(r.GetString(7))!),
            CsrfFingerprint = r.IsDBNull(8) ? null : r.GetString(8),
            IdentityId = r.IsDBNull(9) ? null : r.GetGuid(9),
            Data = JsonNode.Parse(r.GetString(10)) as JsonObject ?? [],
            IssuedAt = Dialect.GetTime(r, 11),
            ExpiresAt = Dialect.GetTime(r, 12),
            CreatedAt = Dialect.GetTime(r, 13),
            UpdatedAt = Dialect.GetTime(r, 14),
        };
    }

    void Bind(DbCommand command, Flow flow)
    {
        Dialect.AddUuid(command, "id", flow.Id);
        SqlDialect.Add(command, "kind", flow.Kind.Name());
        SqlDialect.Add(command, "type", flow.Type);
        SqlDialect.Add(command, "state", flow.State);
        SqlDialect.Add(command, "request_url", flow.RequestUrl);
        SqlDialect.Add(command, "return_to", flow.ReturnTo);
        SqlDialect.Add(command, "active", flow.Active);
        Dialect.AddJson(command, "ui", flow.Ui.ToJsonString());
        SqlDialect.Add(command, "csrf", flow.CsrfFingerprint);
        Dialect.AddUuid(command, "identity", flow.IdentityId);
        Dialect.AddJson(command, "data", flow.Data.ToJsonString());
        Dialect.AddTime(command, "issued", flow.IssuedAt);
        Dialect.AddTime(command, "expires", flow.ExpiresAt);
        Dialect.AddTime(command, "created", flow.CreatedAt);
        Dialect.AddTime(command, "updated", flow.UpdatedAt);
    }
}
