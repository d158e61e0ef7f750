using Fido2NetLib;
using Fido2NetLib.Objects;
using Tessera.Config;
using Tessera.Flows;
using Tessera.Identities;
using Tessera.WebAuthn;

namespace Tessera.Strategies.WebAuthn;

/// <summary>
/// Security keys (API.md §6.6): with <c>selfservice.methods.webauthn.config.passwordless</c> off, a second factor (aal2
/// login, keys added and removed in settings); with it on, a first factor (registration, identifier-then-key login).
/// Like Kratos, the method serves browser flows only. The ceremony's options (and so its challenge) stay in the flow,
/// server side, and are consumed by the submission that uses them.
/// </summary>
internal sealed partial class WebAuthnStrategy(
    TesseraConfig config,
    IdentityStore identities,
    IdentityWriter writer,
    FlowLoader loader,
    FlowResponder responder,
    UsedChallenges usedChallenges,
    TimeProvider time) : ILoginStrategy, IRegistrationStrategy, ISettingsStrategy
{
    /// <summary>Where a flow keeps the options of the ceremony it offered (Kratos's internal context <c>webauthn.session_data</c>).</summary>
    const string SessionKey = "webauthn_session_data";

    const string Section = "selfservice.methods.webauthn.config";

    // Kratos asks security keys for no user verification and no discoverable credential.
    readonly WebAuthnCeremonies _ceremonies = new(new RelyingParty(config, Section,
            new AuthenticatorSelection { ResidentKey = ResidentKeyRequirement.Discouraged, UserVerification = UserVerificationRequirement.Discouraged },
            AttestationConveyancePreference.None),
        usedChallenges, writer, CredentialsType.WebAuthn, SessionKey);

    RelyingParty Party => _ceremonies.Party;

    public string Id => CredentialsType.WebAuthn;

    public bool Enabled => ConfigNode.Bool(config.Root, "selfservice.methods.webauthn.enabled", false);

    bool Passwordless => ConfigNode.Bool(config.Root, Section + ".passwordless", false);

    /// <summary>The aal a key of this configuration proves: aal1 when passwordless, else aal2.</summary>
    string KeyAal => Passwordless ? Sessions.Aal.Aal1 : Sessions.Aal.Aal2;

    // Kratos hydrates webauthn at both levels: a refresh offers the keys of either; PopulateLogin decides what fits.
    public bool OffersAal(string aal) => aal is Sessions.Aal.Aal1 or Sessions.Aal.Aal2;

    Uri PublicBaseUrl => config.Public.BaseUrl;

    /// <summary>Kratos's WebAuthn user handle for an identity: the 16 bytes of its id.</summary>
    static byte[] UserHandle(Identity identity) => identity.Id.ToByteArray(bigEndian: true);
}
