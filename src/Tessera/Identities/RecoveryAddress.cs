namespace Tessera.Identities;

internal sealed class RecoveryAddress
{
    public Guid Id { get; set; }

    public string Value { get; set; } = "";

    public string Via { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
