using System.Net;
using System.Text.Json.Nodes;
using Tessera.Tests.Flows;
using Tessera.Tests.Flows.Recovery;
using Tessera.Tests.Flows.Settings;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Flows.Settings.SettingsHttp;
using static Tessera.Tests.Strategies.CodeMethod.CodeHttp;

namespace Tessera.Tests.Strategies.CodeMethod;

/// <summary>
/// The code method over SMS (API.md §6.3, §13): a phone trait marked <c>credentials.code.via: sms</c> gets its codes
/// through the courier's <c>sms</c> HTTP channel, delivered to a real HTTP receiver, for registration, passwordless
/// login and the second factor; and where an identity has two code addresses (e-mail and phone), how a flow picks one:
/// address buttons, <c>via</c>, the refresh address picker. On SQLite and PostgreSQL.
/// </summary>
public abstract class CodeSmsTests(CodeServerFixture fixture) : IAsyncLifetime
{
    const string Schema = "phone";

    readonly HttpSink _sms = HttpSink.Start();

    public ValueTask InitializeAsync() => ValueTask.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        await _sms.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>The code server with the phone schema as the default and an SMS channel; <paramref name="mfa"/> turns codes into a second factor.</summary>
    Task<TesseraServer> StartAsync(bool mfa = false, bool refreshChoosesAddress = false) => fixture.StartAnotherAsync(c =>
        {
            c["identity"]!["default_schema_id"] = Schema;
            c["identity"]!["schemas"]!.AsArray().Add(new JsonObject
            {
                ["id"] = Schema, ["url"] = "file://" + TesseraServer.FixturePath("schemas", "phone-code.schema.json"),
            });
            c["courier"]!["channels"] = new JsonArray(new JsonObject
            {
                ["id"] = "sms", ["type"] = "http", ["request_config"] = new JsonObject { ["url"] = _sms.Url + "sms", ["method"] = "POST" },
            });
            if (refreshChoosesAddress)
            {
                c["feature_flags"] = new JsonObject { ["refresh_login_choose_address"] = true };
            }

            if (mfa)
            {
                c["selfservice"]!["methods"]!["code"]!["passwordless_enabled"] = false;
                c["selfservice"]!["methods"]!["code"]!["mfa_enabled"] = true;
            }
        });

    /// <summary>
    /// The code in the text of the SMS the courier posted to <paramref name="phone"/> with <paramref name="template"/>
    /// (Kratos's default SMS body carries login and registration codes only in its text).
    /// </summary>
    async Task<string> SmsCodeAsync(string phone, string template)
    {
        var request = await _sms.WaitForAsync(r => JsonNode.Parse(r.Body)?["recipient"]?.GetValue<string>() == phone
            && JsonNode.Parse(r.Body)?["template_type"]?.GetValue<string>() == template);
        var text = JsonNode.Parse(request.Body)!["body"]!.GetValue<string>();
        var match = System.Text.RegularExpressions.Regex.Match(text, "[0-9]{6}");
        Assert.True(match.Success, text);
        return match.Value;
    }

    static string UniquePhone() => "+1415555" + Random.Shared.Next(0, 10000).ToString("D4", System.Globalization.CultureInfo.InvariantCulture);

    static string Typed(string e164) => $"{e164[..2]} ({e164[2..5]}) {e164[5..8]}-{e164[8..]}";

    static string[] Methods(JsonNode session) => session["authentication_methods"]!.AsArray().Select(m => $"{m!["method"]}:{m["aal"]}").ToArray();

    [Fact]
    public async Task Registration_sends_the_code_by_sms_and_the_code_makes_an_identity_with_a_verified_phone()
    {
        var server = await StartAsync();
        var phone = UniquePhone();
        var flow = await server.NativeRegistrationFlowAsync();
        var traits = new JsonObject { ["phone"] = Typed(phone) };

        var (sentStatus, sent) = await server.RegisterAsync(flow, SignUp("", traits: traits));
        Assert.Equal(HttpStatusCode.BadRequest, sentStatus);
        Assert.Equal(("sent_email", "code"), (sent!["state"]!.GetValue<string>(), sent["active"]!.GetValue<string>()));
        var code = await SmsCodeAsync(phone, "registration_code_valid");

        var (wrongStatus, wrong) = await server.RegisterAsync(flow, SignUp("", Other(code), (JsonObject)traits.DeepClone()));
        Assert.Equal(HttpStatusCode.BadRequest, wrongStatus);
        Assert.Equal([4040003], GlobalMessageIds(wrong!));

        var (status, body) = await server.RegisterAsync(flow, SignUp("", code, (JsonObject)traits.DeepClone()));
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal(["code:aal1"], Methods(body!["session"]!));
        var identity = (await server.Admin.GetJsonAsync($"/admin/identities/{body["identity"]!["id"]}")).Body!;
        var address = identity["verifiable_addresses"]!.AsArray().Single()!;
        Assert.Equal(("sms", phone, true), (address["via"]!.GetValue<string>(), address["value"]!.GetValue<string>(), address["verified"]!.GetValue<bool>()));
        Assert.Equal(phone, identity["credentials"]!["code"]!["identifiers"]![0]!.GetValue<string>());
        Assert.All(await server.MessagesAsync(phone), m => Assert.Equal("sms", m!["type"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Login_by_a_typed_phone_number_sends_the_code_by_sms_and_it_works_once()
    {
        var server = await StartAsync();
        var phone = UniquePhone();
        var created = await server.CreateIdentityAsync(new JsonObject { ["schema_id"] = Schema, ["traits"] = new JsonObject { ["phone"] = phone } });
        var flow = await server.NativeLoginFlowAsync();

        var (sentStatus, sent) = await server.LoginAsync(flow, Send(Typed(phone)));
        Assert.Equal(HttpStatusCode.BadRequest, sentStatus);
        Assert.Equal([1010014], GlobalMessageIds(sent!));
        var code = await SmsCodeAsync(phone, "login_code_valid");

        var (status, body) = await server.LoginAsync(flow, WithCode(Typed(phone), code));
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal(created["id"]!.GetValue<string>(), body!["session"]!["identity"]!["id"]!.GetValue<string>());
        Assert.Equal(["code:aal1"], Methods(body["session"]!));

        var again = await server.NativeLoginFlowAsync();
        await server.LoginAsync(again, Send(phone));
        var (replayStatus, replay) = await server.LoginAsync(again, WithCode(phone, code));
        Assert.Equal(HttpStatusCode.BadRequest, replayStatus);
        Assert.Equal([4010008], GlobalMessageIds(replay!));
    }

    async Task<(TesseraServer Server, string Phone, string Email, string Token)> TwoAddressUserAsync(bool mfa, bool refreshChoosesAddress = false)
    {
        var server = await StartAsync(mfa, refreshChoosesAddress);
        var phone = UniquePhone();
        var email = HttpJson.Unique("sms");
        await server.CreateIdentityAsync(new JsonObject
        {
            ["schema_id"] = Schema,
            ["traits"] = new JsonObject { ["email"] = email, ["phone"] = phone, ["nickname"] = "ada" },
            ["credentials"] = new JsonObject { ["password"] = new JsonObject { ["config"] = new JsonObject { ["password"] = SettingsHttp.Password } } },
        });
        return (server, phone, email, await server.NativeTokenAsync(email));
    }

    [Fact]
    public async Task Via_names_the_trait_whose_address_gets_the_second_factor_code_at_once()
    {
        var (server, phone, email, token) = await TwoAddressUserAsync(mfa: true);

        var flow = await server.NativeLoginFlowAsync("?aal=aal2&via=phone", token);
        Assert.Equal("sent_email", flow["state"]!.GetValue<string>());
        var code = await SmsCodeAsync(phone, "login_code_valid");
        Assert.Empty(await server.MessagesAsync(email));

        var (status, body) = await server.LoginAsync(flow, new JsonObject { ["method"] = "code", ["identifier"] = phone, ["code"] = code }, token);
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal("aal2", body!["session"]!["authenticator_assurance_level"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("nickname", "You can only reference a trait that matches a verification email address in the via parameter, or a registered credential.")]
    [InlineData("fax", "No value found for trait fax in the current identity.")]
    public async Task Via_naming_no_code_address_refuses_the_flow_with_400(string via, string reason)
    {
        var (server, phone, email, token) = await TwoAddressUserAsync(mfa: true);

        var (status, body, _) = await server.SendAsync(HttpMethod.Get, $"/self-service/login/api?aal=aal2&via={via}", token);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal(reason, body!["error"]!["reason"]!.GetValue<string>());
        Assert.Empty(await server.MessagesAsync(email));
        Assert.Empty(await server.MessagesAsync(phone));
    }

    [Fact]
    public async Task With_the_address_picker_a_refresh_login_offers_the_sessions_addresses_and_a_code_to_one_refreshes()
    {
        var (server, phone, _, token) = await TwoAddressUserAsync(mfa: false, refreshChoosesAddress: true);
        var flow = await server.NativeLoginFlowAsync("?refresh=true", token);
        Assert.Equal(1010023, LabelId(flow, "address", phone));
        Assert.Null(Node(flow, "method", "code"));

        // The button posts only its address.
        var (sentStatus, sent) = await server.LoginAsync(flow, new JsonObject { ["address"] = phone }, token);
        Assert.Equal(HttpStatusCode.BadRequest, sentStatus);
        Assert.Equal(("sent_email", 1010025L), (sent!["state"]!.GetValue<string>(), GlobalMessageIds(sent).Single()));
        var code = await SmsCodeAsync(phone, "login_code_valid");

        var (status, body) = await server.LoginAsync(flow, new JsonObject { ["method"] = "code", ["identifier"] = phone, ["code"] = code }, token);
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal(["password:aal1", "code:aal1"], Methods(body!["session"]!));
    }

    [Fact]
    public async Task Without_the_address_picker_a_refresh_login_asks_for_the_identifier()
    {
        var (server, phone, _, token) = await TwoAddressUserAsync(mfa: false);
        var flow = await server.NativeLoginFlowAsync("?refresh=true", token);
        Assert.Null(Node(flow, "address", phone));
        Assert.NotNull(Node(flow, "method", "code"));
    }

    [Fact]
    public async Task A_phone_with_a_code_credential_is_a_second_factor_reached_by_sms()
    {
        var server = await StartAsync(mfa: true);
        var phone = UniquePhone();
        var email = HttpJson.Unique("sms-mfa");
        await server.CreateIdentityAsync(new JsonObject
        {
            ["schema_id"] = Schema,
            ["traits"] = new JsonObject { ["email"] = email, ["phone"] = phone },
            ["credentials"] = new JsonObject { ["password"] = new JsonObject { ["config"] = new JsonObject { ["password"] = SettingsHttp.Password } } },
        });
        var token = await server.NativeTokenAsync(email);
        var flow = await server.NativeLoginFlowAsync("?aal=aal2", token);
        var button = Node(flow, "address", phone)!;
        Assert.Equal("sms", button["meta"]!["label"]!["context"]!["channel"]!.GetValue<string>());

        var (sentStatus, _) = await server.LoginAsync(flow, new JsonObject { ["method"] = "code", ["address"] = phone }, token);
        Assert.Equal(HttpStatusCode.BadRequest, sentStatus);
        var code = await SmsCodeAsync(phone, "login_code_valid");

        var (status, body) = await server.LoginAsync(flow, new JsonObject { ["method"] = "code", ["address"] = phone, ["code"] = code }, token);
        Assert.True(status == HttpStatusCode.OK, body?.ToJsonString());
        Assert.Equal("aal2", body!["session"]!["authenticator_assurance_level"]!.GetValue<string>());
        Assert.Equal(["password:aal1", "code:aal2"], Methods(body["session"]!));
    }
}

public sealed class CodeSmsTests_Sqlite(SqliteCodeServerFixture fixture) : CodeSmsTests(fixture), IClassFixture<SqliteCodeServerFixture>;

public sealed class CodeSmsTests_Postgres(PostgresCodeServerFixture fixture) : CodeSmsTests(fixture), IClassFixture<PostgresCodeServerFixture>;
