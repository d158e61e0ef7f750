namespace Tessera.Sessions;

/// <summary>
/// <c>session.whoami.required_aal</c> (§10.4): <c>aal1</c> accepts any session; <c>highest_available</c> wants the session
/// to reach the highest AAL its identity has set up.
/// </summary>
internal sealed class SessionAalPolicy(SessionOptions options)
{
    public bool Satisfies(Session session) => Satisfies(session, options.RequiredAal);

    /// <summary>
    /// Where a session below <c>session.whoami.required_aal</c> is sent after a first-factor login: the aal2 login, with
    /// <c>return_to</c> and <c>login_challenge</c> of the login flow's request carried over (Kratos's
    /// <c>PassReturnToAndLoginChallengeParameters</c>).
    /// </summary>
    public string StepUpUrl(string flowRequestUrl)
    {
        var url = SessionErrors.Aal2LoginUrl(options.PublicBaseUrl);
        if (Uri.TryCreate(flowRequestUrl, UriKind.Absolute, out var request))
        {
            var query = Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(request.Query);
            foreach (var name in (string[])["return_to", "login_challenge"])
            {
                if (query.TryGetValue(name, out var value) && value.ToString() is { Length: > 0 } text)
                {
                    url += "&" + name + "=" + Uri.EscapeDataString(text);
                }
            }
        }

        return url;
    }

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
