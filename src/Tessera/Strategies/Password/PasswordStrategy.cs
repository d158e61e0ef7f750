using Tessera.Config;
using Tessera.Flows;
using Tessera.Hashing;
using Tessera.Identities;

namespace Tessera.Strategies.Password;

/// <summary>Identifier + password: first-factor login, registration, and changing the password in settings.</summary>
internal sealed partial class PasswordStrategy(
    TesseraConfig config,
    IdentityStore identities,
    IdentityWriter writer,
    IPasswordHasher hasher,
    PasswordPolicy policy,
    HashingGate gate) : ILoginStrategy, IRegistrationStrategy, ISettingsStrategy
{
    public string Id => CredentialsType.Password;

    public bool Enabled => ConfigNode.Bool(config.Root, "selfservice.methods.password.enabled", true);

    public bool OffersAal(string aal) => aal == Sessions.Aal.Aal1;
}
