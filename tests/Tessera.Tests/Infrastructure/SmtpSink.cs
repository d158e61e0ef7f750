using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MimeKit;
using SmtpServer;
using SmtpServer.Authentication;
using SmtpServer.Mail;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Tessera.Tests.Infrastructure;

/// <summary>One message the sink took (answered 250).</summary>
internal sealed record ReceivedMail(string EnvelopeFrom, IReadOnlyList<string> EnvelopeTo, MimeMessage Message, string? User, bool Secure, string? Helo);

/// <summary>
/// A real SMTP server on loopback (the SmtpServer package) that keeps what it receives. What it answers depends on the
/// recipient's local part, so every test chooses its own outcome whatever else the shared worker is doing:
/// <c>refuse550-…</c> → 550, <c>refuse451-…</c> → 451, <c>stall-…</c> → no answer to DATA until <see cref="ReleaseStalls"/>
/// (then 451 to the waiting DATA, and 250 to any later one), anything else → 250.
/// </summary>
internal sealed class SmtpSink : IAsyncDisposable
{
    readonly CancellationTokenSource _stop = new();
    readonly ConcurrentQueue<ReceivedMail> _received = new();
    readonly ConcurrentQueue<string> _attempts = new();
    readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    readonly SemaphoreSlim _stalled = new(0);
    Task _running = Task.CompletedTask;

    SmtpSink(int port) => Port = port;

    public int Port { get; }

    public IReadOnlyCollection<ReceivedMail> Received => _received.ToArray();

    /// <summary>Recipients of every DATA the sink saw, whatever it answered.</summary>
    public IReadOnlyCollection<string> Attempts => _attempts.ToArray();

    /// <summary>
    /// Starts a sink. With a <paramref name="certificate"/> it offers STARTTLS, or speaks TLS from the first byte when
    /// <paramref name="implicitTls"/>; with a <paramref name="password"/> it accepts AUTH for user <c>test</c>.
    /// </summary>
    public static SmtpSink Start(X509Certificate2? certificate = null, bool implicitTls = false, string? password = null)
    {
        var sink = new SmtpSink(FreePort.Next());
        var options = new SmtpServerOptionsBuilder()
            .ServerName("sink.test")
            .Endpoint(b =>
            {
                b.Endpoint(new IPEndPoint(IPAddress.Loopback, sink.Port)).AllowUnsecureAuthentication(true).AuthenticationRequired(false);
                if (certificate is not null)
                {
                    b.Certificate(certificate).IsSecure(implicitTls);
                }
            })
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new Store(sink));
        services.Add(new DelegatingUserAuthenticator((user, pass) => user == "test" && pass == password));
        var server = new SmtpServer.SmtpServer(options, services);
        server.SessionCreated += (_, e) => e.Context.CommandExecuting += (_, c) =>
        {
            if (c.Command is EhloCommand ehlo)
            {
                e.Context.Properties["helo"] = ehlo.DomainOrAddress;
            }
        };
        sink._running = server.StartAsync(sink._stop.Token);
        return sink;
    }

    /// <summary>The connection URI of this sink for <c>courier.smtp.connection_uri</c>.</summary>
    public string Uri(string query = "?disable_starttls=true", string? userInfo = null, string scheme = "smtp") =>
        $"{scheme}://{(userInfo is null ? "" : userInfo + "@")}127.0.0.1:{Port}/{query}";

    public async Task<ReceivedMail> WaitForAsync(string recipient, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        while (DateTime.UtcNow < deadline)
        {
            if (_received.FirstOrDefault(m => m.EnvelopeTo.Contains(recipient)) is { } mail)
            {
                return mail;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException($"no mail for {recipient} arrived; the sink saw DATA for: {string.Join(", ", Attempts)}");
    }

    public IReadOnlyList<ReceivedMail> For(string recipient) => _received.Where(m => m.EnvelopeTo.Contains(recipient)).ToList();

    /// <summary>Waits until a <c>stall-…</c> message has been sent in full and is waiting for the sink's answer.</summary>
    public async Task WaitForStallAsync(TimeSpan? timeout = null)
    {
        if (!await _stalled.WaitAsync(timeout ?? TimeSpan.FromSeconds(30)))
        {
            throw new TimeoutException("no stalled DATA arrived");
        }
    }

    /// <summary>Lets every stalled DATA end, with a 451 and without keeping the message; later <c>stall-…</c> mail is taken.</summary>
    public void ReleaseStalls() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        ReleaseStalls();
        await _stop.CancelAsync();
        try
        {
            await _running;
        }
        catch (OperationCanceledException)
        {
        }

        _stop.Dispose();
    }

    /// <summary>A self-signed certificate for <c>localhost</c> and 127.0.0.1, with its key, usable by a TLS server.</summary>
    public static X509Certificate2 SelfSignedCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }

    sealed class Store(SmtpSink sink) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer,
            CancellationToken cancellationToken)
        {
            var to = transaction.To.Select(m => m.AsAddress()).ToList();
            foreach (var recipient in to)
            {
                sink._attempts.Enqueue(recipient);
            }

            var first = to.FirstOrDefault() ?? "";
            if (first.StartsWith("refuse550-", StringComparison.Ordinal))
            {
                return new SmtpResponse(SmtpReplyCode.MailboxUnavailable, "mailbox unavailable");
            }

            if (first.StartsWith("refuse451-", StringComparison.Ordinal))
            {
                return new SmtpResponse((SmtpReplyCode)451, "try again later");
            }

            if (first.StartsWith("stall-", StringComparison.Ordinal) && !sink._release.Task.IsCompleted)
            {
                sink._stalled.Release();
                await sink._release.Task.WaitAsync(cancellationToken);
                return new SmtpResponse((SmtpReplyCode)451, "released without delivery");
            }

            using var stream = new MemoryStream(buffer.ToArray());
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            sink._received.Enqueue(new ReceivedMail(transaction.From.AsAddress(), to, message,
                context.Authentication.IsAuthenticated ? context.Authentication.User : null,
                context.Pipe.IsSecure, context.Properties.TryGetValue("helo", out var helo) ? helo as string : null));
            return SmtpResponse.Ok;
        }
    }
}
