using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Tessera.Courier.Templates;
using Tessera.Hosting;
using Xunit;

namespace Tessera.Tests.Courier.Templates;

/// <summary>courier.templates URLs, then courier.template_override_path, then the built-in templates.</summary>
public sealed class TemplateOverrideTests : IDisposable
{
    readonly string _directory = Directory.CreateTempSubdirectory("tessera-templates-").FullName;
    readonly List<string> _warnings = [];

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    Task<CourierTemplates> Load(string configYamlAsJson, HttpClient? http = null) =>
        CourierTemplates.LoadAsync(JsonNode.Parse(configYamlAsJson), _directory, http ?? new HttpClient(), new FakeTimeProvider(), _warnings.Add, TestContext.Current.CancellationToken);

    static string Base64(string text) => Convert.ToBase64String(Encoding.UTF8.GetBytes(text));

    static string Json(string overridePath) => new JsonObject { ["courier"] = new JsonObject { ["template_override_path"] = overridePath } }.ToJsonString();

    [Fact]
    public async Task The_fixture_folder_renders_the_recovery_email_as_go_would()
    {
        var templates = await Load(Json(TemplateSamples.FixtureFolder()));
        var fields = TemplateSamples.Fields(transientPayload: new JsonObject { ["lang"] = "de", ["campaign"] = "spring <sale>" });

        var email = templates.RenderEmail(TemplateModel.Email(TemplateType.RecoveryCodeValid, fields));

        Assert.Equal("Ada, your recovery code: 482913", email.Subject);
        Assert.Equal(
            """
            Hello Ada Lovelace,

            Your recovery code is:

                482913

            It is valid for 15 minutes.

            Addresses on your account:
              1. ada@example.com (verified)
              2. ada@work.example (not verified)

            Campaign: "SPRING <SALE>"
            Requested from auth.example.com.
            --
            Example | 99.5%

            """,
            email.PlainBody);
        Assert.Equal(
            """
            <!DOCTYPE html>
            <html lang="de">
            <body>

            <p>Hallo Ada,</p>
            <p>dein Wiederherstellungscode lautet <b>482913</b>.</p>
            <p><a href="https://auth.example.com/self-service/recovery?flow=abc&lang=de">Zurück zur Anmeldung</a></p>
            <p>Kampagne: spring &lt;sale&gt;</p>
            </body>
            </html>

            """,
            email.HtmlBody);
        Assert.Empty(_warnings);
    }

    [Fact]
    public async Task The_fixture_html_body_picks_its_language_from_the_transient_payload()
    {
        var templates = await Load(Json(TemplateSamples.FixtureFolder()));

        var email = templates.RenderEmail(TemplateModel.Email(TemplateType.RecoveryCodeValid, TemplateSamples.Fields()));

        Assert.Equal(
            """
            <!DOCTYPE html>
            <html lang="en">
            <body>
            <p>Hi Ada,</p>
            <p>your recovery code is <b>482913</b>. It expires in 15 minutes.</p>
            </body>
            </html>

            """,
            email.HtmlBody);
    }

    [Fact]
    public async Task Files_missing_from_the_folder_fall_back_to_the_built_in_ones()
    {
        var templates = await Load(Json(TemplateSamples.FixtureFolder()));
        var model = TemplateModel.Email(TemplateType.LoginCodeValid, TemplateSamples.Fields(code: "777111"));

        var email = templates.RenderEmail(model);
        var builtIn = CourierTemplates.BuiltIn.RenderEmail(model);

        Assert.Equal("Example: your login code is 777111", email.Subject);
        Assert.Equal(builtIn.PlainBody, email.PlainBody);
        Assert.Equal(builtIn.HtmlBody, email.HtmlBody);
        Assert.Equal(
            CourierTemplates.BuiltIn.RenderEmail(TemplateModel.Email(TemplateType.VerificationValid, TemplateSamples.Fields())),
            templates.RenderEmail(TemplateModel.Email(TemplateType.VerificationValid, TemplateSamples.Fields())));
    }

    [Fact]
    public async Task The_fixture_sms_and_date_templates_render()
    {
        var templates = await Load(Json(TemplateSamples.FixtureFolder()));

        Assert.Equal(
            "482913 is your Example code. Valid 15 min.\n\n@auth.example.com #482913\n",
            templates.RenderSms(TemplateModel.Sms(TemplateType.VerificationCodeValid, TemplateSamples.Fields())));
        Assert.Equal(
            """
            Your address changed on Friday, 17 May 2024 at 08:30 UTC.
            Current addresses: ada@example.com, ada@work.example
            Identity: 9f4c1e0a… (3 traits)
            {"first":"ada","last":"Lovelace"}

            """,
            templates.RenderEmail(TemplateModel.Email(TemplateType.VerifiableAddressChanged, TemplateSamples.Fields())).PlainBody);
    }

    [Fact]
    public async Task Config_urls_win_over_the_folder()
    {
        File.WriteAllText(Path.Combine(_directory, "plain.gotmpl"), "File body for {{ .To }}\n");
        var config = new JsonObject
        {
            ["courier"] = new JsonObject
            {
                ["template_override_path"] = TemplateSamples.FixtureFolder(),
                ["templates"] = new JsonObject
                {
                    ["recovery_code"] = new JsonObject
                    {
                        ["valid"] = new JsonObject
                        {
                            ["email"] = new JsonObject
                            {
                                ["subject"] = "base64://" + Base64("Code {{ .RecoveryCode | quote }}\n"),
                                ["body"] = new JsonObject { ["plaintext"] = "file://plain.gotmpl" },
                            },
                            ["sms"] = new JsonObject { ["body"] = new JsonObject { ["plaintext"] = "base64://" + Base64("SMS {{ .RecoveryCode }}") } },
                        },
                    },
                },
            },
        };

        var templates = await Load(config.ToJsonString());
        var email = templates.RenderEmail(TemplateModel.Email(TemplateType.RecoveryCodeValid, TemplateSamples.Fields()));

        Assert.Equal("Code \"482913\"", email.Subject);
        Assert.Equal("File body for ada@example.com\n", email.PlainBody);
        Assert.Contains("<html lang=\"en\">", email.HtmlBody, StringComparison.Ordinal);
        Assert.Equal("SMS 482913", templates.RenderSms(TemplateModel.Sms(TemplateType.RecoveryCodeValid, TemplateSamples.Fields())));
    }

    [Fact]
    public async Task Notice_types_take_their_config_key_without_valid_or_invalid()
    {
        var config = """{"courier":{"templates":{"verifiable_address_changed":{"email":{"subject":"base64://""" + Base64("Changed: {{ .ChangedAt }}") + "\"}}}}}";

        var templates = await Load(config);

        Assert.Equal(
            "Changed: 2024-05-17T08:30:00Z",
            templates.RenderEmail(TemplateModel.Email(TemplateType.VerifiableAddressChanged, TemplateSamples.Fields())).Subject);
    }

    [Fact]
    public async Task Http_templates_are_fetched_at_start_up()
    {
        using var http = new HttpClient(new StaticHandler("<p>{{ .VerificationCode }} &amp; {{ .To }}</p>"));
        var config = """{"courier":{"templates":{"verification_code":{"valid":{"email":{"body":{"html":"https://templates.example/verify.gotmpl"}}}}}}}""";

        var templates = await Load(config, http);
        var fields = TemplateSamples.Fields() with { To = "a+b@example.com" };

        Assert.Equal(
            "<p>482913 &amp; a&#43;b@example.com</p>",
            templates.RenderEmail(TemplateModel.Email(TemplateType.VerificationCodeValid, fields)).HtmlBody);
        Assert.Equal(
            ["verification_code_valid HtmlBody: courier.templates.verification_code.valid.email.body.html (https://templates.example/verify.gotmpl)"],
            templates.Sources);
    }

    [Fact]
    public async Task A_template_that_does_not_parse_stops_start_up_naming_the_file_and_line()
    {
        var folder = Path.Combine(_directory, "broken", "recovery_code", "valid");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "email.body.plaintext.gotmpl"), "Hello\n{{ if .RecoveryCode }}\ncode\n{{ end }}\n{{ .RecoveryCode | shout }}\n");

        var error = await Assert.ThrowsAsync<StartupException>(() => Load(Json(Path.Combine(_directory, "broken"))));

        Assert.Equal(
            $"courier.template_override_path: {Path.Combine(folder, "email.body.plaintext.gotmpl")} does not parse: template: email.body.plaintext.gotmpl:5: function \"shout\" not defined",
            error.Message);
    }

    [Fact]
    public async Task Unsupported_sprig_functions_and_unreadable_urls_stop_start_up()
    {
        var unsupported = """{"courier":{"templates":{"login_code":{"valid":{"email":{"subject":"base64://""" + Base64("{{ uuidv4 }}") + "\"}}}}}}";
        var missing = """{"courier":{"templates":{"login_code":{"valid":{"email":{"subject":"file://nope.gotmpl"}}}}}}""";

        var notSupported = await Assert.ThrowsAsync<StartupException>(() => Load(unsupported));
        var notFound = await Assert.ThrowsAsync<StartupException>(() => Load(missing));

        Assert.Contains("courier.templates.login_code.valid.email.subject", notSupported.Message, StringComparison.Ordinal);
        Assert.Contains("function \"uuidv4\" is not supported", notSupported.Message, StringComparison.Ordinal);
        Assert.Equal("courier.templates.login_code.valid.email.subject: the file nope.gotmpl does not exist", notFound.Message);
    }

    [Fact]
    public async Task A_missing_override_folder_warns_and_uses_the_built_in_templates()
    {
        var templates = await Load(Json(Path.Combine(_directory, "absent")));

        Assert.Single(_warnings);
        Assert.Empty(templates.Sources);
    }

    sealed class StaticHandler(string body) : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent(body) });
    }
}
