namespace Tessera.Flows;

/// <summary>The <c>state</c> values that recovery and verification flows pass through (API.md §4.2).</summary>
internal static class FlowStates
{
    public const string ChooseMethod = "choose_method";
    public const string SentEmail = "sent_email";
    public const string PassedChallenge = "passed_challenge";
}
