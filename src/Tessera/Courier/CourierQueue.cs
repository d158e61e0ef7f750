using System.Data.Common;
using MimeKit;
using Tessera.Persistence;

namespace Tessera.Courier;

/// <summary>
/// Where flows queue rendered messages. Queueing only writes a row; this node's <see cref="Dispatcher"/> (or any other
/// node's, or <c>tessera courier watch</c>) delivers it.
/// </summary>
internal sealed class CourierQueue(Database database, CourierStore store, CourierSignal signal, TimeProvider time)
{
    /// <summary>Queues <paramref name="message"/> in a write of its own and returns its id.</summary>
    public async Task<Guid> EnqueueAsync(CourierMessage message, CancellationToken ct)
    {
        var stored = Prepare(message);
        await using (var connection = await database.OpenAsync(ct).ConfigureAwait(false))
        {
            await store.InsertAsync(stored, connection, null, ct).ConfigureAwait(false);
        }

        signal.Notify();
        return stored.Id;
    }

    /// <summary>
    /// Queues <paramref name="message"/> inside the caller's transaction (the one <see cref="Database.InTransactionAsync{T}"/>
    /// hands out), so the flow's write and its message commit or roll back together. The dispatcher is woken at once;
    /// on PostgreSQL it may look before the commit and then finds the message at its next pull, unless the caller calls
    /// <see cref="Wake"/> after committing.
    /// </summary>
    public async Task<Guid> EnqueueAsync(CourierMessage message, DbConnection connection, DbTransaction transaction, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(transaction);
        var stored = Prepare(message);
        await store.InsertAsync(stored, connection, transaction, ct).ConfigureAwait(false);
        signal.Notify();
        return stored.Id;
    }

    /// <summary>Tells this node's dispatcher to pull now rather than at its next interval.</summary>
    public void Wake() => signal.Notify();

    CourierMessage Prepare(CourierMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.Recipient);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.TemplateType);
        // Kratos refuses to queue an email to something that is not an address; it would end up in SMTP commands and headers.
        if (message.Type == CourierMessageType.Email && !IsEmailAddress(message.Recipient))
        {
            throw new ArgumentException("the recipient of an email message is not an email address", nameof(message));
        }

        var now = time.GetUtcNow().UtcDateTime;
        now = new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc); // the databases keep microseconds
        return message with
        {
            Id = message.Id == Guid.Empty ? Guid.NewGuid() : message.Id,
            Status = CourierMessageStatus.Queued,
            Channel = string.IsNullOrEmpty(message.Channel) ? message.Type.DefaultChannel() : message.Channel,
            SendCount = 0,
            CreatedAt = now,
            UpdatedAt = now,
            Dispatches = [],
        };
    }

    /// <summary>A bare address (no display name, no line breaks) that MimeKit can put in an envelope.</summary>
    public static bool IsEmailAddress(string value) =>
        value.IndexOfAny(['\r', '\n', '<', '>']) < 0
        && MailboxAddress.TryParse(value, out var mailbox)
        && string.Equals(mailbox.Address, value.Trim(), StringComparison.Ordinal)
        && mailbox.Address.Contains('@', StringComparison.Ordinal);
}
