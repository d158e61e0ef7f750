using System.Text.Json.Nodes;

namespace Tessera.Hooks;

/// <summary>
/// A verification flow made for an address by the verification hook; becomes the <c>show_verification_ui</c> entry of
/// <c>continue_with</c> (<paramref name="Url"/>, the verification UI with <c>?flow=</c>, only for browser flows).
/// </summary>
internal sealed record VerificationFlowRef(Guid FlowId, string VerifiableAddress, string? Url)
{
    public JsonObject ToContinueWith()
    {
        var flow = new JsonObject { ["id"] = FlowId.ToString(), ["verifiable_address"] = VerifiableAddress };
        if (Url is not null)
        {
            flow["url"] = Url;
        }

        return new JsonObject { ["action"] = "show_verification_ui", ["flow"] = flow };
    }

    /// <summary>
    /// The entries a flow's answer gets: the first flow's with the <c>show_verification_ui</c> hook, every flow's with
    /// <c>feature_flags.legacy_continue_with_verification_ui</c>, else none.
    /// </summary>
    public static IEnumerable<JsonObject> ContinueWith(IReadOnlyList<VerificationFlowRef> made, bool showVerificationUi, bool legacy) =>
        legacy ? made.Select(m => m.ToContinueWith())
        : showVerificationUi && made.Count > 0 ? [made[0].ToContinueWith()]
        : [];
}
