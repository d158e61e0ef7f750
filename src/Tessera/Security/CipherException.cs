using Tessera.Errors;

namespace Tessera.Security;

/// <summary>
/// A stored value that <see cref="Cipher"/> cannot open (rotated-out secret, tampering, corruption). It carries Kratos's
/// error for the case, which the edge answers as it stands, so no internals leak.
/// </summary>
internal sealed class CipherException(ApiError error) : Exception(error.Reason)
{
    public ApiError Error { get; } = error;

    // Kratos: herodot.ErrForbidden "Unable to decipher the encrypted message." (cipher/aes.go).
    public static ApiError Undecipherable() =>
        new(403, "The requested action was forbidden", Reason: "Unable to decipher the encrypted message.");

    public static ApiError Malformed() =>
        ApiErrors.BadRequest("Unable to decode hex encrypted string");

    public static ApiError NoSecrets() =>
        ApiErrors.Misconfiguration("Unable to decipher the encrypted message because no cipher secrets were configured.");
}
