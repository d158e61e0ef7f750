using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Errors;
using Tessera.Hosting;
using Tessera.Persistence;

namespace Tessera.Flows;

/// <summary>Browser-flow errors that cannot be shown in a flow: stored, and the browser sent to the error UI with their id.</summary>
internal sealed class ErrorContainerStore(Database database, TimeProvider time)
{
    public async Task<Guid> SaveAsync(ApiError error, CancellationToken ct)
    {
        var id = Guid.NewGuid();
        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            ApiErrorResult.WriteBody(writer, error, null);
        }

        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await using var command = Database.Command(connection, "INSERT INTO selfservice_errors (id, error, created_at) VALUES (@id, @error, @created)");
        database.Dialect.AddUuid(command, "id", id);
        database.Dialect.AddJson(command, "error", System.Text.Encoding.UTF8.GetString(buffer.ToArray()));
        database.Dialect.AddTime(command, "created", time.GetUtcNow().UtcDateTime);
        await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        return id;
    }

    public async Task<(JsonNode Error, DateTime CreatedAt)?> GetAsync(Guid id, CancellationToken ct)
    {
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await using var command = Database.Command(connection, "SELECT error, created_at FROM selfservice_errors WHERE id = @id");
        database.Dialect.AddUuid(command, "id", id);
        await using var r = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
        return await r.ReadAsync(ct).ConfigureAwait(false)
            ? (JsonNode.Parse(r.GetString(0))!, database.Dialect.GetTime(r, 1))
            : null;
    }
}
