using ManagedArgon2 = Konscious.Security.Cryptography.Argon2;
using ManagedArgon2i = Konscious.Security.Cryptography.Argon2i;
using ManagedArgon2id = Konscious.Security.Cryptography.Argon2id;

namespace Tessera.Hashing;

/// <summary>Argon2 (version 0x13) key derivation over the two libraries Tessera carries.</summary>
internal static class Argon2Kdf
{
    // libsodium's limits as NSec enforces them: one lane, 16-byte salt, at least 16 bytes of output.
    private const int SodiumSaltLength = 16;
    private const int SodiumMinOutput = 16;
    private const int SodiumMinMemoryKiB = 8;

    [ThreadStatic]
    private static Argon2WorkerProcess? t_worker;

    /// <summary>Sends this thread's libsodium hashes to <paramref name="worker"/> (null: hash here).</summary>
    public static void UseWorkerOnThisThread(Argon2WorkerProcess? worker) => t_worker = worker;

    public static byte[] Derive(
        Argon2Variant variant,
        ReadOnlySpan<byte> password,
        byte[] salt,
        int memoryKiB,
        int iterations,
        int parallelism,
        int length)
    {
        ArgumentNullException.ThrowIfNull(salt);
        if (variant == Argon2Variant.Argon2id && parallelism == 1 && salt.Length == SodiumSaltLength
            && length >= SodiumMinOutput && memoryKiB >= SodiumMinMemoryKiB)
        {
            // Performance: libsodium is native and several times faster than the managed implementation; on a hashing
            // thread it runs in that thread's worker process (see Argon2Worker).
            return t_worker is { } worker
                ? worker.Derive(password, salt, memoryKiB, iterations, length)
                : Argon2Worker.DeriveInProcess(password, salt, memoryKiB, iterations, length);
        }

        using ManagedArgon2 managed = variant == Argon2Variant.Argon2id
            ? new ManagedArgon2id(password.ToArray())
            : new ManagedArgon2i(password.ToArray());
        managed.Salt = salt;
        managed.MemorySize = memoryKiB;
        managed.Iterations = iterations;
        managed.DegreeOfParallelism = parallelism;
        return managed.GetBytes(length);
    }
}
