using Tessera.Persistence;

namespace Tessera.Strategies.Totp;

/// <summary>
/// The last time step at which each identity's TOTP code was accepted. A code is taken only for a later step, decided
/// by one conditional UPDATE (or the first INSERT), so two requests with the same code cannot both pass.
/// </summary>
internal sealed class TotpStepStore(Database database, TimeProvider time)
{
    SqlDialect Dialect => database.Dialect;

    /// <summary>Records <paramref name="step"/> as used; false when it, or a later step, was used already.</summary>
    public async Task<bool> TryUseAsync(Guid identityId, long step, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await using (var update = Database.Command(connection,
            "UPDATE identity_totp_steps SET time_step = @step, updated_at = @now WHERE identity_id = @id AND time_step < @step"))
        {
            Bind(update, identityId, step, now);
            if (await update.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1)
            {
                return true;
            }
        }

        // No row yet, or a row at this step or later: only the first insert wins; a conflict means the step was used.
        await using var insert = Database.Command(connection,
            "INSERT INTO identity_totp_steps (identity_id, time_step, updated_at) VALUES (@id, @step, @now) ON CONFLICT (identity_id) DO NOTHING");
        Bind(insert, identityId, step, now);
        return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }

    void Bind(System.Data.Common.DbCommand command, Guid identityId, long step, DateTime now)
    {
        Dialect.AddUuid(command, "id", identityId);
        SqlDialect.Add(command, "step", step);
        Dialect.AddTime(command, "now", now);
    }
}
