using Tessera.Errors;
using Tessera.Flows;
using Tessera.Flows.Codes;
using Tessera.Flows.Recovery;
using Tessera.Hosting;
using Tessera.Text;

namespace Tessera.Strategies.Code;

internal sealed partial class CodeStrategy
{
    /// <summary>
    /// <c>POST /admin/recovery/code</c> (API.md §7.8): a recovery flow already in <c>sent_email</c>, which needs no CSRF
    /// token, and a code for the identity that proves no address. 201 with the recovery UI link, the code and when
    /// both expire; 404 when the code method is off or the identity unknown, 400 for a bad body.
    /// </summary>
    public async Task<IResult> CreateRecoveryCodeAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        if (!Enabled)
        {
            return new ApiErrorResult(ApiErrors.MethodDisabled());
        }

        var (request, error) = await AdminRecoveryRequest.ReadAsync(context, Options.Lifespan, withFlowType: true).ConfigureAwait(false);
        if (request is null)
        {
            return new ApiErrorResult(error!);
        }

        var flow = factory.Create(context, FlowKind.Recovery, request.FlowType, out var returnToError, request.ExpiresIn, fromBrowser: false);
        if (flow is null)
        {
            return new ApiErrorResult(returnToError!);
        }

        var identity = await identities.GetAsync(request.IdentityId, ct).ConfigureAwait(false);
        if (identity is null)
        {
            return new ApiErrorResult(ApiErrors.ResourceNotFound().WithReason("could not find identity"));
        }

        flow.SkipCsrfCheck = true;
        flow.State = FlowStates.SentEmail;
        flow.Active = Id;
        flow.Ui.Nodes.Clear();
        flow.Ui.Nodes.Add(CodeNodes.CodeInput(Messages.LabelRecoveryCode(), digitsOnly: true));
        flow.Ui.Nodes.Add(CodeNodes.Continue());
        var code = OneTimeCodeStore.NewCode();
        await database.InTransactionAsync(async (connection, transaction) =>
        {
            await flows.CreateAsync(flow, connection, transaction, ct).ConfigureAwait(false);
            await codes.InsertAsync(new OneTimeCode
            {
                FlowId = flow.Id,
                Method = OneTimeCode.Code,
                CodeType = OneTimeCode.Admin,
                IdentityId = identity.Id,
                ExpiresAt = flow.ExpiresAt,
                CreatedAt = flow.CreatedAt,
            }, code, connection, transaction, ct).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);

        var link = FlowResponder.WithQuery(options.UiUrl(FlowKind.Recovery), "flow", flow.Id.ToString()).AbsoluteUri;
        return new JsonResponse(201, w =>
        {
            w.WriteStartObject();
            w.WriteString("recovery_link", link);
            w.WriteString("recovery_code", code);
            w.WriteString("expires_at", flow.ExpiresAt);
            w.WriteEndObject();
        });
    }
}
