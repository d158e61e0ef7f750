using Tessera.Errors;
using Tessera.Flows;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Hooks;

/// <summary>
/// The after-hooks that can stop a flow before its session is issued. <c>require_verified_address</c> refuses a login
/// when no verifiable address of the identity is verified. (Tessera has no verification flow yet, so the answer is
/// the error without a <c>continue_with</c> verification flow, or Kratos's legacy 400 flow with 4000010.)
/// </summary>
internal sealed class FlowHooks(FlowResponder responder, FlowStore store, FlowOptions options)
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

        return await responder.ErrorAsync(context.Http, context.Flow, ApiErrors.VerifiedAddressRequired()).ConfigureAwait(false);
    }
}
