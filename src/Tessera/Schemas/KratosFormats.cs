using System.Text.Json;
using Json.Schema;
using Tessera.Identities;

namespace Tessera.Schemas;

/// <summary>
/// JSON-schema formats as Kratos's validator understands them: its own (tel, email_loose, no-validate) and a
/// Go-lenient "uri" (any absolute URI), since Kratos configs carry URLs like base64://… that stricter parsers refuse.
/// </summary>
internal static class KratosFormats
{
    static int _registered;

    public static void EnsureRegistered()
    {
        if (Interlocked.Exchange(ref _registered, 1) == 1)
        {
            return;
        }

        var formats = FormatRegistry.Global;
        formats.Register(new PredicateFormat("uri", e => e.ValueKind != JsonValueKind.String || IsAbsoluteUri(e.GetString()!)));
        formats.Register(new PredicateFormat("tel", e => e.ValueKind != JsonValueKind.String || IdentifierNormalizer.IsValidPhone(e.GetString()!)));
        formats.Register(new PredicateFormat("email_loose", e => e.ValueKind != JsonValueKind.String || e.GetString()!.Contains('@', StringComparison.Ordinal)));
        formats.Register(new PredicateFormat("no-validate", _ => true));
    }

    /// <summary>A scheme (RFC 3986: a letter, then letters, digits, + - .) followed by a colon, and no whitespace.</summary>
    static bool IsAbsoluteUri(string value)
    {
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon < 1 || !char.IsAsciiLetter(value[0]) || value.Any(char.IsWhiteSpace))
        {
            return false;
        }

        for (var i = 1; i < colon; i++)
        {
            if (!(char.IsAsciiLetterOrDigit(value[i]) || value[i] is '+' or '-' or '.'))
            {
                return false;
            }
        }

        return true;
    }
}
