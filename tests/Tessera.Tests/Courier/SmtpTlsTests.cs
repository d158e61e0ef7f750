using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Infrastructure.HttpJson;

namespace Tessera.Tests.Courier;

/// <summary>
/// TLS on the way to the SMTP server, as <c>courier.smtp.connection_uri</c> asks for it. Transport only, so SQLite alone:
/// STARTTLS is required on smtp:// unless disabled, smtps:// is TLS from the first byte, and certificates are checked
/// unless <c>skip_ssl_verify=true</c>.
/// </summary>
public sealed class SmtpTlsTests : IAsyncLifetime
{
    X509Certificate2 _certificate = null!;

    public ValueTask InitializeAsync()
    {
        _certificate = SmtpSink.SelfSignedCertificate();
        return ValueTask.CompletedTask;
    }

    public ValueTask DisposeAsync()
    {
        _certificate.Dispose();
        return ValueTask.CompletedTask;
    }

    static Task<TesseraServer> StartAsync(string connectionUri) =>
        TesseraServer.StartAsync(TestDatabase.Sqlite(), c => c["courier"] = new JsonObject { ["smtp"] = new JsonObject { ["connection_uri"] = connectionUri } });

    [Fact]
    public async Task Smtp_requires_starttls_and_a_server_without_it_fails_the_dispatch()
    {
        await using var sink = SmtpSink.Start();
        await using var server = await StartAsync(sink.Uri(""));
        var id = await server.EnqueueAsync(CourierTestServer.Stub(Unique("plain")));

        var message = await server.UntilAsync(id, m => m.Dispatches().Count >= 1);
        Assert.Contains("STARTTLS", message.Dispatches()[0]!["error"]!["message"]!.GetValue<string>());
        Assert.Empty(sink.Received);
    }

    [Fact]
    public async Task Starttls_with_skip_ssl_verify_delivers_over_tls_and_authenticates()
    {
        await using var sink = SmtpSink.Start(_certificate, password: "pw");
        await using var server = await StartAsync(sink.Uri("?skip_ssl_verify=true", "test:pw"));
        var to = Unique("starttls");
        await server.EnqueueAsync(CourierTestServer.Stub(to));

        var mail = await sink.WaitForAsync(to);
        Assert.True(mail.Secure);
        Assert.Equal("test", mail.User);
    }

    [Fact]
    public async Task An_untrusted_certificate_fails_the_dispatch_unless_skip_ssl_verify()
    {
        await using var sink = SmtpSink.Start(_certificate);
        await using var server = await StartAsync(sink.Uri(""));
        var to = Unique("untrusted");
        var id = await server.EnqueueAsync(CourierTestServer.Stub(to));

        var message = await server.UntilAsync(id, m => m.Dispatches().Count >= 1);
        Assert.Equal("failed", message.Dispatches()[0]!["status"]!.GetValue<string>());
        Assert.Contains("certificate", message.Dispatches()[0]!["error"]!["message"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Empty(sink.Received);
    }

    [Fact]
    public async Task Smtps_speaks_tls_from_the_first_byte()
    {
        await using var sink = SmtpSink.Start(_certificate, implicitTls: true);
        await using var server = await StartAsync(sink.Uri("?skip_ssl_verify=true", scheme: "smtps"));
        var to = Unique("smtps");
        var id = await server.EnqueueAsync(CourierTestServer.Stub(to));

        Assert.True((await sink.WaitForAsync(to)).Secure);
        Assert.Equal("sent", (await server.UntilAsync(id, m => m.Status() == "sent")).Status());
    }
}
