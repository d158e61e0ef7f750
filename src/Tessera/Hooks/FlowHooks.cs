using System.Text.Json.Nodes;
using Tessera.Errors;
using Tessera.Flows;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Hooks;

/// <summary>
/// The after-hooks that can stop a flow before its session is issued. <c>require_verified_address</c> refuses a login
/// when no verifiable address of the identity is verified: with verification on, a verification flow is made for the
/// first address and its code sent, and the client is pointed there (JSON: 403 <c>session_verified_address_required</c>
/// with <c>details.continue_with</c>; browsers: 303 to the verification UI); with Kratos's legacy flag, the login flow
/// gets 4000010 instead.
/// </summary>
internal sealed class FlowHooks(FlowResponder responder, FlowStore store, FlowOptions options, IAddressVerification verification)
{
    public async Task<IResult?> BeforeSessionAsync(FlowContext context, Identity identity, IReadOnlyList<string> hookNames)
    {
        if (!hookNames.Contains("require_verified_address") || identity.VerifiableAddresses.Any(a => a.Verified))
        {
            return null;
        }

        if (Config.ConfigNode.Bool(options.Config.Root, "feature_flags.legacy_require_verified_login_error", false))
        {
            context.Fail(Messages.AddressNotVerified());
            await store.UpdateAsync(context.Flow, context.Aborted).ConfigureAwait(false);
            return responder.Invalid(context.Http, context.Flow);
        }

        var address = identity.VerifiableAddresses.FirstOrDefault(a => a.Value.Length > 0);
        var made = address is null
            ? []
            : await verification.AddressesChangedAsync(new AddressVerificationContext(context.Http, context.Flow, identity, [address]), context.Aborted)
                .ConfigureAwait(false);
        if (made.Count == 0)
        {
            return await responder.ErrorAsync(context.Http, context.Flow, ApiErrors.VerifiedAddressRequired()).ConfigureAwait(false);
        }

        // Here Kratos gives the verification UI's URL whatever the flow's type.
        var url = FlowResponder.WithQuery(options.UiUrl(FlowKind.Verification), "flow", made[0].FlowId.ToString()).AbsoluteUri;
        if (!ClientKind.IsJsonRequest(context.Http.Request))
        {
            return FlowResponder.Redirect(303, url);
        }

        var continueWith = (made[0] with { Url = url }).ToContinueWith();
        return new ApiErrorResult(ApiErrors.VerifiedAddressRequired(new JsonObject { ["continue_with"] = new JsonArray(continueWith) }));
    }
}
