using Microsoft.AspNetCore.WebUtilities;
using Tessera.Flows.Codes;
using Tessera.Hooks;
using Tessera.Identities;
using Tessera.Persistence;
using Tessera.Schemas;

namespace Tessera.Flows.Verification;

/// <summary>
/// The implicit verification hook (Kratos's hook/verification.go): after registration, a settings change or a refused
/// login, a verification flow of the same type as the flow that ran is made for an address in state <c>sent_email</c>,
/// the code or link is queued and the address set to <c>sent</c>, in one transaction.
/// </summary>
internal sealed class AddressVerifier(
    FlowFactory factory,
    FlowStore store,
    FlowResponder responder,
    FlowOptions options,
    ReturnTo returnTo,
    VerificationFlows flows,
    IdentityStore identities,
    Database database,
    CodeMessages messages,
    SchemaRegistry schemas,
    TimeProvider time) : IAddressVerification
{
    public async ValueTask<IReadOnlyList<VerificationFlowRef>> AddressesChangedAsync(AddressVerificationContext context, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!options.VerificationEnabled || flows.Primary is not { } strategy)
        {
            return [];
        }

        var made = new List<VerificationFlowRef>();
        foreach (var address in context.Addresses.Where(a => a.Value.Length > 0))
        {
            made.Add(await SendAsync(context, strategy, address, ct).ConfigureAwait(false));
            // Kratos makes one flow only, as a browser can be sent to one flow at a time (the legacy flag makes one per address).
            if (!options.LegacyContinueWithVerificationUi)
            {
                break;
            }
        }

        return made;
    }

    async Task<VerificationFlowRef> SendAsync(AddressVerificationContext context, Strategies.IVerificationStrategy strategy, VerifiableAddress address,
        CancellationToken ct)
    {
        var origin = context.Flow;
        var flow = factory.Start(context.Http, FlowKind.Verification, origin.Type, AfterVerificationReturnTo(origin) ?? origin.ReturnTo);
        flow.RequestUrl = origin.RequestUrl;
        flow.TransientPayload = origin.TransientPayload;
        strategy.PopulateSent(new FlowContext(context.Http, flow, [], schemas.Default), address);

        var now = time.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
        await database.InTransactionAsync(async (connection, transaction) =>
        {
            await store.CreateAsync(flow, connection, transaction, ct).ConfigureAwait(false);
            await strategy.SendAsync(flow, context.Identity, address, connection, transaction, ct).ConfigureAwait(false);
            await identities.SetAddressStatusAsync(context.Identity.Id, address.Via, address.Value, VerifiableAddressStatus.Sent, now,
                connection, transaction, ct).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        messages.Wake();
        identities.Changed(context.Identity.Id);
        address.Status = VerifiableAddressStatus.Sent;
        address.UpdatedAt = now;
        return new VerificationFlowRef(flow.Id, address.Value, flow.IsApi ? null : responder.UiUrl(flow).AbsoluteUri);
    }

    /// <summary>Kratos lets the flow that ran name where verification returns to: <c>after_verification_return_to</c> on its request URL, when allowed.</summary>
    string? AfterVerificationReturnTo(Flow origin) =>
        Uri.TryCreate(origin.RequestUrl, UriKind.Absolute, out var url)
        && QueryHelpers.ParseQuery(url.Query).TryGetValue("after_verification_return_to", out var requested)
        && returnTo.Resolve(requested.ToString()) is { } allowed
            ? allowed.AbsoluteUri
            : null;
}
