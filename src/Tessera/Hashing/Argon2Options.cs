namespace Tessera.Hashing;

/// <summary>
/// <c>hashers.argon2</c>. Defaults are Kratos's: 128 MB, one pass, 16-byte salt, 32-byte key. <see cref="Parallelism"/>
/// is kept for configuration compatibility; see <see cref="Argon2Hasher"/> for why new hashes use one lane.
/// </summary>
internal sealed record Argon2Options
{
    public int MemoryKiB { get; init; } = 131072;

    public int Iterations { get; init; } = 1;

    public int Parallelism { get; init; } = 1;

    public int SaltLength { get; init; } = 16;

    public int KeyLength { get; init; } = 32;
}
