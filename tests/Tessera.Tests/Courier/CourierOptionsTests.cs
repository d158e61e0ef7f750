using System.Diagnostics;
using System.Text.Json.Nodes;
using MailKit.Security;
using Tessera.Config;
using Tessera.Courier;
using Tessera.Hosting;
using Tessera.Tests.Infrastructure;
using Xunit;

namespace Tessera.Tests.Courier;

/// <summary>The <c>courier</c> keys as start-up reads them: Kratos's defaults, the connection URI, and refusals that name the key.</summary>
public sealed class CourierOptionsTests
{
    static readonly HttpClient Http = new();

    static Task<CourierOptions> OptionsAsync(string courierJson, string? configDirectory = null)
    {
        var config = TesseraServer.DefaultConfig("memory", 4433, 4434);
        config["courier"] = JsonNode.Parse(courierJson);
        return CourierOptions.LoadAsync(new TesseraConfig(config, configDirectory, false), Http, TestContext.Current.CancellationToken);
    }

    static async Task<string> RefusalAsync(string courierJson, string? configDirectory = null) =>
        (await Assert.ThrowsAsync<StartupException>(() => OptionsAsync(courierJson, configDirectory))).Message;

    [Fact]
    public async Task Without_courier_keys_the_defaults_are_kratos_defaults()
    {
        var options = await OptionsAsync("{}");
        Assert.Equal(5, options.MessageRetries);
        Assert.Equal(10, options.PullCount);
        Assert.Equal(TimeSpan.FromSeconds(1), options.PullWait);
        Assert.Equal("smtp", options.DeliveryStrategy);
        Assert.Null(options.Smtp); // allowed until an email is sent, as in Kratos
        Assert.Empty(options.Channels);
    }

    [Theory]
    [InlineData("smtp://user:p%40ss@mail.example.org:2525/", "mail.example.org", 2525, SecureSocketOptions.StartTls, "user", "p@ss")]
    [InlineData("smtp://mail.example.org/?disable_starttls=true", "mail.example.org", 25, SecureSocketOptions.StartTlsWhenAvailable, null, null)]
    [InlineData("smtps://test:test@localhost:1025/?skip_ssl_verify=true", "localhost", 1025, SecureSocketOptions.SslOnConnect, "test", "test")]
    [InlineData("smtps://mail.example.org/", "mail.example.org", 465, SecureSocketOptions.SslOnConnect, null, null)]
    public async Task The_connection_uri_sets_host_port_tls_and_credentials(string uri, string host, int port, SecureSocketOptions security, string? user,
        string? password)
    {
        var smtp = (await OptionsAsync($$$"""{"smtp":{"connection_uri":"{{{uri}}}"}}""")).Smtp!;
        Assert.Equal((host, port, security, user, password), (smtp.Host, smtp.Port, smtp.Security, smtp.UserName, smtp.Password));
        Assert.Equal(uri.Contains("skip_ssl_verify=true", StringComparison.Ordinal), smtp.SkipSslVerify);
        Assert.Equal(SmtpOptions.DefaultFromAddress, smtp.FromAddress);
        Assert.Equal("localhost", smtp.LocalName);
    }

    [Fact]
    public async Task Server_name_from_name_headers_and_local_name_are_read()
    {
        var smtp = (await OptionsAsync("""
            {"smtp":{"connection_uri":"smtps://sub.mail.example.org/?server_name=mail.example.org","from_address":"a@example.org",
             "from_name":"Example","headers":{"X-Tenant":"acme"},"local_name":"tessera.example.org"}}
            """)).Smtp!;
        Assert.Equal("mail.example.org", smtp.ServerName);
        Assert.Equal(("a@example.org", "Example", "tessera.example.org"), (smtp.FromAddress, smtp.FromName, smtp.LocalName));
        Assert.Equal([new KeyValuePair<string, string>("X-Tenant", "acme")], smtp.Headers);
    }

    [Theory]
    [InlineData("""{"http":{"request_config":{"url":"https://mail.example.org/send","body":"file:///etc/kratos/mail.jsonnet"}},"delivery_strategy":"http"}""",
        "courier.http.request_config.body")]
    [InlineData("""{"channels":[{"id":"sms","type":"http","request_config":{"url":"https://sms.example.org/","body":"base64://ZnVuY3Rpb24oY3R4KSB7"}}]}""",
        "courier.channels.0.request_config.body")]
    [InlineData("""{"channels":[{"id":"sms","type":"http","request_config":{"url":"https://sms.example.org/","body":"ftp://x/b.jsonnet"}}]}""",
        "courier.channels.0.request_config.body")]
    [InlineData("""{"delivery_strategy":"http"}""", "courier.http.request_config")]
    [InlineData("""{"channels":[{"id":"sms","type":"http","request_config":{"method":"POST"}}]}""", "courier.channels.0.request_config.url")]
    [InlineData("""{"worker":{"pull_wait":"0s"}}""", "courier.worker.pull_wait")]
    [InlineData("""{"worker":{"pull_count":0}}""", "courier.worker.pull_count")]
    [InlineData("""{"message_retries":-1}""", "courier.message_retries")]
    [InlineData("""{"smtp":{"connection_uri":"smtp://mail.example.org/?disable_starttls=maybe"}}""", "courier.smtp.connection_uri")]
    [InlineData("""{"smtp":{"connection_uri":"smtp://mail.example.org/","client_cert_path":"/nowhere/cert.pem"}}""", "courier.smtp.client_key_path")]
    [InlineData("""{"smtp":{"connection_uri":"smtp://mail.example.org/","client_cert_path":"/nowhere/c.pem","client_key_path":"/nowhere/k.pem"}}""",
        "courier.smtp.client_cert_path")]
    [InlineData("""{"http":{"request_config":{"url":"https://x.example.org/","headers":{"Content-Type":"text/xml"}}},"delivery_strategy":"http"}""",
        "courier.http.request_config.headers.Content-Type")]
    public async Task A_config_tessera_cannot_honour_stops_start_up_naming_the_key(string courier, string key)
    {
        Assert.StartsWith(key + ":", await RefusalAsync(courier));
    }

    [Fact]
    public async Task A_body_template_with_a_syntax_error_is_refused_naming_the_key_and_the_place()
    {
        var message = await RefusalAsync("""{"channels":[{"id":"sms","request_config":{"url":"https://s.example.org/","body":"base64://ZnVuY3Rpb24oY3R4KSB7"}}]}""");
        Assert.StartsWith("courier.channels.0.request_config.body: the Jsonnet template at base64://", message);
        Assert.Contains("courier.channels.0.request_config.body:1:16: expected", message);
    }

    [Fact]
    public async Task A_body_template_using_an_unknown_variable_or_an_import_is_refused_at_start_up()
    {
        var unknown = await RefusalAsync("""{"channels":[{"id":"sms","request_config":{"url":"https://s.example.org/","body":"base64://""" + Base64("function(ctx) { to: ctz.recipient }") + "\"}}]}");
        Assert.Contains("unknown variable: ctz", unknown);
        var import = await RefusalAsync("""{"channels":[{"id":"sms","request_config":{"url":"https://s.example.org/","body":"base64://""" + Base64("import 'x.libsonnet'") + "\"}}]}");
        Assert.Contains("import is not supported", import);
    }

    [Fact]
    public async Task A_body_template_is_read_from_a_file_next_to_the_config()
    {
        var folder = Directory.CreateTempSubdirectory("tessera-body-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder.FullName, "sms.jsonnet"), "function(ctx) { To: ctx.recipient, Body: ctx.body }",
                TestContext.Current.CancellationToken);
            var options = await OptionsAsync("""{"channels":[{"id":"sms","request_config":{"url":"https://s.example.org/","body":"file://sms.jsonnet"}}]}""",
                folder.FullName);
            var body = options.Channels[0].Request.Body.Evaluate(
                new() { TlaCodes = new Dictionary<string, string> { ["ctx"] = """{"recipient": "+1555", "body": "hi"}""" } },
                TestContext.Current.CancellationToken);
            Assert.Equal("{\n   \"Body\": \"hi\",\n   \"To\": \"+1555\"\n}\n", body);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));

    [Fact]
    public async Task Kratos_default_body_named_explicitly_is_accepted()
    {
        var options = await OptionsAsync("""{"delivery_strategy":"http","http":{"request_config":{"url":"https://x.example.org/","body":""" + "\"" + CourierRequestOptions.DefaultBody + "\"}}}");
        Assert.Equal("POST", options.EmailRequest!.Method);
    }

    [Fact]
    public async Task The_connection_uri_password_is_not_in_the_refusal()
    {
        var message = await RefusalAsync("""{"smtp":{"connection_uri":"smtp://user:hunter2@/"}}""");
        Assert.DoesNotContain("hunter2", message);
    }

    [Fact]
    public void Every_courier_key_tessera_implements_including_templates_is_no_longer_reported()
    {
        var config = JsonNode.Parse("""
            {"courier":{"smtp":{"connection_uri":"smtp://a/","from_address":"a@example.org","from_name":"A","headers":{"X":"y"},"local_name":"l"},
             "message_retries":3,"worker":{"pull_count":5,"pull_wait":"2s"},"delivery_strategy":"smtp",
             "http":{"request_config":{"url":"https://x/"}},"channels":[{"id":"sms","type":"http","request_config":{"url":"https://s/"}}],
             "templates":{"recovery_code":{"valid":{"email":{"subject":"base64://eA=="}}}},"template_override_path":"/t"}}
            """)!.AsObject();

        Assert.Empty(UnsupportedKeys.Find(config, SupportedKeys.Paths));
    }

    [Fact]
    public async Task Serve_refuses_a_body_template_that_does_not_parse_at_start_naming_the_key()
    {
        var config = TesseraServer.DefaultConfig("memory", FreePort.Next(), FreePort.Next());
        config["courier"] = JsonNode.Parse("""{"channels":[{"id":"sms","type":"http","request_config":{"url":"https://s.example.org/","body":"base64://ZnVuY3Rpb24oY3R4KSB7"}}]}""");
        var error = await Assert.ThrowsAsync<StartupException>(() => TesseraApp.BuildAsync(new TesseraConfig(config, null, false)));
        Assert.StartsWith("courier.channels.0.request_config.body:", error.Message);
    }

    [Fact]
    public async Task Courier_watch_refuses_an_in_memory_database()
    {
        var folder = Directory.CreateTempSubdirectory("tessera-courier-");
        try
        {
            var file = Path.Combine(folder.FullName, "kratos.yml");
            await File.WriteAllTextAsync(file,
                $"dsn: memory\nidentity:\n  schemas:\n    - id: default\n      url: file://{TesseraServer.FixturePath("schemas", "email-password.schema.json")}\n"
                + "selfservice:\n  default_browser_return_url: http://127.0.0.1:4455/\n", TestContext.Current.CancellationToken);
            var info = new ProcessStartInfo("dotnet", $"\"{Path.Combine(AppContext.BaseDirectory, "tessera.dll")}\" courier watch -c \"{file}\"")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            };
            info.Environment.Remove("DSN");
            using var process = Process.Start(info)!;
            var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = await process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await process.WaitForExitAsync(TestContext.Current.CancellationToken);
            Assert.Equal(1, process.ExitCode);
            Assert.Contains("in-memory", error + await output);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
