using System.Text.Json.Nodes;
using Tessera.Errors;
using Tessera.Flows;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Text;
using Tessera.WebAuthn;

namespace Tessera.Strategies.WebAuthn;

internal sealed partial class WebAuthnStrategy
{
    /// <summary>
    /// Browser flows only. A refresh: request options for the session identity's keys of the flow's level (passwordless
    /// keys at aal1, the others at aal2), as Kratos's <c>populateLoginMethodRefresh</c> offers them. Otherwise,
    /// passwordless: an identifier field and a "sign in with a security key" button (the options follow once the
    /// identifier is known); second factor: in an aal2 flow, request options for the session identity's keys, the script,
    /// the trigger and the result input.
    /// </summary>
    public void PopulateLogin(FlowContext context)
    {
        if (context.Flow.IsApi)
        {
            return;
        }

        if (IsRefresh(context))
        {
            // Kratos offers nothing when the identity has no webauthn identifier to be found by again.
            if (context.SessionIdentity is { } refreshing && refreshing.Credentials.GetValueOrDefault(Id)?.Identifiers is [{ Length: > 0 }, ..])
            {
                AddLoginCeremony(context, refreshing, passwordless: context.Flow.RequestedAal == Sessions.Aal.Aal1, Messages.LoginWebAuthn());
            }

            return;
        }

        if (Passwordless)
        {
            if (context.Flow.RequestedAal != Sessions.Aal.Aal1)
            {
                return;
            }

            if (context.Ui.Nodes.FirstOrDefault(n => n.Name == "identifier") is { Input: { } identifier })
            {
                identifier.Autocomplete = "username webauthn";
            }
            else
            {
                context.Ui.Nodes.Add(UiNode.InputField("identifier", InputType.Text, NodeGroup.Default, value: JsonValue.Create(""), required: true,
                    autocomplete: "username webauthn", label: Messages.LabelId()));
            }

            context.Ui.Nodes.Add(UiNode.InputField("method", InputType.Submit, NodeGroup.WebAuthn, value: JsonValue.Create(Id), label: Messages.LoginWebAuthn()));
            return;
        }

        if (context.Flow.RequestedAal == Sessions.Aal.Aal2 && context.SessionIdentity is { } identity)
        {
            AddLoginCeremony(context, identity, passwordless: false, Messages.LoginWebAuthn());
        }
    }

    /// <summary>A refresh of a session the request carries (Kratos turns <c>refresh</c> off for a flow started without one).</summary>
    static bool IsRefresh(FlowContext context) => context.Flow.Refresh && context.Session is not null;

    /// <summary>Options for the identity's passwordless or second-factor keys, kept in the flow; false when it has none.</summary>
    bool AddLoginCeremony(FlowContext context, Identity identity, bool passwordless, UiText label)
    {
        var keys = _ceremonies.Keyring(identity).Keys.Where(k => k.IsPasswordless == passwordless).ToList();
        if (keys.Count == 0)
        {
            return false;
        }

        var options = Party.BeginLogin(keys).ToJson();
        context.Flow.Data[SessionKey] = options;
        var ui = context.Ui;
        if (identity.Credentials.GetValueOrDefault(Id)?.Identifiers is [{ } first, ..])
        {
            ui.Nodes.RemoveAll(n => n.Name == "identifier");
            ui.Nodes.Add(UiNode.InputField("identifier", InputType.Hidden, NodeGroup.Default, value: JsonValue.Create(first)));
        }

        ui.Nodes.Add(WebAuthnScript.Node(PublicBaseUrl, NodeGroup.WebAuthn));
        ui.Nodes.Add(WebAuthnNodes.LoginButton(RelyingParty.Wrap(options), label));
        ui.Nodes.Add(WebAuthnNodes.LoginInput());
        return true;
    }

    public async ValueTask<StrategyOutcome> LoginAsync(FlowContext context, CancellationToken ct)
    {
        var assertion = FlowPayload.String(context.Payload, WebAuthnNodes.Login);
        if (context.Flow.IsApi || (string.IsNullOrEmpty(assertion) && context.Method != Id))
        {
            return StrategyOutcome.NotResponsible;
        }

        // Kratos: a refresh at aal1 takes the identifier-then-key path whatever the configuration (its key proves KeyAal).
        if (Passwordless || (IsRefresh(context) && context.Flow.RequestedAal == Sessions.Aal.Aal1))
        {
            return context.Flow.RequestedAal == Sessions.Aal.Aal1
                ? await LoginPasswordlessAsync(context, assertion, ct).ConfigureAwait(false)
                : StrategyOutcome.NotResponsible;
        }

        // A second factor answers only flows that ask for aal2 (which always carry a session).
        if (context.Flow.RequestedAal != Sessions.Aal.Aal2 || context.Session is not { } session)
        {
            return StrategyOutcome.NotResponsible;
        }

        return await AuthenticateAsync(context, session.IdentityId, assertion, ct).ConfigureAwait(false);
    }

    async Task<StrategyOutcome> LoginPasswordlessAsync(FlowContext context, string? assertion, CancellationToken ct)
    {
        var identifier = FlowPayload.String(context.Payload, "identifier");
        if (string.IsNullOrEmpty(identifier))
        {
            return StrategyOutcome.Failed(ApiErrors.BadRequest("identifier is required"));
        }

        var identity = await identities.FindByIdentifierAsync(Id, IdentifierNormalizer.Normalize(identifier), ct).ConfigureAwait(false);
        if (identity is null)
        {
            context.Fail(Messages.NoWebAuthnUser());
            return StrategyOutcome.Invalid;
        }

        if (!string.IsNullOrEmpty(assertion))
        {
            return await AuthenticateAsync(context, identity.Id, assertion, ct).ConfigureAwait(false);
        }

        // The identifier step: the form becomes the key ceremony for this identity, and the browser goes back to the UI.
        var ui = context.Ui;
        var previous = ui.Nodes.ToList();
        ui.Nodes.RemoveAll(n => n.Name != "csrf_token");
        if (!AddLoginCeremony(context, identity, passwordless: true, Messages.LoginContinue()))
        {
            ui.Nodes.Clear();
            ui.Nodes.AddRange(previous);
            context.Fail(Messages.NoWebAuthnUser());
            return StrategyOutcome.Invalid;
        }

        ui.Nodes.RemoveAll(n => n.Name == "identifier");
        ui.Nodes.Add(UiNode.InputField("identifier", InputType.Hidden, NodeGroup.Default, value: JsonValue.Create(identifier), required: true));
        ui.ResetMessages();
        ui.Messages.Add(Messages.LoginWebAuthnPasswordless());
        ui.Sort(FlowKind.Login);
        var url = responder.UiUrl(context.Flow).AbsoluteUri;
        return StrategyOutcome.Responded(ClientKind.IsJsonRequest(context.Http.Request)
            ? new ApiErrorResult(ApiErrors.BrowserLocationChangeRequired(url)) { RedirectBrowserTo = url }
            : FlowResponder.Redirect(303, url));
    }

    /// <summary>
    /// Verifies an assertion for <paramref name="identityId"/>'s keys of the flow's level (any of them on a refresh) against the flow's
    /// options, records the key's new counter, and consumes the options so the challenge cannot serve again.
    /// </summary>
    async Task<StrategyOutcome> AuthenticateAsync(FlowContext context, Guid identityId, string? assertion, CancellationToken ct)
    {
        var ui = context.Ui;
        ui.SetValue(WebAuthnNodes.Login, JsonValue.Create(""));
        var identity = await identities.GetAsync(identityId, ct).ConfigureAwait(false);
        if (identity is null || _ceremonies.Keyring(identity).Keys.Count == 0)
        {
            context.Fail(Messages.NoWebAuthnDevice());
            return StrategyOutcome.Invalid;
        }

        if (WebAuthnResponse.ParseAssertion(assertion) is not { } response)
        {
            return StrategyOutcome.Failed(ApiErrors.BadRequest("Unable to parse WebAuthn response."));
        }

        // No options in the flow: none were offered, or a successful login used them already.
        if (_ceremonies.StoredOptions(context.Flow) is not { } stored)
        {
            context.Fail(Messages.WebAuthnLoginInvalid());
            return StrategyOutcome.Invalid;
        }

        // Kratos: a refresh takes any of the identity's keys (the options named the ones it may use); otherwise those of the flow's level.
        var passwordless = context.Flow.RequestedAal == Sessions.Aal.Aal1;
        var refresh = IsRefresh(context);
        return await _ceremonies.FinishLoginAsync(context, identity, response, stored, userHandle: null, k => refresh || k.IsPasswordless == passwordless,
            KeyAal, ct).ConfigureAwait(false);
    }
}
