using System.Text.Json.Nodes;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Schemas;
using Tessera.Sessions;
using Tessera.Text;

namespace Tessera.Flows;

/// <summary>One request against one flow, as the strategies see it: the flow, the decoded payload, the caller's session.</summary>
internal sealed class FlowContext(HttpContext http, Flow flow, JsonObject payload, IdentitySchema schema)
{
    public HttpContext Http { get; } = http;

    public Flow Flow { get; } = flow;

    public JsonObject Payload { get; } = payload;

    /// <summary>The identity schema the flow works with (registration: the chosen one; login: the default; settings: the identity's).</summary>
    public IdentitySchema Schema { get; } = schema;

    /// <summary>The session the request carries, when there is one (refresh and step-up logins, settings).</summary>
    public Session? Session { get; init; }

    public Identity? SessionIdentity { get; init; }

    /// <summary>
    /// Settings: whether the session's login is recent enough for privileged changes (password, identifiers,
    /// addresses): <c>authenticated_at</c> within <c>selfservice.flows.settings.privileged_session_max_age</c>.
    /// </summary>
    public bool PrivilegedSession { get; init; }

    public CancellationToken Aborted => Http.RequestAborted;

    public string? Method => FlowPayload.String(Payload, "method");

    public UiContainer Ui => Flow.Ui;

    /// <summary>
    /// Set by a strategy that cannot populate the new flow from the request (the code method's <c>via</c> naming no
    /// address of the identity): the flow is not created and this error answers the init call.
    /// </summary>
    public Errors.ApiError? Refusal { get; set; }

    /// <summary>Puts a flow-global message, after clearing every earlier message as Kratos does before an answer.</summary>
    public void Fail(UiText message)
    {
        Ui.ResetMessages();
        Ui.AddMessage(message);
    }
}
