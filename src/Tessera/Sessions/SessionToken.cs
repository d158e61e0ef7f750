using System.Security.Cryptography;
using System.Text;

namespace Tessera.Sessions;

/// <summary>
/// Session and logout tokens in Kratos's format (<c>ory_st_</c> / <c>ory_lo_</c> + 32 alphanumerics) and the hash under
/// which they are stored: only SHA-256 digests reach the database.
/// </summary>
internal static class SessionToken
{
    public const string SessionPrefix = "ory_st_";
    public const string LogoutPrefix = "ory_lo_";
    const int RandomLength = 32;
    const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    static readonly byte[] LogoutLabel = "tessera logout token v1"u8.ToArray();

    public static string NewSessionToken() => SessionPrefix + RandomNumberGenerator.GetString(Alphabet, RandomLength);

    /// <summary>
    /// The session's logout token, derived from its session token so that it is stable across logout-flow calls (Kratos
    /// returns the same one every time) without ever being stored in clear. Knowing it reveals nothing about the session token.
    /// </summary>
    public static string LogoutTokenFor(string sessionToken)
    {
        var key = Encoding.UTF8.GetBytes(sessionToken);
        var result = new StringBuilder(LogoutPrefix, LogoutPrefix.Length + RandomLength);
        Span<byte> block = stackalloc byte[HMACSHA256.HashSizeInBytes];
        Span<byte> input = stackalloc byte[LogoutLabel.Length + 1];
        LogoutLabel.CopyTo(input);
        for (byte counter = 0; result.Length < LogoutPrefix.Length + RandomLength; counter++)
        {
            input[^1] = counter;
            HMACSHA256.HashData(key, input, block);
            foreach (var b in block)
            {
                // Rejection sampling keeps every character equally likely (248 = 4 × 62).
                if (b < 248 && result.Length < LogoutPrefix.Length + RandomLength)
                {
                    result.Append(Alphabet[b % Alphabet.Length]);
                }
            }
        }

        return result.ToString();
    }

    /// <summary>Lower-case hex SHA-256 of the token: what the <c>sessions</c> table stores and looks up.</summary>
    public static string Hash(string token)
    {
        Span<byte> digest = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), digest);
        return Convert.ToHexStringLower(digest);
    }

    /// <summary>Whether <paramref name="token"/> hashes to <paramref name="expectedHash"/>, in constant time.</summary>
    public static bool Matches(string token, string expectedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(token)), Encoding.ASCII.GetBytes(expectedHash));
}
