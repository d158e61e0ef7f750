namespace Tessera.Sessions;

/// <summary>
/// <c>session.whoami.required_aal</c> (§10.4): <c>aal1</c> accepts any session; <c>highest_available</c> wants the session
/// to reach the highest AAL its identity has set up.
/// </summary>
internal sealed class SessionAalPolicy(SessionOptions options)
{
    public bool Satisfies(Session session) => Satisfies(session, options.RequiredAal);

    /// <summary>The same rule for another setting of the same kind (<c>selfservice.flows.settings.required_aal</c>).</summary>
    public static bool Satisfies(Session session, string requiredAal) =>
        requiredAal == Aal.RequiredAal1
            ? Aal.Rank(session.AuthenticatorAssuranceLevel) >= 1
            : Aal.Rank(session.AuthenticatorAssuranceLevel) >= Math.Max(1, Aal.Rank(AvailableAal(session)));

    /// <summary>
    /// The identity's highest available AAL, read from <c>identities.available_aal</c>, which <c>IdentityWriter</c> keeps
    /// in line with the credentials on every write (rows written before that column was kept count as aal1).
    /// </summary>
    public static string AvailableAal(Session session) => session.IdentityAvailableAal ?? Aal.Aal1;
}
