using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Flows;

namespace Tessera.Strategies.Code;

internal sealed partial class CodeStrategy
{
    const string SendsKey = "code_sends";

    /// <summary>
    /// Counts a login or registration send (first code or resend) on the flow and says whether it is one too many: a flow
    /// sends at most <c>max_submissions</c> messages, so one flow cannot be used to flood an inbox. (Kratos leaves this to
    /// rate limits in front; the per-client <c>CredentialRateLimit</c> bounds how fast new flows can be used.)
    /// </summary>
    bool TooManySends(Flow flow)
    {
        var sent = flow.Data[SendsKey] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? v.GetValue<int>() : 0;
        if (sent >= Options.MaxSubmissions)
        {
            return true;
        }

        flow.Data[SendsKey] = sent + 1;
        return false;
    }
}
