using System.Globalization;
using System.Text;

namespace Tessera.Hashing;

internal sealed class BcryptHasher : IPasswordHasher
{
    /// <summary>bcrypt reads at most 72 bytes of key; longer passwords must be rejected, never silently truncated.</summary>
    public const int MaxPasswordBytes = 72;

    public const int MinCost = 4;
    public const int MaxCost = 31;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private readonly int _cost;

    public BcryptHasher(int cost)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(cost, MinCost);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(cost, MaxCost);
        _cost = cost;
    }

    public string Algorithm => "bcrypt";

    public int Cost => _cost;

    public static bool IsTooLong(ReadOnlySpan<byte> passwordUtf8) => passwordUtf8.Length > MaxPasswordBytes;

    public static bool IsTooLong(string password) => Encoding.UTF8.GetByteCount(password) > MaxPasswordBytes;

    public string Hash(ReadOnlySpan<byte> passwordUtf8)
    {
        if (IsTooLong(passwordUtf8))
        {
            throw new ArgumentException(
                $"bcrypt accepts at most {MaxPasswordBytes} bytes of password; check IsTooLong first.", nameof(passwordUtf8));
        }

        // BCrypt.Net takes a string and encodes it as UTF-8 itself; a strict decode keeps the bytes it hashes identical.
        var password = StrictUtf8.GetString(passwordUtf8);
        return BCrypt.Net.BCrypt.HashPassword(password, BCrypt.Net.BCrypt.GenerateSalt(_cost, 'a'));
    }

    public string Hash(string password)
    {
        ArgumentNullException.ThrowIfNull(password);
        return Hash(Encoding.UTF8.GetBytes(password));
    }

    public bool Understands(string hash) =>
        HashFormats.TryParseBcryptCost(hash, out var cost) && cost >= _cost;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"bcrypt(cost={_cost})");
}
