using Tessera.Errors;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Hooks.WebHooks;

/// <summary>A message a hook asked to show, on the node its JSON pointer names (<c>#/traits/email</c>) or on the flow (<c>#/</c>).</summary>
internal sealed record WebHookMessage(string InstancePointer, UiText Text);

/// <summary>
/// What a run of web hooks came to: passed (maybe having changed the identity), vetoed with messages for the flow, or
/// failed with the error the flow answers. A value, never an exception.
/// </summary>
internal sealed record WebHookResult
{
    public static readonly WebHookResult Passed = new();

    /// <summary>The error that ends the flow (502 or 504 for an upstream failure, 500 for a broken body template).</summary>
    public ApiError? Error { get; init; }

    /// <summary>An interrupting or parsing hook refused, with <see cref="Messages"/> for the flow.</summary>
    public bool IsVeto { get; init; }

    /// <summary>What a refusing hook asked to show (it may have asked for nothing).</summary>
    public IReadOnlyList<WebHookMessage> Messages { get; init; } = [];

    /// <summary>A parsing hook changed the identity: it must be validated (and its addresses derived) again.</summary>
    public bool IdentityChanged { get; init; }

    /// <summary>The <c>verifiable_addresses</c> a parsing hook gave, to carry their verification state onto the derived addresses.</summary>
    public IReadOnlyList<AddressInput>? VerifiableAddresses { get; init; }

    public bool Succeeded => Error is null && !IsVeto;

    public static WebHookResult Failed(ApiError error) => new() { Error = error };

    public static WebHookResult Vetoed(IReadOnlyList<WebHookMessage> messages) => new() { IsVeto = true, Messages = messages };
}
