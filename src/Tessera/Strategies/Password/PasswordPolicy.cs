using System.Text;
using Tessera.Hashing;

namespace Tessera.Strategies.Password;

/// <summary>
/// The rules a new password must pass at registration and in settings (not on admin import), in Kratos's order:
/// minimum length in UTF-8 bytes, bcrypt's 72-byte maximum, similarity to each identifier, then the breach check.
/// The first rule that fails decides.
/// </summary>
internal sealed class PasswordPolicy
{
    /// <summary>Identifiers longer than this are not compared, which bounds the quadratic similarity measures.</summary>
    public const int MaxComparedIdentifierLength = 256;

    /// <summary>A password closer than this (Levenshtein) to an identifier is too similar.</summary>
    public const int MinIdentifierDistance = 5;

    /// <summary>A password sharing a substring longer than this share of its own length with an identifier is too similar.</summary>
    public const double MaxCommonSubstringShare = 0.5;

    readonly PasswordPolicyOptions _options;
    readonly bool _bcryptLimit;
    readonly BreachedPasswords _breaches;
    readonly ILogger _logger;

    public PasswordPolicy(PasswordPolicyOptions options, IPasswordHasher hasher, BreachedPasswords breaches, ILogger<PasswordPolicy> logger)
        : this(options, IsBcrypt(hasher), breaches, logger)
    {
    }

    /// <param name="bcryptLimit">True when new passwords are hashed with bcrypt, which reads at most 72 bytes.</param>
    public PasswordPolicy(PasswordPolicyOptions options, bool bcryptLimit, BreachedPasswords breaches, ILogger<PasswordPolicy> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(breaches);
        ArgumentNullException.ThrowIfNull(logger);
        _options = options;
        _bcryptLimit = bcryptLimit;
        _breaches = breaches;
        _logger = logger;
    }

    /// <summary>
    /// Null when <paramref name="password"/> may be used; otherwise a <see cref="PasswordPolicyViolation.Rejected"/>
    /// message for the <c>password</c> node, or <see cref="PasswordPolicyViolation.BreachServerUnavailable"/>.
    /// </summary>
    public async ValueTask<PasswordPolicyViolation?> CheckAsync(string password, IReadOnlyList<string> identifiers, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(identifiers);

        var bytes = Encoding.UTF8.GetByteCount(password);
        if (bytes < _options.MinPasswordLength)
        {
            return PasswordPolicyViolation.TooShort(_options.MinPasswordLength, bytes);
        }

        if (_bcryptLimit && bytes > BcryptHasher.MaxPasswordBytes)
        {
            return PasswordPolicyViolation.TooLong(BcryptHasher.MaxPasswordBytes, bytes);
        }

        if (_options.IdentifierSimilarityCheckEnabled)
        {
            foreach (var identifier in identifiers)
            {
                if (IsTooSimilar(identifier, password))
                {
                    return PasswordPolicyViolation.IdentifierTooSimilar();
                }
            }
        }

        if (!_options.HaveIBeenPwnedEnabled)
        {
            return null;
        }

        var breaches = await _breaches.CountAsync(password, ct).ConfigureAwait(false);
        if (breaches is null)
        {
            if (_options.IgnoreNetworkErrors)
            {
                return null;
            }

            PasswordPolicyLog.BreachCheckUnavailable(_logger);
            return PasswordPolicyViolation.BreachServerUnavailable.Instance;
        }

        return breaches > _options.MaxBreaches ? PasswordPolicyViolation.TooManyBreaches(breaches.Value) : null;
    }

    /// <summary>
    /// Compares lower-cased identifier and password by Unicode scalar values: too similar when the Levenshtein
    /// distance is below 5 or the longest common substring is more than half the password. Empty identifiers and
    /// identifiers over 256 characters are not compared.
    /// </summary>
    internal static bool IsTooSimilar(string? identifier, string password)
    {
        if (string.IsNullOrEmpty(identifier) || identifier.Length > MaxComparedIdentifierLength || password.Length == 0)
        {
            return false;
        }

        var id = Runes(identifier.ToLowerInvariant());
        var pw = Runes(password.ToLowerInvariant());

        // Both measures are quadratic; skip them when their bounds already decide (long passwords, short identifiers).
        if (Math.Abs(id.Length - pw.Length) < MinIdentifierDistance && Levenshtein(id, pw) < MinIdentifierDistance)
        {
            return true;
        }

        return id.Length > pw.Length * MaxCommonSubstringShare
            && LongestCommonSubstring(id, pw) > pw.Length * MaxCommonSubstringShare;
    }

    internal static int Levenshtein(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1);
                current[j] = Math.Min(substitution, Math.Min(previous[j], current[j - 1]) + 1);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }

    internal static int LongestCommonSubstring(ReadOnlySpan<int> a, ReadOnlySpan<int> b)
    {
        // run[j] is the length of the common run ending at a[i-1] and b[j-1]; walking j downwards reuses one row.
        var run = new int[b.Length + 1];
        var longest = 0;
        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = b.Length; j >= 1; j--)
            {
                run[j] = a[i - 1] == b[j - 1] ? run[j - 1] + 1 : 0;
                longest = Math.Max(longest, run[j]);
            }
        }

        return longest;
    }

    static int[] Runes(string text)
    {
        var runes = new List<int>(text.Length);
        foreach (var rune in text.EnumerateRunes())
        {
            runes.Add(rune.Value);
        }

        return [.. runes];
    }

    static bool IsBcrypt(IPasswordHasher hasher)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        return hasher.Algorithm == "bcrypt";
    }
}
