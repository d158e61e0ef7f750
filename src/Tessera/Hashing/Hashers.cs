using Tessera.Config;

namespace Tessera.Hashing;

/// <summary>The hasher for new passwords, as <c>hashers.algorithm</c> chooses.</summary>
internal static class Hashers
{
    public static IPasswordHasher FromConfig(TesseraConfig config)
    {
        if (config.HasherAlgorithm == "argon2")
        {
            return new Argon2Hasher(new Argon2Options
            {
                MemoryKiB = (int)Math.Clamp(ByteSize.Parse(config.Argon2Memory) / 1024, 8, int.MaxValue),
                Iterations = Math.Max(1, config.Argon2Iterations),
                SaltLength = config.Argon2SaltLength,
                KeyLength = config.Argon2KeyLength,
            });
        }

        // Kratos raises bcrypt costs below 12 to 12 outside dev mode.
        var cost = config.Dev ? Math.Max(BcryptHasher.MinCost, config.BcryptCost) : Math.Max(12, config.BcryptCost);
        return new BcryptHasher(cost);
    }
}
