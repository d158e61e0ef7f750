using Tessera.Config;
using Tessera.Identities;

namespace Tessera.Strategies.Profile;

/// <summary>
/// The identity's traits: in settings, one input per trait (group <c>profile</c>) and <c>method=profile</c> to save
/// them. (Profile-first registration is the registration flow's own first screen, Flows/Registration/ProfileStep.)
/// </summary>
internal sealed partial class ProfileStrategy(TesseraConfig config, IdentityStore identities, IdentityWriter writer) : ISettingsStrategy
{
    public const string Method = "profile";

    public string Id => Method;

    public bool Enabled => ConfigNode.Bool(config.Root, "selfservice.methods.profile.enabled", true);
}
