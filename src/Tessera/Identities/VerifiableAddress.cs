namespace Tessera.Identities;

internal sealed class VerifiableAddress
{
    public Guid Id { get; set; }

    public string Value { get; set; } = "";

    public bool Verified { get; set; }

    public string Via { get; set; } = "";

    public string Status { get; set; } = VerifiableAddressStatus.Pending;

    public DateTime? VerifiedAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
