using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Tessera.Persistence;

/// <summary>
/// New row ids: UUIDv7 (RFC 9562: the Unix time in milliseconds, then random bits), so new rows land at the end of
/// their indexes. Unlike <see cref="Guid.CreateVersion7()"/>, which asks the kernel for 16 random bytes per id (a
/// system call; 6% of a bulk import), the random bits come from a per-thread buffer of CSPRNG output filled 4 KB at a
/// time.
/// </summary>
internal static class RowId
{
    const int IdsPerRefill = 256;

    [ThreadStatic]
    static byte[]? t_random;

    [ThreadStatic]
    static int t_next;

    public static Guid New() => New(DateTimeOffset.UtcNow);

    public static Guid New(DateTimeOffset time)
    {
        var random = t_random ??= new byte[16 * IdsPerRefill];
        if (t_next == 0)
        {
            RandomNumberGenerator.Fill(random);
        }

        Span<byte> id = stackalloc byte[16];
        random.AsSpan(t_next * 16, 16).CopyTo(id);
        t_next = (t_next + 1) % IdsPerRefill;

        // 48 bits of milliseconds, then the version (7) and variant (10) bits over the random ones.
        Span<byte> millis = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(millis, time.ToUnixTimeMilliseconds());
        millis[2..].CopyTo(id);
        id[6] = (byte)((id[6] & 0x0F) | 0x70);
        id[8] = (byte)((id[8] & 0x3F) | 0x80);
        return new Guid(id, bigEndian: true);
    }
}
