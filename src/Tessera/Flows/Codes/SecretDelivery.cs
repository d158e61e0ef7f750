using System.Data.Common;
using Tessera.Courier.Templates;
using Tessera.Identities;
using Tessera.Persistence;

namespace Tessera.Flows.Codes;

/// <summary>
/// The send step every recovery and verification method shares (code and link alike), in one transaction: the flow's
/// earlier secrets are voided; a known address gets the method's secret and message (<c>sendKnown</c>), an unknown one
/// at most the notice of <c>unknownTemplate</c>; the flow is saved. Then the courier is woken and, when
/// <c>changesIdentity</c> (verification moves the address status to <c>sent</c>), the change is announced so that cached
/// sessions show it.
/// </summary>
internal sealed class SecretDelivery(Database database, OneTimeCodeStore codes, FlowStore flows, CodeMessages messages, IdentityStore identities, CodeForms forms)
{
    public async Task SendAsync(Flow flow, Identity? identity, Func<DbConnection, DbTransaction, Task>? sendKnown,
        TemplateType unknownTemplate, string via, string typed, bool changesIdentity, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(flow);
        await database.InTransactionAsync(async (connection, transaction) =>
        {
            await codes.DeleteForFlowAsync(flow.Id, connection, transaction, ct).ConfigureAwait(false);
            if (identity is not null && sendKnown is not null)
            {
                await sendKnown(connection, transaction).ConfigureAwait(false);
            }
            else
            {
                await messages.NotifyUnknownAsync(flow, unknownTemplate, via, typed, connection, transaction, ct).ConfigureAwait(false);
            }

            await flows.UpdateAsync(flow, connection, transaction, ct).ConfigureAwait(false);
            return true;
        }, ct).ConfigureAwait(false);
        messages.Wake();
        if (changesIdentity && identity is not null)
        {
            identities.Changed(identity.Id);
        }
    }

    /// <summary>
    /// A verification secret for an address someone typed: to the verifiable <paramref name="address"/> found for it
    /// (<paramref name="send"/> issues and queues it; the address is then marked <c>sent</c>, in the same transaction),
    /// else the unknown-address notice.
    /// </summary>
    public Task SendVerificationAsync(Flow flow, Identity? identity, VerifiableAddress? address,
        Func<VerifiableAddress, DbConnection, DbTransaction, Task> send, TemplateType unknownTemplate, string via, string typed, DateTime now,
        CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(send);
        Func<DbConnection, DbTransaction, Task>? sendKnown = address is not null && identity is not null
            ? async (connection, transaction) =>
            {
                await send(address, connection, transaction).ConfigureAwait(false);
                await identities.SetAddressStatusAsync(identity.Id, address.Via, address.Value, VerifiableAddressStatus.Sent, now, connection, transaction, ct)
                    .ConfigureAwait(false);
            }
            : null;
        return SendAsync(flow, identity, sendKnown, unknownTemplate, via, typed, changesIdentity: true, ct);
    }

    /// <summary>
    /// Uses a verification secret (code or link token, <paramref name="method"/>): a match marks the address it went to
    /// verified and ends the flow, in the transaction that uses the secret up; the changed identity is announced.
    /// </summary>
    public async Task<(CodeUseResult Result, OneTimeCode? Used)> VerifyAsync(Flow flow, string method, string secret, int? maxSubmissions,
        string group, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var (result, used) = await codes.UseAsync(flow.Id, method, secret, maxSubmissions,
            async (code, connection, transaction) =>
            {
                if (code.AddressVia is not { } via || code.AddressValue is not { } value
                    || !await identities.MarkAddressVerifiedAsync(code.IdentityId, via, value, now, connection, transaction, ct).ConfigureAwait(false))
                {
                    return false;
                }

                forms.Verified(flow, group, via, null);
                await flows.UpdateAsync(flow, connection, transaction, ct).ConfigureAwait(false);
                return true;
            }, ct).ConfigureAwait(false);
        if (result == CodeUseResult.Used)
        {
            identities.Changed(used!.IdentityId);
        }

        return (result, used);
    }

    /// <summary>
    /// Uses a recovery secret (code or link token, <paramref name="method"/>): a self-service one proves the address it
    /// went to, which is marked verified in the transaction that uses the secret up (an administrator's proves none).
    /// On a match, the identity as it now is (null if it is gone).
    /// </summary>
    public async Task<(CodeUseResult Result, OneTimeCode? Used, Identity? Identity)> RecoverAsync(Flow flow, string method, string? secret,
        int? maxSubmissions, DateTime now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(flow);
        var (result, used) = await codes.UseAsync(flow.Id, method, secret, maxSubmissions,
            async (code, connection, transaction) =>
            {
                if (code.CodeType == OneTimeCode.SelfService && code.AddressVia is { } via && code.AddressValue is { } value)
                {
                    await identities.MarkAddressVerifiedAsync(code.IdentityId, via, value, now, connection, transaction, ct).ConfigureAwait(false);
                }

                return true;
            }, ct).ConfigureAwait(false);
        if (result != CodeUseResult.Used)
        {
            return (result, used, null);
        }

        identities.Changed(used!.IdentityId);
        return (result, used, await identities.GetAsync(used.IdentityId, ct).ConfigureAwait(false));
    }
}
