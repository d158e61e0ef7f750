namespace Tessera.Identities;

// Placeholder until the normalizer with NFKC and E.164 lands; replaced by that file on merge.
internal static class IdentifierNormalizer
{
    public static string Normalize(string value) => value.Trim().ToLowerInvariant();

    public static string? ToE164(string value) => null;

    public static bool IsValidPhone(string value) => false;
}
