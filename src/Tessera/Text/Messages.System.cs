using System.Text.Json.Nodes;
using static Tessera.Text.MessageId;

namespace Tessera.Text;

internal static partial class Messages
{
    public static UiText SystemGeneric(string reason) => Error(ErrorSystemGeneric, reason, new JsonObject { ["reason"] = reason });

    public static UiText NoMethodsAvailable() =>
        Error(ErrorSelfServiceNoMethodsAvailable, "No authentication methods are available. Please contact the system administrator.");

    public static UiText SsoRequiredButUnconfigured() =>
        Error(ErrorSelfServiceSsoRequiredButUnconfigured,
            "Your organization requires SSO authentication, but no SSO provider is configured. Please contact the system administrator.");
}
