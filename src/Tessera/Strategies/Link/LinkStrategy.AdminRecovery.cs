using Tessera.Errors;
using Tessera.Flows;
using Tessera.Flows.Codes;
using Tessera.Flows.Recovery;
using Tessera.Hosting;

namespace Tessera.Strategies.Link;

internal sealed partial class LinkStrategy
{
    /// <summary>
    /// <c>POST /admin/recovery/link</c> (API.md §7.8): a browser recovery flow and a link that logs the identity in.
    /// 200 with the link and when it expires; 404 when the link method is off, 400 for a bad body or an unknown
    /// identity (Kratos's words: "The requested identity id does not exist.").
    /// </summary>
    public async Task<IResult> CreateRecoveryLinkAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        if (!Enabled)
        {
            return new ApiErrorResult(ApiErrors.MethodDisabled());
        }

        var (request, error) = await AdminRecoveryRequest.ReadAsync(context, Options.Lifespan, withFlowType: false).ConfigureAwait(false);
        if (request is null)
        {
            return new ApiErrorResult(error!);
        }

        var flow = factory.Create(context, FlowKind.Recovery, Flow.Browser, out var returnToError, request.ExpiresIn, fromBrowser: false);
        if (flow is null)
        {
            return new ApiErrorResult(returnToError!);
        }

        var identity = await identities.GetAsync(request.IdentityId, ct).ConfigureAwait(false);
        if (identity is null)
        {
            return new ApiErrorResult(ApiErrors.BadRequest("The requested identity id does not exist."));
        }

        flow.Active = Id;
        AddressForm(flow, null);
        var secret = OneTimeCodeStore.NewToken();
        await database.InTransactionAsync(async (connection, transaction) =>
        {
            await flows.CreateAsync(flow, connection, transaction, ct).ConfigureAwait(false);
            await codes.InsertAsync(new OneTimeCode
            {
                FlowId = flow.Id,
                Method = OneTimeCode.Link,
                CodeType = OneTimeCode.Admin,
                IdentityId = identity.Id,
                ExpiresAt = flow.ExpiresAt,
                CreatedAt = flow.CreatedAt,
            }, secret, connection, transaction, ct).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);

        var link = LinkTo("self-service/recovery", flow, secret);
        return new JsonResponse(200, w =>
        {
            w.WriteStartObject();
            w.WriteString("recovery_link", link);
            w.WriteString("expires_at", flow.ExpiresAt);
            w.WriteEndObject();
        });
    }
}
