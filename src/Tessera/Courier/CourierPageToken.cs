using System.Globalization;
using System.Text;

namespace Tessera.Courier;

/// <summary>
/// The opaque keyset token of the message list: <c>created_at</c> and <c>id</c> of the last row of the previous page
/// (the list is ordered by both), versioned and base64url-encoded.
/// </summary>
internal sealed record CourierPageToken(DateTime CreatedAt, Guid Id)
{
    const string Prefix = "tessera-courier-v1:";

    public string Encode() =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(Prefix + CreatedAt.Ticks.ToString(CultureInfo.InvariantCulture) + "/" + Id.ToString("D")))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static bool TryDecode(string token, out CourierPageToken? after)
    {
        after = null;
        var decoded = Schemas.IdentitySchema.Base64UrlDecode(token);
        if (decoded is null || !decoded.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var parts = decoded[Prefix.Length..].Split('/');
        if (parts.Length != 2
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
            || ticks > DateTime.MaxValue.Ticks
            || !Guid.TryParseExact(parts[1], "D", out var id))
        {
            return false;
        }

        after = new CourierPageToken(new DateTime(ticks, DateTimeKind.Utc), id);
        return true;
    }
}
