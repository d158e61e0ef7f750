using System.Text.Json.Nodes;

namespace Tessera.Strategies.Password;

/// <summary>
/// Why a password was refused. <see cref="Rejected"/> is a Kratos UI message for the <c>password</c> node;
/// <see cref="BreachServerUnavailable"/> means the breach check could not run while <c>ignore_network_errors</c> is
/// false, which the caller answers with a 502 error instead of a flow message.
/// </summary>
internal abstract record PasswordPolicyViolation
{
    public const int IdPolicyViolation = 4000005;
    public const int IdIdentifierTooSimilar = 4000031;
    public const int IdTooShort = 4000032;
    public const int IdTooLong = 4000033;
    public const int IdTooManyBreaches = 4000034;
    public const int IdSameAsCurrent = 4000039;

    private protected PasswordPolicyViolation()
    {
    }

    public static Rejected TooShort(int minLength, int actualLength) => new(
        IdTooShort,
        $"The password must be at least {minLength} characters long, but got {actualLength}.",
        new JsonObject { ["min_length"] = minLength, ["actual_length"] = actualLength });

    public static Rejected TooLong(int maxLength, int actualLength) => new(
        IdTooLong,
        $"The password must be at most {maxLength} characters long, but got {actualLength}.",
        new JsonObject { ["max_length"] = maxLength, ["actual_length"] = actualLength });

    public static Rejected IdentifierTooSimilar() => new(
        IdIdentifierTooSimilar, "The password can not be used because it is too similar to the identifier.", null);

    public static Rejected TooManyBreaches(long breaches) => new(
        IdTooManyBreaches,
        "The password has been found in data breaches and must no longer be used.",
        new JsonObject { ["breaches"] = breaches });

    /// <summary>Settings only: the new password equals the current one.</summary>
    public static Rejected SameAsCurrent() => new(
        IdSameAsCurrent, "The new password must be different from the old password.", null);

    /// <summary>Any other policy failure; <paramref name="reason"/> completes "The password can not be used because …".</summary>
    public static Rejected Other(string reason) => new(
        IdPolicyViolation, $"The password can not be used because {reason}.", new JsonObject { ["reason"] = reason });

    /// <summary>A message for the <c>password</c> node, with Kratos's id, English text and context.</summary>
    internal sealed record Rejected(int Id, string Text, JsonObject? Context) : PasswordPolicyViolation
    {
        /// <summary>Kratos's UI message object: <c>{id, text, type: "error", context}</c>, context omitted when empty.</summary>
        public JsonObject ToUiMessage()
        {
            var message = new JsonObject { ["id"] = Id, ["text"] = Text, ["type"] = "error" };
            if (Context is not null)
            {
                message["context"] = Context.DeepClone();
            }

            return message;
        }
    }

    /// <summary>The breach server could not be asked and the policy may not ignore it: answer 502.</summary>
    internal sealed record BreachServerUnavailable : PasswordPolicyViolation
    {
        public const int Status = 502;

        public const string Reason = "Leaked password server unavailable";

        public static BreachServerUnavailable Instance { get; } = new();

        BreachServerUnavailable()
        {
        }
    }
}
