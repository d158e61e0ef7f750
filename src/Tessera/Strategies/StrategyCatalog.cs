using Tessera.Strategies.Password;

namespace Tessera.Strategies;

/// <summary>The one ordered list of self-service methods; flows see only the enabled ones, by capability.</summary>
internal sealed class StrategyCatalog(PasswordStrategy password)
{
    readonly IStrategy[] _all = [password];

    public IEnumerable<ILoginStrategy> Login => _all.Where(s => s.Enabled).OfType<ILoginStrategy>();

    public IEnumerable<IRegistrationStrategy> Registration => _all.Where(s => s.Enabled).OfType<IRegistrationStrategy>();

    /// <summary>A method that exists but is switched off answers Kratos's 404 "disabled" error rather than "no strategy".</summary>
    public bool IsDisabled(string method) => _all.Any(s => s.Id == method && !s.Enabled);
}
