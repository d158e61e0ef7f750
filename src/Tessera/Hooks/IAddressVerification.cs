using Tessera.Flows;

namespace Tessera.Hooks;

/// <summary>
/// Kratos's implicit <c>verification</c> hook: called after a self-service flow stored an identity whose verifiable
/// addresses need verifying (registration: the unverified ones; settings: those still <c>pending</c>), and by
/// <c>require_verified_address</c> when a login is refused. When verification is enabled, a verification flow in state
/// <c>sent_email</c> is made for the first address (for every one with <c>feature_flags.legacy_continue_with_verification_ui</c>),
/// its code or link queued, and the address set to <c>sent</c> (also on the given identity, so answers show it).
/// </summary>
internal interface IAddressVerification
{
    /// <returns>the verification flows made, first one first; empty when verification is disabled or nothing needed one.</returns>
    ValueTask<IReadOnlyList<VerificationFlowRef>> AddressesChangedAsync(AddressVerificationContext context, CancellationToken ct);
}
