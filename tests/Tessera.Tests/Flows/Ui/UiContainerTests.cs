using System.Text.Json.Nodes;
using Tessera.Flows.Ui;
using Tessera.Text;
using Xunit;

namespace Tessera.Tests.Flows.Ui;

public sealed class UiContainerTests
{
    static UiContainer LoginForm()
    {
        var ui = new UiContainer("https://auth.example.com/self-service/login?flow=1");
        ui.Add(new UiNode(NodeGroup.Default, new InputAttributes("csrf_token", InputType.Hidden) { Required = true, Value = JsonValue.Create("tok") }));
        ui.Add(UiNode.InputField("identifier", InputType.Text, NodeGroup.Default, Messages.LabelId(), required: true));
        ui.Add(UiNode.InputField("password", InputType.Password, NodeGroup.Password, Messages.LabelPassword(), required: true, autocomplete: "current-password"));
        ui.Add(new UiNode(NodeGroup.Password, new InputAttributes("method", InputType.Submit) { Value = JsonValue.Create("password") }).WithLabel(Messages.LoginPassword()));
        return ui;
    }

    [Fact]
    public void Messages_are_omitted_when_empty_and_nodes_are_always_written()
    {
        var ui = new UiContainer("https://a/x", "POST");
        Assert.Equal("""{"action":"https://a/x","method":"POST","nodes":[]}""", ui.ToJsonString());
        ui.AddMessage(Messages.InvalidCredentials());
        Assert.Equal(
            """{"action":"https://a/x","method":"POST","nodes":[],"messages":[{"id":4000006,"text":"The provided credentials are invalid, check for spelling mistakes in your password or username, email address, or phone number.","type":"error"}]}""",
            ui.ToJsonString());
    }

    [Fact]
    public void Round_trip_through_json_loses_nothing()
    {
        var ui = LoginForm();
        ui.AddMessage(Messages.LoginReAuth());
        ui.AddMessage("password", Messages.PasswordTooShort(8, 5));
        ui.Add(new UiNode(NodeGroup.Totp, new ImageAttributes("totp_qr", "data:x", 256, 256)));
        ui.Add(new UiNode(NodeGroup.Totp, new TextAttributes("totp_secret_key", Messages.SettingsTotpSecret("S"))));
        ui.Add(new UiNode(NodeGroup.Default, new AnchorAttributes("a", "https://a", Messages.RecoveryBack())));
        ui.Add(new UiNode(NodeGroup.WebAuthn, new ScriptAttributes("s", "https://s.js", "sha512-x", "n")));
        ui.Add(new UiNode(NodeGroup.Captcha, new DivisionAttributes("d") { Class = "c", Data = new() { ["k"] = "v" } }));
        var json = ui.ToJsonString();

        var stored = JsonNode.Parse(json)!;
        var loaded = UiContainer.Parse(stored);
        Assert.Equal(json, loaded.ToJsonString());
        Assert.True(JsonNode.DeepEquals(stored, loaded.ToJsonObject()));
        Assert.Equal(ui.Messages, loaded.Messages);
        Assert.Equal(ui.Find("password")!.Messages, loaded.Find("password")!.Messages);
    }

    [Fact]
    public void Find_by_input_name_or_node_id_and_by_group()
    {
        var ui = LoginForm();
        ui.Add(new UiNode(NodeGroup.Code, new InputAttributes("method", InputType.Submit) { Value = JsonValue.Create("code") }));
        ui.Add(new UiNode(NodeGroup.Totp, new TextAttributes("totp_secret_key", Messages.SettingsTotpSecret("S"))));

        Assert.Equal(2, ui.FindAll("method").Count());
        Assert.Equal("code", ui.Find("method", NodeGroup.Code)!.Input!.Value!.GetValue<string>());
        Assert.Equal(NodeType.Text, ui.Find("totp_secret_key")!.Type);
        Assert.Null(ui.Find("nope"));
    }

    [Fact]
    public void Set_and_clear_a_value()
    {
        var ui = LoginForm();
        Assert.True(ui.SetValue("identifier", JsonValue.Create("foo@example.com")));
        Assert.Contains("\"value\":\"foo@example.com\"", ui.ToJsonString(), StringComparison.Ordinal);
        Assert.True(ui.ClearValue("identifier"));
        Assert.Null(ui.Find("identifier")!.Input!.Value);
        Assert.False(ui.SetValue("nope", JsonValue.Create(1)));
        Assert.True(ui.SetValue("method", JsonValue.Create("x"), NodeGroup.Password));
    }

    [Fact]
    public void Message_on_an_existing_node_goes_to_that_node()
    {
        var ui = LoginForm();
        var node = ui.AddMessage("identifier", Messages.Required("identifier"));
        Assert.Same(ui.Find("identifier"), node);
        Assert.Single(node!.Messages);
        Assert.Equal(4, ui.Nodes.Count);
    }

    [Fact]
    public void Message_on_a_missing_node_appends_a_default_text_input_of_that_name()
    {
        var ui = LoginForm();
        ui.AddMessage(UiContainer.NodeNameFromPointer("#/traits/email"), Messages.Required("email"));
        Assert.Equal(5, ui.Nodes.Count);
        var added = ui.Nodes[^1];
        Assert.Equal(
            """{"type":"input","group":"default","attributes":{"name":"traits.email","type":"text","disabled":false,"node_type":"input"},"messages":[{"id":4000002,"text":"Property email is missing.","type":"error","context":{"property":"email"}}],"meta":{}}""",
            UiNodeJsonTests.Write(added.WriteTo));
    }

    [Fact]
    public void Message_for_the_root_pointer_is_global()
    {
        var ui = LoginForm();
        Assert.Null(ui.AddMessage(UiContainer.NodeNameFromPointer("#/"), Messages.Generic("bad")));
        Assert.Single(ui.Messages);
        Assert.Equal(4, ui.Nodes.Count);
    }

    [Theory]
    [InlineData("#/traits/email", "traits.email")]
    [InlineData("#/traits/name/first", "traits.name.first")]
    [InlineData("/traits/a~1b/c~0d", "traits.a/b.c~d")]
    [InlineData("#/", "")]
    [InlineData("#", "")]
    public void Pointers_become_dotted_names(string pointer, string name)
    {
        Assert.Equal(name, UiContainer.NodeNameFromPointer(pointer));
    }

    [Fact]
    public void Reset_clears_global_and_node_messages()
    {
        var ui = LoginForm();
        ui.AddMessage(Messages.InvalidCredentials());
        ui.AddMessage("password", Messages.PasswordTooShort(8, 5));
        ui.AddMessage("identifier", Messages.Required("identifier"));
        ui.ResetMessages();
        Assert.Empty(ui.Messages);
        Assert.All(ui.Nodes, n => Assert.Empty(n.Messages));
    }
}
