using System.Text;
using System.Text.Json.Nodes;
using Tessera.Errors;
using Tessera.Flows;
using Tessera.Flows.Ui;
using Tessera.Identities;
using Tessera.Text;
using Tessera.WebAuthn;

namespace Tessera.Strategies.Passkey;

internal sealed partial class PasskeyStrategy
{
    /// <summary>
    /// aal1 flows: request options for any discoverable credential (<c>passkey_challenge</c>), the identifier field marked
    /// for autofill (<c>username webauthn</c>), the script on browser flows, the result input and the sign-in button. A
    /// refresh offers the session identity's passkeys instead (<see cref="PopulateRefresh"/>).
    /// </summary>
    public void PopulateLogin(FlowContext context)
    {
        if (context.Flow.RequestedAal != Sessions.Aal.Aal1)
        {
            return;
        }

        // Kratos turns refresh off for a flow started without a session.
        if (context.Flow.Refresh && context.Session is not null)
        {
            PopulateRefresh(context);
            return;
        }

        var options = Party.BeginLogin([]).ToJson();
        context.Flow.Data[SessionKey] = options;
        var ui = context.Ui;
        var browser = !context.Flow.IsApi;
        if (ui.Nodes.FirstOrDefault(n => n.Name == "identifier") is { Input: { } identifier })
        {
            identifier.Autocomplete = "username webauthn";
        }
        else
        {
            ui.Nodes.Add(UiNode.InputField("identifier", InputType.Text, NodeGroup.Default, value: JsonValue.Create(""), required: true,
                autocomplete: "username webauthn", label: Messages.LabelId()));
        }

        ui.Nodes.Add(PasskeyNodes.Hidden(PasskeyNodes.Challenge, RelyingParty.Wrap(options)));
        if (browser)
        {
            ui.Nodes.Add(WebAuthnScript.Node(PublicBaseUrl, NodeGroup.Passkey));
        }

        ui.Nodes.Add(PasskeyNodes.LoginInput(browser));
        ui.Nodes.Add(WebAuthnTriggers.Button(PasskeyNodes.LoginTrigger, NodeGroup.Passkey, WebAuthnTriggers.PasskeyLogin, Messages.LoginPasskey(),
            browser, JsonValue.Create("")));
    }

    /// <summary>
    /// A refresh, as Kratos's <c>PopulateLoginMethodFirstFactorRefresh</c>: nothing unless the session identity has a
    /// passkey identifier and keys; then request options that allow only its keys, the script on browser flows, the result
    /// input, the sign-in button, and the identifier as a hidden field holding the passkey display name.
    /// </summary>
    void PopulateRefresh(FlowContext context)
    {
        if (context.SessionIdentity is not { } identity
            || identity.Credentials.GetValueOrDefault(Id)?.Identifiers is not [{ Length: > 0 }, ..]
            || _ceremonies.Keyring(identity) is not { Keys.Count: > 0 } ring)
        {
            return;
        }

        var options = Party.BeginLogin(ring.Keys).ToJson();
        context.Flow.Data[SessionKey] = options;
        var ui = context.Ui;
        var browser = !context.Flow.IsApi;
        ui.Nodes.Add(PasskeyNodes.Hidden(PasskeyNodes.Challenge, RelyingParty.Wrap(options)));
        if (browser)
        {
            ui.Nodes.Add(WebAuthnScript.Node(PublicBaseUrl, NodeGroup.Passkey));
        }

        // Kratos's refresh result input has no conditional-UI trigger: the options already name the keys.
        ui.Nodes.Add(PasskeyNodes.Hidden(PasskeyNodes.Login));
        ui.Nodes.Add(WebAuthnTriggers.Button(PasskeyNodes.LoginTrigger, NodeGroup.Passkey, WebAuthnTriggers.PasskeyLogin, Messages.LoginPasskey(),
            browser, JsonValue.Create("")));
        var schema = schemas.Find(identity.SchemaId) ?? schemas.Default;
        // Kratos sets the identifier to the display name even when there is none; an empty one would blank the password's.
        if (TraitFacts.Extract(schema, identity.Traits).PasskeyDisplayName is { Length: > 0 } name)
        {
            ui.Nodes.RemoveAll(n => n.Name == "identifier");
            ui.Nodes.Add(UiNode.InputField("identifier", InputType.Hidden, NodeGroup.Default, value: JsonValue.Create(name)));
        }
    }

    public async ValueTask<StrategyOutcome> LoginAsync(FlowContext context, CancellationToken ct)
    {
        var assertion = FlowPayload.String(context.Payload, PasskeyNodes.Login);
        if ((string.IsNullOrEmpty(assertion) && context.Method != Id) || context.Flow.RequestedAal != Sessions.Aal.Aal1)
        {
            return StrategyOutcome.NotResponsible;
        }

        if (string.IsNullOrEmpty(assertion))
        {
            // method=passkey without a result: the form becomes the passkey ceremony alone, and the browser goes back to the UI.
            context.Ui.Nodes.RemoveAll(n => n.Name != "csrf_token");
            context.Ui.ResetMessages();
            PopulateLogin(context);
            context.Ui.Sort(FlowKind.Login);
            var url = responder.UiUrl(context.Flow).AbsoluteUri;
            return StrategyOutcome.Responded(ClientKind.IsJsonRequest(context.Http.Request) || context.Flow.IsApi
                ? new ApiErrorResult(ApiErrors.BrowserLocationChangeRequired(url)) { RedirectBrowserTo = url }
                : FlowResponder.Redirect(303, url));
        }

        var ui = context.Ui;
        ui.SetValue(PasskeyNodes.Login, null);
        if (WebAuthnResponse.ParseAssertion(assertion) is not { } response)
        {
            return StrategyOutcome.Failed(ApiErrors.BadRequest("Unable to parse WebAuthn response."));
        }

        if (_ceremonies.StoredOptions(context.Flow) is not { } stored)
        {
            context.Fail(Messages.WebAuthnLoginInvalid());
            return StrategyOutcome.Invalid;
        }

        // A discoverable credential names its user: the handle is the passkey credential's identifier.
        var handle = response.Response.UserHandle;
        var identity = handle is { Length: > 0 }
            ? await identities.FindByIdentifierAsync(Id, Encoding.UTF8.GetString(handle), ct).ConfigureAwait(false)
            : null;
        if (identity is null)
        {
            context.Fail(Messages.NoWebAuthnUser());
            return StrategyOutcome.Invalid;
        }

        return await _ceremonies.FinishLoginAsync(context, identity, response, stored, handle, _ => true, Sessions.Aal.Aal1, ct).ConfigureAwait(false);
    }
}
