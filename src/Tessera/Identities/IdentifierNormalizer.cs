using System.Globalization;
using System.Text;
using PhoneNumbers;

namespace Tessera.Identities;

/// <summary>
/// Normalizes identifiers used for lookups (password, code, webauthn) before they are stored and before they are
/// searched, so that <c>USER@Example.com</c> finds <c>user@example.com</c>.
/// </summary>
internal static class IdentifierNormalizer
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Trims, removes control, bidi and invisible characters, folds full-width forms, applies NFKC and lower-cases
    /// culture-invariantly. A result that is a valid international phone number (leading <c>+</c>) becomes E.164.
    /// </summary>
    public static string Normalize(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var text = NormalizeText(value);
        return ToE164Core(text) ?? text;
    }

    /// <summary>
    /// The E.164 form of <paramref name="value"/>, or null when it is not a valid phone number. Only international
    /// numbers qualify: without a leading <c>+</c> there is no country to parse against.
    /// </summary>
    public static string? ToE164(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return ToE164Core(NormalizeText(value));
    }

    public static bool IsValidPhone(string value) => ToE164(value) is not null;

    private static string NormalizeText(string value)
    {
        var text = IdentifierCharacters.RemoveInvisible(value.Trim());
        text = IdentifierCharacters.FoldWidth(text);

        // Under InvariantGlobalization (Tessera's setting) .NET performs no normalization here: the call returns its
        // input unchanged. Width folding above covers the common case; see IdentifierNormalizerTests.
        text = text.Normalize(NormalizationForm.FormKC);

        // Folding can expose new edge whitespace (U+3000 becomes a space), so trim once more.
        return text.ToLowerInvariant().Trim();
    }

    private static string? ToE164Core(string text)
    {
        if (!IdentifierCharacters.LooksLikeInternationalPhone(text))
        {
            return null;
        }

        try
        {
            var number = Phones.Parse(text, null);

            // E.164 has no extensions: formatting one away would merge distinct identifiers, so keep such text as is.
            if (number.HasExtension || !Phones.IsValidNumber(number))
            {
                return null;
            }

            return Phones.Format(number, PhoneNumberFormat.E164);
        }
        catch (NumberParseException)
        {
            return null;
        }
    }
}
