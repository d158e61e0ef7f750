using System.Globalization;

namespace Tessera.Hashing;

/// <summary>The PHC string of an Argon2 hash: <c>$argon2id$v=19$m=&lt;KiB&gt;,t=&lt;t&gt;,p=&lt;p&gt;$&lt;salt&gt;$&lt;key&gt;</c>.</summary>
internal sealed record Argon2Phc(
    Argon2Variant Variant,
    long MemoryKiB,
    long Iterations,
    long Parallelism,
    byte[] Salt,
    byte[] Key)
{
    public const int Version = 19;

    /// <summary>Structural parse only (layout, version 19, base64); bounds are the caller's business.</summary>
    public static bool TryParse(string hash, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Argon2Phc? phc)
    {
        phc = null;
        var parts = hash.Split('$');
        if (parts.Length != 6 || parts[0].Length != 0)
        {
            return false;
        }

        Argon2Variant variant;
        switch (parts[1])
        {
            case "argon2id":
                variant = Argon2Variant.Argon2id;
                break;
            case "argon2i":
                variant = Argon2Variant.Argon2i;
                break;
            default:
                return false;
        }

        // Kratos (Go's argon2) only knows version 0x13; older 0x10 hashes are refused there too.
        if (!string.Equals(parts[2], "v=19", StringComparison.Ordinal))
        {
            return false;
        }

        Span<long> values = stackalloc long[3];
        if (!HashFormats.TryParseParameters(parts[3], ["m", "t", "p"], values)
            || !HashFormats.TryDecodeBase64(parts[4], padded: false, out var salt)
            || !HashFormats.TryDecodeBase64(parts[5], padded: false, out var key))
        {
            return false;
        }

        phc = new Argon2Phc(variant, values[0], values[1], values[2], salt, key);
        return true;
    }

    public static string Format(
        Argon2Variant variant, int memoryKiB, int iterations, int parallelism, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> key)
    {
        var name = variant == Argon2Variant.Argon2id ? "argon2id" : "argon2i";
        return string.Create(
            CultureInfo.InvariantCulture,
            $"${name}$v={Version}$m={memoryKiB},t={iterations},p={parallelism}${HashFormats.EncodeBase64Unpadded(salt)}${HashFormats.EncodeBase64Unpadded(key)}");
    }
}
