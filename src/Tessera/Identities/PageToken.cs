using System.Text;

namespace Tessera.Identities;

/// <summary>The opaque keyset token of the identity list: the last id of the previous page, versioned and base64url-encoded.</summary>
internal static class PageToken
{
    const string Prefix = "tessera-v1:";

    public static string Encode(Guid after) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + after.ToString("D"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string token, out Guid after)
    {
        after = Guid.Empty;
        var decoded = Schemas.IdentitySchema.Base64UrlDecode(token);
        return decoded is not null && decoded.StartsWith(Prefix, StringComparison.Ordinal)
               && Guid.TryParseExact(decoded[Prefix.Length..], "D", out after);
    }
}
