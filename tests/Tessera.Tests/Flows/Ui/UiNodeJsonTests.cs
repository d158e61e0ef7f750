using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Flows.Ui;
using Tessera.Text;
using Xunit;

namespace Tessera.Tests.Flows.Ui;

// Node JSON shapes and omission rules (API.md §3.2, openapi uiNode*).
public sealed class UiNodeJsonTests
{
    internal static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Tessera.Hosting.JsonWriting.Options))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    static string Json(UiNode node) => Write(node.WriteTo);

    static void AssertRoundTrip(UiNode node)
    {
        var json = Json(node);
        Assert.Equal(json, Json(UiNode.Parse(JsonNode.Parse(json)!)));
    }

    [Fact]
    public void Minimal_input_writes_only_required_fields_messages_and_meta()
    {
        var node = new UiNode(NodeGroup.Default, new InputAttributes("csrf_token", InputType.Hidden));
        Assert.Equal(
            """{"type":"input","group":"default","attributes":{"name":"csrf_token","type":"hidden","disabled":false,"node_type":"input"},"messages":[],"meta":{}}""",
            Json(node));
        AssertRoundTrip(node);
    }

    [Fact]
    public void Password_input_as_in_the_api_example()
    {
        var node = UiNode.InputField("password", InputType.Password, NodeGroup.Password, Messages.LabelPassword(), required: true, autocomplete: "current-password");
        Assert.Equal(
            """{"type":"input","group":"password","attributes":{"name":"password","type":"password","required":true,"autocomplete":"current-password","disabled":false,"node_type":"input"},"messages":[],"meta":{"label":{"id":1070001,"text":"Password","type":"info"}}}""",
            Json(node));
        AssertRoundTrip(node);
    }

    [Fact]
    public void Input_with_every_optional_field()
    {
        var attributes = new InputAttributes("traits.plan", InputType.Text)
        {
            Value = JsonValue.Create("pro"),
            Required = true,
            Autocomplete = "username",
            Label = Messages.LabelId(),
            Pattern = "^[a-z]+$",
            Disabled = true,
            OnClick = "window.oryWebAuthnLogin()",
            OnClickTrigger = "oryWebAuthnLogin",
            OnLoad = "window.oryPasskeyLoginAutocompleteInit()",
            OnLoadTrigger = "oryPasskeyLoginAutocompleteInit",
            MaxLength = 6,
            Options = [JsonValue.Create("free"), JsonValue.Create("pro"), JsonValue.Create(3)],
        };
        var node = new UiNode(NodeGroup.Default, attributes).WithLabel(Messages.LabelGenerated("Plan", "traits.plan"));
        node.Messages.Add(Messages.Required("plan"));
        Assert.Equal(
            """{"type":"input","group":"default","attributes":{"name":"traits.plan","type":"text","value":"pro","required":true,"autocomplete":"username","label":{"id":1070004,"text":"ID","type":"info"},"pattern":"^[a-z]+$","disabled":true,"onclick":"window.oryWebAuthnLogin()","onclickTrigger":"oryWebAuthnLogin","onload":"window.oryPasskeyLoginAutocompleteInit()","onloadTrigger":"oryPasskeyLoginAutocompleteInit","maxlength":6,"options":[{"value":"free"},{"value":"pro"},{"value":3}],"node_type":"input"},"messages":[{"id":4000002,"text":"Property plan is missing.","type":"error","context":{"property":"plan"}}],"meta":{"label":{"id":1070002,"text":"Plan","type":"info","context":{"title":"Plan","name":"traits.plan"}}}}""",
            Json(node));
        AssertRoundTrip(node);
    }

    [Fact]
    public void Input_values_of_any_json_type_are_kept_and_false_is_not_omitted()
    {
        var node = new UiNode(NodeGroup.Default, new InputAttributes("traits.newsletter", InputType.Checkbox) { Value = JsonValue.Create(false) });
        Assert.Contains("\"value\":false", Json(node), StringComparison.Ordinal);
        node.Input!.Value = JsonNode.Parse("""{"a":[1,2]}""");
        Assert.Contains("""\"value\":{\"a\":[1,2]}""".Replace("\\", "", StringComparison.Ordinal), Json(node), StringComparison.Ordinal);
        AssertRoundTrip(node);
    }

    [Fact]
    public void Image_node()
    {
        var node = new UiNode(NodeGroup.Totp, new ImageAttributes("totp_qr", "data:image/png;base64,AAAA", 256, 256))
            .WithLabel(Messages.SettingsTotpQrCode());
        Assert.Equal(
            """{"type":"img","group":"totp","attributes":{"src":"data:image/png;base64,AAAA","id":"totp_qr","width":256,"height":256,"node_type":"img"},"messages":[],"meta":{"label":{"id":1050005,"text":"Authenticator app QR code","type":"info"}}}""",
            Json(node));
        AssertRoundTrip(node);
    }

    [Fact]
    public void Anchor_node()
    {
        var node = new UiNode(NodeGroup.Default, new AnchorAttributes("back", "https://example.com/back", Messages.RecoveryBack()));
        Assert.Equal(
            """{"type":"a","group":"default","attributes":{"href":"https://example.com/back","title":{"id":1060007,"text":"Back","type":"info"},"id":"back","node_type":"a"},"messages":[],"meta":{}}""",
            Json(node));
        AssertRoundTrip(node);
    }

    [Fact]
    public void Text_node()
    {
        var node = new UiNode(NodeGroup.Totp, new TextAttributes("totp_secret_key", Messages.SettingsTotpSecret("ABC")))
            .WithLabel(Messages.SettingsTotpSecretLabel());
        Assert.Equal(
            """{"type":"text","group":"totp","attributes":{"text":{"id":1050006,"text":"ABC","type":"info","context":{"secret":"ABC"}},"id":"totp_secret_key","node_type":"text"},"messages":[],"meta":{"label":{"id":1050017,"text":"This is your authenticator app secret. Use it if you can not scan the QR code.","type":"info"}}}""",
            Json(node));
        AssertRoundTrip(node);
    }

    [Fact]
    public void Script_node_writes_every_field()
    {
        var node = new UiNode(NodeGroup.WebAuthn, new ScriptAttributes("webauthn_script", "https://example.com/.well-known/ory/webauthn.js", "sha512-xyz", "3f2a"));
        Assert.Equal(
            """{"type":"script","group":"webauthn","attributes":{"src":"https://example.com/.well-known/ory/webauthn.js","async":true,"referrerpolicy":"no-referrer","crossorigin":"anonymous","integrity":"sha512-xyz","type":"text/javascript","id":"webauthn_script","nonce":"3f2a","node_type":"script"},"messages":[],"meta":{}}""",
            Json(node));
        AssertRoundTrip(node);
    }

    [Fact]
    public void Division_node_omits_class_and_data_when_absent()
    {
        var bare = new UiNode(NodeGroup.Captcha, new DivisionAttributes("captcha"));
        Assert.Equal("""{"type":"div","group":"captcha","attributes":{"id":"captcha","node_type":"div"},"messages":[],"meta":{}}""", Json(bare));
        AssertRoundTrip(bare);

        var full = new UiNode(NodeGroup.Captcha, new DivisionAttributes("captcha")
        {
            Class = "cf-turnstile",
            Data = new Dictionary<string, string> { ["sitekey"] = "0x4", ["theme"] = "light" },
        });
        Assert.Equal(
            """{"type":"div","group":"captcha","attributes":{"id":"captcha","class":"cf-turnstile","data":{"sitekey":"0x4","theme":"light"},"node_type":"div"},"messages":[],"meta":{}}""",
            Json(full));
        AssertRoundTrip(full);
    }

    [Fact]
    public void Groups_are_kratos_groups()
    {
        Assert.Equal(
            ["default", "password", "oidc", "profile", "link", "code", "totp", "lookup_secret", "webauthn", "passkey", "identifier_first", "captcha", "saml", "deviceauthn"],
            NodeGroup.All);
    }

    [Fact]
    public void Unknown_node_type_is_refused()
    {
        Assert.Throws<JsonException>(() => UiNode.Parse(JsonNode.Parse("""{"type":"video","group":"default","attributes":{"node_type":"video"}}""")!));
    }
}
