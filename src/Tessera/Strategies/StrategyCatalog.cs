using Tessera.Strategies.Password;
using Tessera.Strategies.Profile;

namespace Tessera.Strategies;

/// <summary>The one ordered list of self-service methods (profile first, as in Kratos); flows see only the enabled ones, by capability.</summary>
internal sealed class StrategyCatalog(ProfileStrategy profile, PasswordStrategy password)
{
    readonly IStrategy[] _all = [profile, password];

    public IEnumerable<ILoginStrategy> Login => _all.Where(s => s.Enabled).OfType<ILoginStrategy>();

    public IEnumerable<IRegistrationStrategy> Registration => _all.Where(s => s.Enabled).OfType<IRegistrationStrategy>();

    public IEnumerable<ISettingsStrategy> Settings => _all.Where(s => s.Enabled).OfType<ISettingsStrategy>();

    /// <summary>A method that exists but is switched off answers Kratos's 404 "disabled" error rather than "no strategy".</summary>
    public bool IsDisabled(string method) => _all.Any(s => s.Id == method && !s.Enabled);
}
