using Tessera.Flows;
using Tessera.Identities;

namespace Tessera.Hooks;

/// <summary>What <see cref="IAddressVerification"/> is told: the flow that changed the identity and the addresses that need verifying.</summary>
internal sealed record AddressVerificationContext(HttpContext Http, Flow Flow, Identity Identity, IReadOnlyList<VerifiableAddress> Addresses);
