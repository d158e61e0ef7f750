using System.Globalization;
using Tessera.Courier.Templates;
using Tessera.Flows;
using Tessera.Flows.Codes;
using Tessera.Identities;

namespace Tessera.Hooks;

/// <summary>
/// The <c>notify_previous_addresses</c> settings hook: when a change altered which addresses an identity has (not merely
/// their verification), a <c>verifiable_address_changed</c> notice goes to the previous ones, so that someone who took
/// over a session and swapped the e-mail address cannot do so unnoticed. <c>config.recipients</c> picks them: the removed
/// addresses (the default), every previously verified one (<c>all_verified</c>) or every previous one (<c>all</c>). A
/// notice that cannot be queued is logged and never fails the change, which is already written.
/// </summary>
internal sealed class PreviousAddressNotice(CodeMessages messages, FlowOptions options, TimeProvider time, ILogger<PreviousAddressNotice> logger)
{
    public const string Hook = "notify_previous_addresses";

    public async Task NotifyAsync(Flow flow, string method, Identity previous, Identity updated, CancellationToken ct)
    {
        var recipients = Config.ConfigNode.String(options.AfterHookConfig(FlowKind.Settings, method, Hook), "recipients", "removed");
        var targets = Targets(recipients!, previous.VerifiableAddresses, updated.VerifiableAddresses);
        if (targets.Count == 0)
        {
            return;
        }

        var changedAt = time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var identity = messages.IdentityModel(updated);
        foreach (var address in targets)
        {
            try
            {
                await messages.QueueAsync(address.Via, TemplateType.VerifiableAddressChanged, new TemplateFields
                {
                    To = address.Value, Identity = identity, ChangedAt = changedAt, TransientPayload = flow.TransientPayload as System.Text.Json.Nodes.JsonObject,
                }, ct).ConfigureAwait(false);
            }
            catch (System.Data.Common.DbException e)
            {
                Log.PreviousAddressNoticeFailed(logger, address.Via, e.Message);
            }
        }
    }

    /// <summary>Who is told, by <paramref name="recipients"/>; nobody when the set of (via, value) pairs is unchanged.</summary>
    internal static IReadOnlyList<VerifiableAddress> Targets(string recipients, IReadOnlyList<VerifiableAddress> before, IReadOnlyList<VerifiableAddress> after)
    {
        var kept = after.Select(a => (a.Via, a.Value)).ToHashSet();
        if (before.Count == after.Count && before.All(a => kept.Contains((a.Via, a.Value))))
        {
            return [];
        }

        IEnumerable<VerifiableAddress> chosen = recipients switch
        {
            "all" => before,
            "all_verified" => before.Where(a => a.Verified),
            _ => before.Where(a => !kept.Contains((a.Via, a.Value))),
        };
        return chosen.Where(a => a.Via is CodeMessages.Email or CodeMessages.Sms).ToList();
    }
}
