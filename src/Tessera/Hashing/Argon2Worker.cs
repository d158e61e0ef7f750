using System.Buffers.Binary;
using System.Security.Cryptography;
using NSec.Cryptography;

namespace Tessera.Hashing;

/// <summary>
/// <c>tessera hash-worker</c>: a child process that derives Argon2id keys with libsodium for the server, one request at a
/// time over its standard input and output, until its input closes. libsodium maps, fills and unmaps the whole Argon2
/// memory for every hash; unmapping makes the kernel stop every other thread of the same address space (a TLB
/// shoot-down), so two hashes in one process slow each other down (measured: 0.84 of cores ÷ one-hash time) while
/// two processes do not (0.97). The server therefore hashes in one child per hashing thread (<see cref="Argon2WorkerProcess"/>).
/// </summary>
/// <remarks>
/// Frames, little-endian. Request: memory KiB, passes, key length, salt length, password length (five int32), then the
/// salt and the password. Answer: a status byte (0 key, 1 error), an int32 length, then the key or a UTF-8 reason.
/// </remarks>
internal static class Argon2Worker
{
    public const string Command = "hash-worker";

    const int HeaderBytes = 5 * sizeof(int);
    const int MaxPasswordBytes = 64 * 1024;
    const int MaxSaltBytes = 1024;
    const int MaxKeyBytes = 1024;

    /// <summary>Serves requests from <paramref name="input"/> until it ends; returns the process exit code.</summary>
    public static int Run(Stream input, Stream output)
    {
        var header = new byte[HeaderBytes];
        while (ReadExactly(input, header))
        {
            var memoryKiB = BinaryPrimitives.ReadInt32LittleEndian(header);
            var passes = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(4));
            var keyLength = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(8));
            var saltLength = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(12));
            var passwordLength = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(16));
            if (saltLength is < 0 or > MaxSaltBytes || passwordLength is < 0 or > MaxPasswordBytes || keyLength is < 16 or > MaxKeyBytes)
            {
                // The stream cannot be resynchronised after a header it does not understand.
                WriteAnswer(output, 1, "malformed request"u8);
                return 2;
            }

            var body = new byte[saltLength + passwordLength];
            if (!ReadExactly(input, body))
            {
                return 2;
            }

            try
            {
                var key = DeriveInProcess(body.AsSpan(saltLength), body.AsSpan(0, saltLength), memoryKiB, passes, keyLength);
                WriteAnswer(output, 0, key);
            }
            catch (Exception e) when (e is ArgumentException or CryptographicException or OutOfMemoryException)
            {
                WriteAnswer(output, 1, System.Text.Encoding.UTF8.GetBytes(e.GetType().Name));
            }
            finally
            {
                CryptographicOperations.ZeroMemory(body);
            }
        }

        return 0;
    }

    /// <summary>libsodium's Argon2id (one lane, version 0x13), in this process.</summary>
    public static byte[] DeriveInProcess(ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int memoryKiB, int passes, int keyLength) =>
        PasswordBasedKeyDerivationAlgorithm.Argon2id(new Argon2Parameters
        {
            DegreeOfParallelism = 1,
            MemorySize = memoryKiB,
            NumberOfPasses = passes,
        }).DeriveBytes(password, salt, keyLength);

    /// <summary>Writes one request frame (the caller flushes).</summary>
    public static void WriteRequest(Stream output, ReadOnlySpan<byte> password, ReadOnlySpan<byte> salt, int memoryKiB, int passes, int keyLength)
    {
        var frame = new byte[HeaderBytes + salt.Length + password.Length];
        try
        {
            BinaryPrimitives.WriteInt32LittleEndian(frame, memoryKiB);
            BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(4), passes);
            BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(8), keyLength);
            BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(12), salt.Length);
            BinaryPrimitives.WriteInt32LittleEndian(frame.AsSpan(16), password.Length);
            salt.CopyTo(frame.AsSpan(HeaderBytes));
            password.CopyTo(frame.AsSpan(HeaderBytes + salt.Length));
            output.Write(frame);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(frame);
        }
    }

    /// <summary>Reads one answer: the key, or null with the worker's reason; throws <see cref="EndOfStreamException"/> when the worker is gone.</summary>
    public static byte[]? ReadAnswer(Stream input, out string? reason)
    {
        var header = new byte[1 + sizeof(int)];
        if (!ReadExactly(input, header))
        {
            throw new EndOfStreamException("the hash worker closed its output");
        }

        var length = BinaryPrimitives.ReadInt32LittleEndian(header.AsSpan(1));
        if (length is < 0 or > MaxKeyBytes)
        {
            throw new InvalidDataException("the hash worker sent a malformed answer");
        }

        var payload = new byte[length];
        if (!ReadExactly(input, payload))
        {
            throw new EndOfStreamException("the hash worker closed its output");
        }

        reason = header[0] == 0 ? null : System.Text.Encoding.UTF8.GetString(payload);
        return header[0] == 0 ? payload : null;
    }

    static void WriteAnswer(Stream output, byte status, ReadOnlySpan<byte> payload)
    {
        Span<byte> header = stackalloc byte[1 + sizeof(int)];
        header[0] = status;
        BinaryPrimitives.WriteInt32LittleEndian(header[1..], payload.Length);
        output.Write(header);
        output.Write(payload);
        output.Flush();
    }

    /// <returns>false when the stream ended before the first byte; a frame cut short also counts as the end.</returns>
    static bool ReadExactly(Stream input, Span<byte> buffer)
    {
        var read = 0;
        while (read < buffer.Length)
        {
            var n = input.Read(buffer[read..]);
            if (n == 0)
            {
                return false;
            }

            read += n;
        }

        return true;
    }
}
