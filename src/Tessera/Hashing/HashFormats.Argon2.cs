namespace Tessera.Hashing;

internal static partial class HashFormats
{
    public const long Argon2MaxMemoryKiB = 1024 * 1024;
    public const long Argon2MaxIterations = 10;
    public const long Argon2MaxParallelism = 16;

    // RFC 9106 §3.1: salt of at least 8 bytes, tag of at least 4, memory of at least 8 KiB per lane.
    private const int Argon2MinSalt = 8;
    private const int Argon2MinKey = 4;

    private static string? Argon2ImportError(string hash)
    {
        if (!Argon2Phc.TryParse(hash, out var phc) || !IsUsable(phc))
        {
            return Malformed("argon2");
        }

        if (phc.MemoryKiB > Argon2MaxMemoryKiB)
        {
            return TooLarge("argon2", "m (memory in KiB)", phc.MemoryKiB, Argon2MaxMemoryKiB);
        }

        if (phc.Iterations > Argon2MaxIterations)
        {
            return TooLarge("argon2", "t (iterations)", phc.Iterations, Argon2MaxIterations);
        }

        return phc.Parallelism > Argon2MaxParallelism
            ? TooLarge("argon2", "p (parallelism)", phc.Parallelism, Argon2MaxParallelism)
            : null;
    }

    private static bool VerifyArgon2(ReadOnlySpan<byte> password, string hash)
    {
        if (!Argon2Phc.TryParse(hash, out var phc) || !IsUsable(phc)
            || phc.MemoryKiB > int.MaxValue || phc.Iterations > int.MaxValue || phc.Parallelism > 255)
        {
            return false;
        }

        var derived = Argon2Kdf.Derive(
            phc.Variant, password, phc.Salt, (int)phc.MemoryKiB, (int)phc.Iterations, (int)phc.Parallelism, phc.Key.Length);
        return SameDigest(phc.Key, derived);
    }

    private static bool IsUsable(Argon2Phc phc) =>
        phc.Iterations >= 1 && phc.Parallelism >= 1 && phc.MemoryKiB >= 8 * phc.Parallelism
        && phc.Salt.Length >= Argon2MinSalt && phc.Key.Length >= Argon2MinKey;
}
