using System.Buffers.Binary;
using System.Text;
using Tessera.Security;

namespace Tessera.Sessions;

/// <summary>
/// The session cookie (§9.3): an encrypted {token, expires_at}. Anything that does not decrypt is treated as no cookie.
/// </summary>
internal sealed class SessionCookie(SessionOptions options, CookieCipher cipher, TimeProvider time)
{
    const string Purpose = "session";

    public string Name => options.CookieName;

    public void Append(HttpResponse response, string token, DateTime expiresAt)
    {
        var tokenBytes = Encoding.UTF8.GetBytes(token);
        var payload = new byte[8 + tokenBytes.Length];
        BinaryPrimitives.WriteInt64BigEndian(payload, new DateTimeOffset(expiresAt, TimeSpan.Zero).ToUnixTimeMilliseconds());
        tokenBytes.CopyTo(payload, 8);
        var cookie = Options();
        if (options.CookiePersistent)
        {
            var remaining = expiresAt - time.GetUtcNow().UtcDateTime;
            cookie.MaxAge = remaining > TimeSpan.Zero ? TimeSpan.FromSeconds(Math.Ceiling(remaining.TotalSeconds)) : TimeSpan.Zero;
            cookie.Expires = new DateTimeOffset(expiresAt, TimeSpan.Zero);
        }

        response.Cookies.Append(options.CookieName, cipher.Protect(payload, Purpose), cookie);
    }

    /// <summary>The token and the expiry the cookie was issued with, or null when there is no valid cookie.</summary>
    public (string Token, DateTime ExpiresAt)? Read(HttpRequest request)
    {
        if (!request.Cookies.TryGetValue(options.CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        var payload = cipher.Unprotect(value, Purpose);
        if (payload is null || payload.Length <= 8)
        {
            return null;
        }

        var expiresAt = DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64BigEndian(payload)).UtcDateTime;
        return (Encoding.UTF8.GetString(payload, 8, payload.Length - 8), expiresAt);
    }

    public void Delete(HttpResponse response) => response.Cookies.Delete(options.CookieName, Options());

    CookieOptions Options() => new()
    {
        Path = options.CookiePath,
        Domain = options.CookieDomain,
        HttpOnly = true,
        Secure = options.CookieSecure,
        SameSite = options.CookieSameSite,
        IsEssential = true,
    };
}
