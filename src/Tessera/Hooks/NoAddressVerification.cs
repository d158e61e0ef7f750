namespace Tessera.Hooks;

/// <summary>The default <see cref="IAddressVerification"/> while Tessera has no courier: the addresses stay pending.</summary>
internal sealed class NoAddressVerification : IAddressVerification
{
    public ValueTask AddressesChangedAsync(AddressVerificationContext context, CancellationToken ct) => ValueTask.CompletedTask;
}
