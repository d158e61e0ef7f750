using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Tessera.Config;
using Tessera.Flows;
using Tessera.Identities;
using Tessera.Schemas;
using Tessera.WebAuthn;

namespace Tessera.Strategies.Passkey;

/// <summary>
/// Passkeys (API.md §6.7): discoverable WebAuthn credentials as a first factor (aal1) for registration, login (no
/// identifier: the authenticator names the user by its handle, stored as the credential identifier) and settings. The
/// ceremony's options stay in the flow, server side, and are consumed by the submission that uses them.
/// </summary>
internal sealed partial class PasskeyStrategy(
    TesseraConfig config,
    IdentityStore identities,
    IdentityWriter writer,
    SchemaRegistry schemas,
    FlowLoader loader,
    FlowResponder responder,
    UsedChallenges usedChallenges,
    TimeProvider time) : ILoginStrategy, IRegistrationStrategy, ISettingsStrategy
{
    /// <summary>Where a flow keeps the options of the ceremony it offered (Kratos's internal context <c>passkey.session_data</c>).</summary>
    const string SessionKey = "passkey_session_data";

    /// <summary>Registration: the <c>passkey_create_data</c> value shown with those options, reused while the flow lives.</summary>
    const string CreateDataKey = "passkey_create_data";

    const string Section = "selfservice.methods.passkey.config";

    readonly WebAuthnCeremonies _ceremonies = new(new RelyingParty(config, Section, Selection(config), Attestation(config),
            Timeout(config, Section + ".timeouts.registration"), Timeout(config, Section + ".timeouts.login")),
        usedChallenges, writer, CredentialsType.Passkey, SessionKey);

    RelyingParty Party => _ceremonies.Party;

    public string Id => CredentialsType.Passkey;

    public bool Enabled => ConfigNode.Bool(config.Root, "selfservice.methods.passkey.enabled", false);

    public bool OffersAal(string aal) => aal == Sessions.Aal.Aal1;

    Uri PublicBaseUrl => config.Public.BaseUrl;

    static string? Stored(Flow flow, string key) =>
        flow.Data[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>A new user handle: 64 random letters and digits, as Kratos makes them (the credential identifier is its text).</summary>
    static byte[] NewUserHandle()
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
        return Encoding.ASCII.GetBytes(RandomNumberGenerator.GetString(alphabet, 64));
    }

    /// <summary>
    /// <c>authenticator_selection</c>: resident key (default required), user verification (default preferred) and the
    /// attachment only when configured (no preference otherwise), as Kratos's passkey config builds them.
    /// </summary>
    static AuthenticatorSelection Selection(TesseraConfig config)
    {
        var residentKey = ConfigNode.String(config.Root, Section + ".authenticator_selection.resident_key") switch
        {
            "preferred" => ResidentKeyRequirement.Preferred,
            "discouraged" => ResidentKeyRequirement.Discouraged,
            _ => ResidentKeyRequirement.Required,
        };
        return new AuthenticatorSelection
        {
            // WebAuthn L2 §5.4.4: residentKey supersedes the legacy requireResidentKey, which Fido2 marks obsolete.
            ResidentKey = residentKey,
            UserVerification = ConfigNode.String(config.Root, Section + ".authenticator_selection.user_verification") switch
            {
                "required" => UserVerificationRequirement.Required,
                "discouraged" => UserVerificationRequirement.Discouraged,
                _ => UserVerificationRequirement.Preferred,
            },
            AuthenticatorAttachment = ConfigNode.String(config.Root, Section + ".authenticator_selection.attachment") switch
            {
                "platform" => AuthenticatorAttachment.Platform,
                "cross-platform" => AuthenticatorAttachment.CrossPlatform,
                _ => null,
            },
        };
    }

    static AttestationConveyancePreference Attestation(TesseraConfig config) =>
        ConfigNode.String(config.Root, Section + ".attestation.preference") switch
        {
            "indirect" => AttestationConveyancePreference.Indirect,
            "direct" => AttestationConveyancePreference.Direct,
            "enterprise" => AttestationConveyancePreference.Enterprise,
            _ => AttestationConveyancePreference.None,
        };

    static TimeSpan? Timeout(TesseraConfig config, string path) =>
        ConfigNode.String(config.Root, path) is { Length: > 0 } text && Duration.TryParse(text, out var value, out _) && value > TimeSpan.Zero
            ? value
            : null;
}
