namespace Tessera.Sessions;

/// <summary>Authenticator assurance levels as Kratos names them, and the session AAL derived from its AMR.</summary>
internal static class Aal
{
    public const string Aal0 = "aal0";
    public const string Aal1 = "aal1";
    public const string Aal2 = "aal2";

    public const string RequiredAal1 = "aal1";
    public const string RequiredHighestAvailable = "highest_available";

    /// <summary>aal0 without any method; aal2 when the AMR holds a first and a second factor; aal1 otherwise.</summary>
    public static string FromMethods(IReadOnlyCollection<AuthenticationMethod> methods)
    {
        if (methods.Count == 0)
        {
            return Aal0;
        }

        var first = false;
        var second = false;
        foreach (var m in methods)
        {
            if (m.Aal == Aal1)
            {
                first = true;
            }
            else if (m.Aal == Aal2)
            {
                second = true;
                // An upstream provider that already did MFA counts as both factors.
                if (m.Method is "oidc" or "saml")
                {
                    first = true;
                }
            }
        }

        return first && second ? Aal2 : Aal1;
    }

    public static int Rank(string? aal) => aal switch
    {
        Aal2 => 2,
        Aal1 => 1,
        _ => 0,
    };
}
