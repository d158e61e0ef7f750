namespace Tessera.Identities;

/// <summary>An address given in an admin import; it overrides the derived address with the same via and value.</summary>
internal sealed record AddressInput(string Via, string Value, bool? Verified, string? Status, DateTime? VerifiedAt);
