using System.Security.Cryptography;
using System.Text;
using Tessera.Persistence;

namespace Tessera.WebAuthn;

/// <summary>
/// Makes a login ceremony's challenge single-use across concurrent requests. The flow keeps the challenge and drops it
/// when a login succeeds, but two submissions of one assertion can both read it before either saves the flow; whichever
/// records the challenge here first wins (a primary-key insert), the other is refused.
/// </summary>
internal sealed class UsedChallenges(Database database, TimeProvider time)
{
    /// <summary>Records the challenge in <paramref name="storedOptions"/> as used; false when it was used already.</summary>
    /// <param name="expiresAt">when the flow that offered it expires: after that the challenge is refused anyway.</param>
    public async Task<bool> TryUseAsync(string storedOptions, DateTime expiresAt, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(storedOptions);
        // The stored options hold the random challenge; their hash names it without keeping it.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(storedOptions)));
        await using var connection = await database.OpenAsync(ct).ConfigureAwait(false);
        await using (var sweep = Database.Command(connection, "DELETE FROM webauthn_used_challenges WHERE expires_at < @now"))
        {
            database.Dialect.AddTime(sweep, "now", time.GetUtcNow().UtcDateTime);
            await sweep.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        await using var insert = Database.Command(connection,
            "INSERT INTO webauthn_used_challenges (challenge_hash, expires_at) VALUES (@hash, @expires) ON CONFLICT (challenge_hash) DO NOTHING");
        SqlDialect.Add(insert, "hash", hash);
        database.Dialect.AddTime(insert, "expires", expiresAt);
        return await insert.ExecuteNonQueryAsync(ct).ConfigureAwait(false) == 1;
    }
}
