using Tessera.Flows;

namespace Tessera.Hooks;

/// <summary>
/// Where verification messages start: called after a self-service flow stored an identity with verifiable addresses
/// it did not have before (a new or changed e-mail or phone trait; each such address is <c>verified: false</c>, status
/// <c>pending</c>). This is Kratos's implicit <c>verification</c> hook. The default, <see cref="NoAddressVerification"/>,
/// sends nothing; the verification flow, once the courier exists, replaces the registration in
/// <c>Hosting/TesseraApp.AddFlows</c>: it creates a verification flow per address, queues the code or link, sets the
/// address status to <c>sent</c>, and may add a <c>show_verification_ui</c> entry to <see cref="Flow.ContinueWith"/>.
/// </summary>
internal interface IAddressVerification
{
    /// <param name="context">the request, the flow that changed the identity (settings; later registration), the stored identity, and the addresses to verify.</param>
    ValueTask AddressesChangedAsync(AddressVerificationContext context, CancellationToken ct);
}
