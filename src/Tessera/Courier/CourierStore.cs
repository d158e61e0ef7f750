using System.Data.Common;
using System.Text.Json.Nodes;
using Tessera.Persistence;

namespace Tessera.Courier;

/// <summary>
/// SQL access to the courier queue: the insert the flows make, the worker's claim and outcome writes, and the admin reads.
/// <c>due_at</c> means "not before" for a queued message (its back-off) and "lease ends" for a processing one.
/// </summary>
internal sealed class CourierStore(Database database)
{
    const string Columns =
        "id, type, status, channel, recipient, subject, body, html_body, template_type, template_data, send_count, created_at, updated_at";

    const int ColumnCount = 13;

    // The same predicate as the partial index courier_messages_due_idx, so the pull reads only that index.
    const string Due = "status IN ('queued', 'processing') AND due_at <= @now";

    const string ClaimSet =
        "UPDATE courier_messages SET status = 'processing', claim_id = @claim, due_at = @lease, send_count = send_count + 1, updated_at = @now";

    // PostgreSQL: rows another worker holds are skipped, not waited for, so any number of nodes can pull at once.
    const string PostgresClaim =
        $"{ClaimSet} WHERE id IN (SELECT id FROM courier_messages WHERE {Due} ORDER BY due_at LIMIT @limit FOR UPDATE SKIP LOCKED) RETURNING {Columns}";

    // SQLite: the statement runs in a BEGIN IMMEDIATE transaction, which holds the database's single write lock.
    const string SqliteClaim =
        $"{ClaimSet} WHERE id IN (SELECT id FROM courier_messages WHERE {Due} ORDER BY due_at LIMIT @limit) RETURNING {Columns}";

    SqlDialect Dialect => database.Dialect;

    public async Task InsertAsync(CourierMessage message, DbConnection connection, DbTransaction? tx, CancellationToken ct)
    {
        await using var command = Database.Command(connection, """
            INSERT INTO courier_messages (id, type, status, channel, recipient, subject, body, html_body, template_type, template_data,
                send_count, due_at, claim_id, created_at, updated_at)
            VALUES (@id, @type, 'queued', @channel, @recipient, @subject, @body, @html, @template, @data, 0, @created, NULL, @created, @updated)
            """, tx);
        Dialect.AddUuid(command, "id", message.Id);
        SqlDialect.Add(command, "type", message.Type.Wire());
        SqlDialect.Add(command, "channel", message.Channel);
        SqlDialect.Add(command, "recipient", message.Recipient);
        SqlDialect.Add(command, "subject", message.Subject);
        SqlDialect.Add(command, "body", message.Body);
        SqlDialect.Add(command, "html", message.HtmlBody);
        SqlDialect.Add(command, "template", message.TemplateType);
        Dialect.AddJson(command, "data", message.TemplateData.ToJsonString());
        Dialect.AddTime(command, "created", message.CreatedAt);
        Dialect.AddTime(command, "updated", message.UpdatedAt);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Takes up to <paramref name="limit"/> due messages for one worker: queued ones whose back-off has passed and processing
    /// ones whose lease ran out (their worker stopped mid-send). Each is marked processing under <paramref name="claimId"/>
    /// until <paramref name="leaseUntil"/>, and the claim counts as an attempt.
    /// </summary>
    public async Task<List<CourierMessage>> ClaimAsync(int limit, DateTime now, DateTime leaseUntil, Guid claimId, CancellationToken ct)
    {
        // An idle queue costs one indexed read, not a write lock, on every pull.
        await using (var connection = await database.OpenAsync(ct).ConfigureAwait(false))
        {
            await using var probe = Database.Command(connection, $"SELECT 1 FROM courier_messages WHERE {Due} LIMIT 1");
            Dialect.AddTime(probe, "now", now);
            if (await probe.ExecuteScalarAsync(ct).ConfigureAwait(false) is null)
            {
                return [];
            }
        }

        var claimed = await database.InTransactionAsync(async (connection, tx) =>
        {
            await using var command = Database.Command(connection, Dialect.Kind == DatabaseKind.Postgres ? PostgresClaim : SqliteClaim, tx);
            Dialect.AddUuid(command, "claim", claimId);
            Dialect.AddTime(command, "lease", leaseUntil);
            Dialect.AddTime(command, "now", now);
            SqlDialect.Add(command, "limit", limit);
            return await ReadMessagesAsync(command, ct).ConfigureAwait(false);
        }, ct).ConfigureAwait(false);
        // RETURNING gives no order; send the oldest first.
        claimed.Sort((a, b) => a.CreatedAt != b.CreatedAt ? a.CreatedAt.CompareTo(b.CreatedAt) : a.Id.CompareTo(b.Id));
        return claimed;
    }

    /// <summary>Moves the lease of a claimed message; false when the claim was lost (the lease ran out and another worker took it).</summary>
    public async Task<bool> RenewAsync(Guid id, Guid claimId, DateTime leaseUntil, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await using var command = Database.Command(connection,
            "UPDATE courier_messages SET due_at = @lease WHERE id = @id AND claim_id = @claim AND status = 'processing'");
        Dialect.AddTime(command, "lease", leaseUntil);
        Dialect.AddUuid(command, "id", id);
        Dialect.AddUuid(command, "claim", claimId);
        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    /// <summary>The server took the message: sent, with a success dispatch, whoever holds the claim now.</summary>
    public Task MarkSentAsync(Guid id, DateTime now, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, tx) =>
        {
            await InsertDispatchAsync(connection, tx, id, CourierDispatch.Success, null, now, ct).ConfigureAwait(false);
            await using var command = Database.Command(connection,
                "UPDATE courier_messages SET status = 'sent', claim_id = NULL, updated_at = @now WHERE id = @id", tx);
            Dialect.AddTime(command, "now", now);
            Dialect.AddUuid(command, "id", id);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, ct);

    /// <summary>
    /// Records a failed attempt (when <paramref name="error"/> is given) and puts the message back in the queue until
    /// <paramref name="retryAt"/>, or abandons it when that is null. A worker that lost its claim changes nothing but the record.
    /// </summary>
    public Task FailAsync(Guid id, Guid claimId, JsonObject? error, DateTime? retryAt, DateTime now, CancellationToken ct) =>
        database.InTransactionAsync(async (connection, tx) =>
        {
            if (error is not null)
            {
                await InsertDispatchAsync(connection, tx, id, CourierDispatch.Failed, error, now, ct).ConfigureAwait(false);
            }

            await using var command = Database.Command(connection,
                "UPDATE courier_messages SET status = @status, due_at = @due, claim_id = NULL, updated_at = @now WHERE id = @id AND claim_id = @claim", tx);
            SqlDialect.Add(command, "status", (retryAt is null ? CourierMessageStatus.Abandoned : CourierMessageStatus.Queued).Wire());
            Dialect.AddTime(command, "due", retryAt ?? now);
            Dialect.AddTime(command, "now", now);
            Dialect.AddUuid(command, "id", id);
            Dialect.AddUuid(command, "claim", claimId);
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
            return true;
        }, ct);

    /// <summary>Hands back claimed messages a worker did not begin, as if they had never been claimed.</summary>
    public async Task<int> ReleaseAsync(Guid claimId, IReadOnlyList<Guid> ids, DateTime now, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await using var command = Database.Command(connection,
            "UPDATE courier_messages SET status = 'queued', due_at = @now, claim_id = NULL, send_count = send_count - 1 "
            + "WHERE claim_id = @claim AND status = 'processing' AND id IN (" + string.Join(", ", ids.Select((_, n) => "@id" + n)) + ")");
        Dialect.AddTime(command, "now", now);
        Dialect.AddUuid(command, "claim", claimId);
        for (var n = 0; n < ids.Count; n++)
        {
            Dialect.AddUuid(command, "id" + n, ids[n]);
        }

        return await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    /// <summary>A message with its dispatches, newest first, read in one statement so the two agree (the worker writes both at once).</summary>
    public async Task<CourierMessage?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await using var command = Database.Command(connection, $"""
            SELECT {Prefixed("m")}, d.id, d.status, d.error, d.created_at, d.updated_at
            FROM courier_messages m LEFT JOIN courier_message_dispatches d ON d.message_id = m.id
            WHERE m.id = @id ORDER BY d.created_at DESC, d.id
            """);
        Dialect.AddUuid(command, "id", id);
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        CourierMessage? message = null;
        var dispatches = new List<CourierDispatch>();
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            message ??= ReadMessage(reader);
            if (!reader.IsDBNull(ColumnCount))
            {
                dispatches.Add(new CourierDispatch(reader.GetGuid(ColumnCount), id, reader.GetString(ColumnCount + 1),
                    reader.IsDBNull(ColumnCount + 2) ? null : JsonNode.Parse(reader.GetString(ColumnCount + 2)) as JsonObject,
                    Dialect.GetTime(reader, ColumnCount + 3), Dialect.GetTime(reader, ColumnCount + 4)));
            }
        }

        return message is null ? null : message with { Dispatches = dispatches };
    }

    /// <summary>One keyset page, newest first (<c>created_at DESC, id</c>, as Kratos orders it).</summary>
    public async Task<List<CourierMessage>> ListAsync(CourierListQuery query, CancellationToken ct)
    {
        var where = new List<string>();
        if (query.Status is not null)
        {
            where.Add("status = @status");
        }

        if (query.Recipient is not null)
        {
            where.Add("recipient = @recipient");
        }

        if (query.After is not null)
        {
            where.Add("(created_at < @after_created OR (created_at = @after_created AND id > @after_id))");
        }

        var sql = $"SELECT {Columns} FROM courier_messages"
                  + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : "")
                  + " ORDER BY created_at DESC, id LIMIT @limit";
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await using var command = Database.Command(connection, sql);
        if (query.Status is { } status)
        {
            SqlDialect.Add(command, "status", status.Wire());
        }

        if (query.Recipient is not null)
        {
            SqlDialect.Add(command, "recipient", query.Recipient);
        }

        if (query.After is { } after)
        {
            Dialect.AddTime(command, "after_created", after.CreatedAt);
            Dialect.AddUuid(command, "after_id", after.Id);
        }

        SqlDialect.Add(command, "limit", query.Limit);
        return await ReadMessagesAsync(command, ct).ConfigureAwait(false);
    }

    async Task InsertDispatchAsync(DbConnection connection, DbTransaction tx, Guid messageId, string status, JsonObject? error, DateTime now,
        CancellationToken ct)
    {
        await using var command = Database.Command(connection, """
            INSERT INTO courier_message_dispatches (id, message_id, status, error, created_at, updated_at)
            VALUES (@id, @message, @status, @error, @now, @now)
            """, tx);
        Dialect.AddUuid(command, "id", Guid.NewGuid());
        Dialect.AddUuid(command, "message", messageId);
        SqlDialect.Add(command, "status", status);
        Dialect.AddJson(command, "error", error?.ToJsonString());
        Dialect.AddTime(command, "now", now);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
    }

    async Task<List<CourierMessage>> ReadMessagesAsync(DbCommand command, CancellationToken ct)
    {
        var messages = new List<CourierMessage>();
        await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        while (await reader.ReadAsync(ct).ConfigureAwait(false))
        {
            messages.Add(ReadMessage(reader));
        }

        return messages;
    }

    CourierMessage ReadMessage(DbDataReader reader) => new()
    {
        Id = reader.GetGuid(0),
        Type = CourierMessageTypeNames.Parse(reader.GetString(1)),
        Status = CourierMessageStatusNames.TryParse(reader.GetString(2), out var status)
            ? status
            : throw new InvalidDataException($"courier message {reader.GetGuid(0)} has the unknown status \"{reader.GetString(2)}\""),
        Channel = reader.GetString(3),
        Recipient = reader.GetString(4),
        Subject = reader.GetString(5),
        Body = reader.GetString(6),
        HtmlBody = reader.IsDBNull(7) ? null : reader.GetString(7),
        TemplateType = reader.GetString(8),
        TemplateData = JsonNode.Parse(reader.GetString(9)) as JsonObject ?? [],
        SendCount = reader.GetInt32(10),
        CreatedAt = Dialect.GetTime(reader, 11),
        UpdatedAt = Dialect.GetTime(reader, 12),
    };

    static string Prefixed(string alias) => string.Join(", ", Columns.Split(", ").Select(c => alias + "." + c));
}
