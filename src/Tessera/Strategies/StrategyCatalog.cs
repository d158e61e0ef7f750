using Tessera.Strategies.Code;
using Tessera.Strategies.Link;
using Tessera.Strategies.LookupSecret;
using Tessera.Strategies.Passkey;
using Tessera.Strategies.Password;
using Tessera.Strategies.Profile;
using Tessera.Strategies.Totp;
using Tessera.Strategies.WebAuthn;

namespace Tessera.Strategies;

/// <summary>
/// The one ordered list of self-service methods, in Kratos's order (profile, password, oidc, code, link, totp, passkey,
/// webauthn, lookup_secret); flows see only the enabled ones, by capability.
/// </summary>
internal sealed class StrategyCatalog(ProfileStrategy profile, PasswordStrategy password, CodeStrategy code, LinkStrategy link, TotpStrategy totp,
    PasskeyStrategy passkey, WebAuthnStrategy webAuthn, LookupSecretStrategy lookupSecret)
{
    readonly IStrategy[] _all = [profile, password, code, link, totp, passkey, webAuthn, lookupSecret];

    public IEnumerable<ILoginStrategy> Login => _all.Where(s => s.Enabled).OfType<ILoginStrategy>();

    public IEnumerable<IRegistrationStrategy> Registration => _all.Where(s => s.Enabled).OfType<IRegistrationStrategy>();

    public IEnumerable<ISettingsStrategy> Settings => _all.Where(s => s.Enabled).OfType<ISettingsStrategy>();

    public IEnumerable<IRecoveryStrategy> Recovery => _all.Where(s => s.Enabled).OfType<IRecoveryStrategy>();

    public IEnumerable<IVerificationStrategy> Verification => _all.Where(s => s.Enabled).OfType<IVerificationStrategy>();

    /// <summary>A method that exists but is switched off answers Kratos's 404 "disabled" error rather than "no strategy".</summary>
    public bool IsDisabled(string method) => _all.Any(s => s.Id == method && !s.Enabled);

    /// <summary>Whether <paramref name="method"/> is a method that exists and is switched on.</summary>
    public bool IsEnabled(string method) => _all.Any(s => s.Id == method && s.Enabled);
}
