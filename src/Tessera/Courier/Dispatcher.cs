namespace Tessera.Courier;

/// <summary>
/// The courier worker: every <c>courier.worker.pull_wait</c>, or at once when this node queues a message, it claims up to
/// <c>courier.worker.pull_count</c> due messages and delivers them one by one, recording a dispatch per attempt.
/// </summary>
/// <remarks>
/// Delivery is at least once. A message is claimed with a lease before it is sent; a worker that dies mid-send leaves it
/// in <c>processing</c>, and once the lease runs out any worker claims it again. Exactly once cannot be had with SMTP (or
/// HTTP): the server's "250 OK" to DATA and our write of <c>sent</c> are two systems that cannot commit together, so a
/// crash between them sends the message again. The window is kept to that one gap: <c>sent</c> is written the moment the
/// server accepts, before QUIT, and every attempt carries the same Message-ID so receivers can drop the copy.
/// </remarks>
internal sealed class Dispatcher(CourierStore store, CourierChannels channels, CourierOptions options, CourierSignal signal, TimeProvider time,
    ILogger<Dispatcher> logger) : BackgroundService
{
    /// <summary>The longest one attempt may run, connection, TLS and answer included.</summary>
    internal static readonly TimeSpan SendTimeout = TimeSpan.FromMinutes(1);

    /// <summary>How long a claim holds a message; renewed before each send, and longer than any attempt.</summary>
    internal static readonly TimeSpan Lease = TimeSpan.FromMinutes(2);

    /// <summary>How long a stopping worker lets the message it is sending finish.</summary>
    static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(10);

    static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // The host's start-up does not wait for the first pull.
        await Task.Yield();
        Log.WorkerStarted(logger, options.PullCount, options.PullWait, options.MessageRetries);
        var failures = 0;
        while (!stoppingToken.IsCancellationRequested)
        {
            var claimed = 0;
            var wait = options.PullWait;
            try
            {
                claimed = await PullAsync(stoppingToken).ConfigureAwait(false);
                failures = 0;
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // The database is away or not migrated yet: keep the host up and look again, less often each time.
                wait = Backoff(options.PullWait, ++failures, TimeSpan.FromMinutes(1));
                Log.PullFailed(logger, wait, e);
            }

            if (claimed >= options.PullCount)
            {
                continue; // a full batch: more may be due
            }

            try
            {
                await signal.WaitAsync(wait, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    /// <summary>One pull: claims a batch and works through it. Returns how many messages it claimed.</summary>
    internal async Task<int> PullAsync(CancellationToken stoppingToken)
    {
        var claimId = Guid.NewGuid();
        var now = Now();
        var batch = await store.ClaimAsync(options.PullCount, now, now + Lease, claimId, stoppingToken).ConfigureAwait(false);
        if (batch.Count == 0)
        {
            return 0;
        }

        var begun = 0;
        try
        {
            foreach (var message in batch)
            {
                if (stoppingToken.IsCancellationRequested)
                {
                    break;
                }

                begun++;
                await DispatchAsync(message, claimId, stoppingToken).ConfigureAwait(false);
            }
        }
        finally
        {
            if (begun < batch.Count)
            {
                await ReleaseAsync(claimId, batch.Skip(begun).Select(m => m.Id).ToList()).ConfigureAwait(false);
            }
        }

        return batch.Count;
    }

    /// <summary>
    /// Hands back the messages of a batch that were never begun (the worker is stopping, or an error cut the batch short)
    /// instead of leaving them to their lease. A message whose attempt began is never handed back: it may have gone out.
    /// </summary>
    async Task ReleaseAsync(Guid claimId, List<Guid> untried)
    {
        try
        {
            var released = await store.ReleaseAsync(claimId, untried, Now(), CancellationToken.None).ConfigureAwait(false);
            if (released > 0)
            {
                Log.Released(logger, released);
            }
        }
        catch (Exception e)
        {
            // Their lease still runs out, and another pull takes them then.
            Log.ReleaseFailed(logger, untried.Count, e);
        }
    }

    async Task DispatchAsync(CourierMessage message, Guid claimId, CancellationToken stoppingToken)
    {
        // The claim counted this attempt. More than the allowed attempts means earlier ones ended without an outcome
        // (their worker stopped mid-send), so the message has had its chances.
        var attempt = message.SendCount;
        if (attempt > options.MessageRetries + 1)
        {
            var gaveUp = DeliveryOutcome.Failed("message abandoned",
                $"{attempt - 1} attempts ended without an outcome and courier.message_retries is {options.MessageRetries}");
            await store.FailAsync(message.Id, claimId, gaveUp.ErrorJson(), null, Now(), CancellationToken.None).ConfigureAwait(false);
            Log.MessageAbandoned(logger, message.Id, message.Channel, attempt - 1, gaveUp.Reason, gaveUp.Detail);
            return;
        }

        // The batch's lease started when it was claimed; renew it so that it covers this attempt, and stop if it was lost.
        if (!await store.RenewAsync(message.Id, claimId, Now() + Lease, stoppingToken).ConfigureAwait(false))
        {
            Log.ClaimLost(logger, message.Id);
            return;
        }

        var outcome = await DeliverAsync(message, stoppingToken).ConfigureAwait(false);
        var now = Now();
        if (outcome.Delivered)
        {
            // Written at once: from here a crash would send the message a second time.
            await store.MarkSentAsync(message.Id, now, CancellationToken.None).ConfigureAwait(false);
            Log.MessageSent(logger, message.Id, message.TemplateType, message.Channel);
            return;
        }

        if (outcome.Permanent || attempt > options.MessageRetries)
        {
            await store.FailAsync(message.Id, claimId, outcome.ErrorJson(), null, now, CancellationToken.None).ConfigureAwait(false);
            Log.MessageAbandoned(logger, message.Id, message.Channel, attempt, outcome.Reason, outcome.Detail);
            return;
        }

        var retryAt = now + Backoff(options.PullWait, attempt, MaxBackoff);
        await store.FailAsync(message.Id, claimId, outcome.ErrorJson(), retryAt, now, CancellationToken.None).ConfigureAwait(false);
        Log.DeliveryFailed(logger, message.Id, message.Channel, attempt, outcome.Reason, outcome.Detail, retryAt);
    }

    async Task<DeliveryOutcome> DeliverAsync(CourierMessage message, CancellationToken stoppingToken)
    {
        var channel = channels.Find(message.Channel);
        if (channel is null)
        {
            return DeliveryOutcome.Failed("no courier channel", $"no courier channel is configured for \"{message.Channel}\" (courier.channels)");
        }

        // Real time, not the injected clock: this bounds a network exchange. Stopping leaves the attempt a short grace.
        using var deadline = new CancellationTokenSource(SendTimeout);
        await using var stopping = stoppingToken.Register(() => deadline.CancelAfter(StopGrace)).ConfigureAwait(false);
        try
        {
            return await channel.DeliverAsync(message, deadline.Token).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            Log.ChannelCrashed(logger, channel.Id, message.Id, e);
            return DeliveryOutcome.Failed("unexpected error", e.Message);
        }
    }

    /// <summary>Exponential: <paramref name="first"/>, then twice as long after each further failure, at most <paramref name="max"/>.</summary>
    internal static TimeSpan Backoff(TimeSpan first, int failures, TimeSpan max)
    {
        var factor = Math.Pow(2, Math.Clamp(failures - 1, 0, 30));
        var ticks = first.Ticks * factor;
        return ticks >= max.Ticks ? max : TimeSpan.FromTicks((long)ticks);
    }

    DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }
}
