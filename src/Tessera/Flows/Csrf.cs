using System.Security.Cryptography;
using System.Text;
using Tessera.Config;

namespace Tessera.Flows;

/// <summary>
/// Double-submit CSRF protection as Kratos does it (nosurf): a 32-byte secret in a cookie named after the public base
/// URL, and a masked token (pad ‖ secret⊕pad, fresh for every response) in the flow's <c>csrf_token</c> node.
/// </summary>
internal sealed class Csrf(TesseraConfig config)
{
    const int SecretLength = 32;
    static readonly TimeSpan CookieLifetime = TimeSpan.FromDays(365);

    public string CookieName { get; } = "csrf_token_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(config.Public.BaseUrl.ToString())));

    /// <summary>The secret the request's cookie carries, or a new one set on the response when it has none (or a bad one).</summary>
    public byte[] EnsureSecret(HttpContext context)
    {
        if (ReadSecret(context.Request) is { } existing)
        {
            return existing;
        }

        return Regenerate(context);
    }

    /// <summary>A new secret (after login, registration, logout), replacing the cookie on the response.</summary>
    public byte[] Regenerate(HttpContext context)
    {
        var secret = RandomNumberGenerator.GetBytes(SecretLength);
        context.Items[CookieName] = secret;
        context.Response.Cookies.Append(CookieName, Convert.ToBase64String(secret), CookieOptions());
        return secret;
    }

    public byte[]? ReadSecret(HttpRequest request)
    {
        if (request.HttpContext.Items.TryGetValue(CookieName, out var set) && set is byte[] fresh)
        {
            return fresh;
        }

        if (!request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        var secret = Decode(value);
        return secret is { Length: SecretLength } ? secret : null;
    }

    /// <summary>A masked token for a node value: a fresh pad each time, all of them verify against the same secret.</summary>
    public static string MaskedToken(byte[] secret)
    {
        var token = new byte[SecretLength * 2];
        RandomNumberGenerator.Fill(token.AsSpan(0, SecretLength));
        for (var i = 0; i < SecretLength; i++)
        {
            token[SecretLength + i] = (byte)(secret[i] ^ token[i]);
        }

        return Convert.ToBase64String(token);
    }

    /// <summary>Whether a posted token (masked, or the raw secret) matches the secret; constant-time.</summary>
    public static bool Verify(byte[] secret, string? posted)
    {
        if (string.IsNullOrEmpty(posted) || Decode(posted) is not { } token)
        {
            return false;
        }

        if (token.Length == SecretLength * 2)
        {
            var unmasked = new byte[SecretLength];
            for (var i = 0; i < SecretLength; i++)
            {
                unmasked[i] = (byte)(token[SecretLength + i] ^ token[i]);
            }

            token = unmasked;
        }

        return token.Length == SecretLength && CryptographicOperations.FixedTimeEquals(token, secret);
    }

    /// <summary>What a flow stores to check that a later fetch comes from the browser that made it.</summary>
    public static string Fingerprint(byte[] secret) => Convert.ToHexStringLower(SHA256.HashData(secret));

    static byte[]? Decode(string value)
    {
        try
        {
            return Convert.FromBase64String(value.Replace('-', '+').Replace('_', '/'));
        }
        catch (FormatException)
        {
            return null;
        }
    }

    CookieOptions CookieOptions()
    {
        var secure = ConfigNode.At(config.Root, "cookies.secure") is { } s ? ConfigNode.Bool(config.Root, "cookies.secure", !config.Dev) : !config.Dev;
        var sameSite = secure ? ParseSameSite(ConfigNode.String(config.Root, "cookies.same_site")) : SameSiteMode.Lax;
        return new CookieOptions
        {
            Path = ConfigNode.String(config.Root, "cookies.path", "/"),
            Domain = ConfigNode.String(config.Root, "cookies.domain") is { Length: > 0 } domain ? domain : null,
            MaxAge = CookieLifetime,
            HttpOnly = true,
            Secure = secure,
            SameSite = sameSite,
        };
    }

    internal static SameSiteMode ParseSameSite(string? value) => value switch
    {
        "Strict" => SameSiteMode.Strict,
        "None" => SameSiteMode.None,
        _ => SameSiteMode.Lax,
    };
}
