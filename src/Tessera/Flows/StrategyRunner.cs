using Tessera.Strategies;
using Tessera.Text;

namespace Tessera.Flows;

/// <summary>
/// Asks each strategy in catalogue order until one is responsible for the submission (Kratos's loop over strategies):
/// a validation failure is saved and answered, a plain error answered, a success handed back for the flow to complete.
/// </summary>
internal sealed class StrategyRunner(FlowStore store, FlowResponder responder)
{
    /// <returns>
    /// the outcome the flow completes (a success, or a settings change that needs a more recent login), or the answer to
    /// send when there is none.
    /// </returns>
    public async Task<(StrategyOutcome? Success, IResult? Answer)> RunAsync<T>(FlowContext context, IEnumerable<T> strategies,
        Func<T, ValueTask<StrategyOutcome>> attempt, UiText noStrategy) where T : IStrategy
    {
        var flow = context.Flow;
        var ct = context.Aborted;
        foreach (var strategy in strategies)
        {
            var outcome = await attempt(strategy).ConfigureAwait(false);
            if (outcome.Kind == OutcomeKind.NotResponsible)
            {
                continue;
            }

            if (outcome.Kind == OutcomeKind.RefreshRequired)
            {
                return (outcome, null);
            }

            if (outcome.Kind == OutcomeKind.Failed)
            {
                return (null, await responder.ErrorAsync(context.Http, flow, outcome.Error!).ConfigureAwait(false));
            }

            if (outcome.Kind == OutcomeKind.Responded)
            {
                await store.UpdateAsync(flow, ct).ConfigureAwait(false);
                return (null, outcome.Answer);
            }

            flow.Active = strategy.Id;
            await store.UpdateAsync(flow, ct).ConfigureAwait(false);
            if (outcome.Kind == OutcomeKind.ReturnToUi)
            {
                return (null, responder.Shown(context.Http, flow));
            }

            return outcome.Kind == OutcomeKind.Succeeded ? (outcome, null) : (null, responder.Invalid(context.Http, flow, outcome.FormPostStatus));
        }

        flow.Ui.ResetMessages();
        flow.Ui.AddMessage(noStrategy);
        await store.UpdateAsync(flow, ct).ConfigureAwait(false);
        return (null, responder.Invalid(context.Http, flow));
    }
}
