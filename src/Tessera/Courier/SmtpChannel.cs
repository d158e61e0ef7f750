using System.Net.Sockets;
using MailKit.Net.Smtp;
using MimeKit;

namespace Tessera.Courier;

/// <summary>The <c>email</c> channel over SMTP (MailKit), as <c>courier.smtp</c> configures it; one connection per message, as Kratos dials.</summary>
internal sealed class SmtpChannel(SmtpOptions? options, ILogger logger) : ICourierChannel
{
    const string Reason = "failed to send email via smtp";

    // Each SMTP command may take this long; the dispatcher also bounds the whole attempt.
    const int CommandTimeoutMs = 10_000;

    // QUIT after the server took the message is a courtesy; the message is delivered whatever it answers.
    const int QuitTimeoutMs = 2_000;

    public string Id => "email";

    public async Task<DeliveryOutcome> DeliverAsync(CourierMessage message, CancellationToken ct)
    {
        if (options is null)
        {
            return DeliveryOutcome.Failed(Reason, "Courier tried to deliver an email but courier.smtp.connection_uri is not set!");
        }

        // Kratos re-checks the stored recipient and abandons a message whose address could inject SMTP commands or headers.
        if (!CourierQueue.IsEmailAddress(message.Recipient))
        {
            return DeliveryOutcome.Failed(Reason, $"courier: email recipient for message {message.Id} is not a valid email address", permanent: true);
        }

        var mime = Build(message, options);
        var client = new SmtpClient { LocalDomain = options.LocalName, Timeout = CommandTimeoutMs };
        if (options.SkipSslVerify)
        {
            client.ServerCertificateValidationCallback = static (_, _, _, _) => true;
        }

        if (options.ClientCertificate is not null)
        {
            client.ClientCertificates = [options.ClientCertificate];
        }

        try
        {
            if (options.ServerName is null)
            {
                await client.ConnectAsync(options.Host, options.Port, options.Security, ct).ConfigureAwait(false);
            }
            else
            {
                // server_name: dial the host, but present and verify the TLS name the certificate carries.
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await socket.ConnectAsync(options.Host, options.Port, ct).ConfigureAwait(false);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }

                await client.ConnectAsync(socket, options.ServerName, options.Port, options.Security, ct).ConfigureAwait(false);
            }

            if (options.UserName is not null)
            {
                await client.AuthenticateAsync(options.UserName, options.Password ?? "", ct).ConfigureAwait(false);
            }

            await client.SendAsync(mime, ct).ConfigureAwait(false);
        }
        catch (SmtpCommandException e)
        {
            client.Dispose();
            // A 5xx answer refuses this message for good: Kratos abandons it rather than retrying unchanged.
            var code = (int)e.StatusCode;
            return DeliveryOutcome.Failed(Reason, $"{code} {e.Message}", permanent: code >= 500);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            client.Dispose();
            return DeliveryOutcome.Failed(Reason, Describe(e));
        }
        catch (OperationCanceledException)
        {
            client.Dispose();
            return DeliveryOutcome.Failed(Reason, "the SMTP server did not finish within the time allowed for one attempt");
        }

        // The server has the message: report it now, so the dispatcher writes "sent" before anything else can go wrong,
        // and say goodbye on the side.
        _ = QuitAsync(client);
        return DeliveryOutcome.Success;
    }

    async Task QuitAsync(SmtpClient client)
    {
        try
        {
            client.Timeout = QuitTimeoutMs;
            await client.DisconnectAsync(true, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or SocketException or MailKit.ProtocolException or TimeoutException or OperationCanceledException)
        {
            Log.SmtpQuitFailed(logger, e.Message);
        }
        finally
        {
            client.Dispose();
        }
    }

    static string Describe(Exception e) => e switch
    {
        NotSupportedException when e.Message.Contains("STARTTLS", StringComparison.OrdinalIgnoreCase) =>
            "the SMTP server does not offer STARTTLS, which smtp:// requires; use smtps:// or add ?disable_starttls=true to the connection URI",
        _ => e.Message,
    };

    /// <summary>The mail as Kratos composes it: From (with the name when set), To, Subject, the configured headers, and the bodies.</summary>
    internal static MimeMessage Build(CourierMessage message, SmtpOptions options)
    {
        var mime = new MimeMessage();
        mime.From.Add(new MailboxAddress(options.FromName ?? "", options.FromAddress));
        mime.To.Add(MailboxAddress.Parse(message.Recipient));
        mime.Subject = message.Subject;
        // The same Message-ID on every attempt, so a receiver can drop the copy an at-least-once retry may produce.
        mime.MessageId = $"{message.Id:D}@{options.FromAddress[(options.FromAddress.LastIndexOf('@') + 1)..]}";
        foreach (var (name, value) in options.Headers)
        {
            mime.Headers.Replace(name, value);
        }

        var text = new TextPart(MimeKit.Text.TextFormat.Plain) { Text = message.Body };
        mime.Body = message.HtmlBody is null
            ? text
            : new MultipartAlternative { text, new TextPart(MimeKit.Text.TextFormat.Html) { Text = message.HtmlBody } };
        return mime;
    }
}
