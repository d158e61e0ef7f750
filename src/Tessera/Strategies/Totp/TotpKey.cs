using System.Security.Cryptography;
using System.Text;
using OtpNet;
using QRCoder;

namespace Tessera.Strategies.Totp;

/// <summary>
/// An RFC 6238 key as Kratos makes them (pquerna/otp): a 20-byte secret, SHA1, 6 digits, 30 s, and its
/// <c>otpauth://</c> URL, which is what gets stored (encrypted) and shown as a QR code.
/// </summary>
internal sealed class TotpKey
{
    public const int Digits = 6;
    public const int Period = 30;
    const int SecretSize = 20;

    TotpKey(byte[] secret, string url)
    {
        Secret = secret;
        Url = url;
    }

    public byte[] Secret { get; }

    /// <summary>The secret in base32 without padding, as authenticator apps take it.</summary>
    public string Base32 => Base32Encoding.ToString(Secret).TrimEnd('=');

    public string Url { get; }

    public static TotpKey Generate(string issuer, string accountName)
    {
        var secret = RandomNumberGenerator.GetBytes(SecretSize);
        var base32 = Base32Encoding.ToString(secret).TrimEnd('=');
        // pquerna/otp's layout: path "/<issuer>:<account>" (Go path escaping keeps '@'), query keys sorted and
        // form-escaped (a space is '+'), as Kratos writes it.
        var url = "otpauth://totp/" + PathEscape(issuer) + ":" + PathEscape(accountName)
            + "?algorithm=SHA1&digits=" + Digits + "&issuer=" + QueryEscape(issuer) + "&period=" + Period + "&secret=" + base32;
        return new TotpKey(secret, url);
    }

    static string PathEscape(string text) => Uri.EscapeDataString(text).Replace("%40", "@", StringComparison.Ordinal);

    static string QueryEscape(string text) => Uri.EscapeDataString(text).Replace("%20", "+", StringComparison.Ordinal);

    /// <summary>The key an <c>otpauth://totp/</c> URL carries; null when it is not one or has no usable secret.</summary>
    public static TotpKey? Parse(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme != "otpauth" || uri.Host != "totp")
        {
            return null;
        }

        foreach (var pair in uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var cut = pair.IndexOf('=', StringComparison.Ordinal);
            if (cut > 0 && pair[..cut] == "secret")
            {
                try
                {
                    var secret = Base32Encoding.ToBytes(Uri.UnescapeDataString(pair[(cut + 1)..]));
                    return secret.Length == 0 ? null : new TotpKey(secret, url);
                }
                catch (ArgumentException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The time step <paramref name="code"/> is valid for at <paramref name="now"/>, or null. RFC 6238 §5.2: one step of
    /// drift either way is accepted, as Kratos (pquerna/otp, skew 1) does.
    /// </summary>
    public long? Match(string code, DateTimeOffset now)
    {
        if (code.Length != Digits || !code.All(char.IsAsciiDigit))
        {
            return null;
        }

        var totp = new OtpNet.Totp(Secret, Period, OtpHashMode.Sha1, Digits);
        var given = Encoding.ASCII.GetBytes(code);
        long? matched = null;
        for (var drift = -1; drift <= 1; drift++)
        {
            var at = now.AddSeconds(drift * Period);
            // Every window is computed and compared in constant time, so timing tells nothing about which matched.
            if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(totp.ComputeTotp(at.UtcDateTime)), given))
            {
                matched ??= Step(at);
            }
        }

        return matched;
    }

    public static long Step(DateTimeOffset at) => at.ToUnixTimeSeconds() / Period;

    /// <summary>The code for <paramref name="at"/> (tests and tools).</summary>
    public string CodeAt(DateTimeOffset at) => new OtpNet.Totp(Secret, Period, OtpHashMode.Sha1, Digits).ComputeTotp(at.UtcDateTime);

    /// <summary>A PNG QR code of the URL as a data URL (QRCoder's PNG writer: no System.Drawing).</summary>
    public string QrDataUrl()
    {
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(Url, QRCodeGenerator.ECCLevel.M);
        var png = new PngByteQRCode(data).GetGraphic(6);
        return "data:image/png;base64," + Convert.ToBase64String(png);
    }
}
