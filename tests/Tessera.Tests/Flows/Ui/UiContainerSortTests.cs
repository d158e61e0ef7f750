using Tessera.Flows;
using Tessera.Flows.Ui;
using Xunit;

namespace Tessera.Tests.Flows.Ui;

// Node order (API.md §3.7).
public sealed class UiContainerSortTests
{
    static UiNode Input(string group, string name, string type = InputType.Text) => new(group, new InputAttributes(name, type));

    static string Order(UiContainer ui) => string.Join(" ", ui.Nodes.Select(n => $"{n.Group}:{n.Name}"));

    [Fact]
    public void Login_orders_groups_and_puts_csrf_identifier_password_first_and_method_last()
    {
        var ui = new UiContainer("https://a");
        ui.Add(Input(NodeGroup.LookupSecret, "lookup_secret"));
        ui.Add(Input(NodeGroup.Password, "method", InputType.Submit));
        ui.Add(Input(NodeGroup.Password, "password", InputType.Password));
        ui.Add(Input(NodeGroup.Totp, "totp_code"));
        ui.Add(Input(NodeGroup.Code, "method", InputType.Submit));
        ui.Add(Input(NodeGroup.Default, "identifier"));
        ui.Add(Input(NodeGroup.Default, "csrf_token", InputType.Hidden));
        ui.Add(Input(NodeGroup.Oidc, "provider", InputType.Submit));
        ui.Add(Input(NodeGroup.Passkey, "passkey_login"));
        ui.Add(Input(NodeGroup.WebAuthn, "webauthn_login"));

        ui.Sort(FlowKind.Login);

        Assert.Equal(
            "oidc:provider default:csrf_token default:identifier webauthn:webauthn_login passkey:passkey_login code:method password:password password:method totp:totp_code lookup_secret:lookup_secret",
            Order(ui));
    }

    [Fact]
    public void Hidden_method_input_is_not_moved_to_the_end()
    {
        var ui = new UiContainer("https://a");
        ui.Add(Input(NodeGroup.Code, "method", InputType.Submit));
        ui.Add(Input(NodeGroup.Code, "method", InputType.Hidden));
        ui.Add(Input(NodeGroup.Code, "code"));
        ui.Sort(FlowKind.Login);
        Assert.Equal(InputType.Hidden, ui.Nodes[0].Input!.Type);
        Assert.Equal("code", ui.Nodes[1].Name);
        Assert.Equal(InputType.Submit, ui.Nodes[2].Input!.Type);
    }

    [Fact]
    public void Registration_orders_groups_and_keeps_trait_order_stable()
    {
        var ui = new UiContainer("https://a");
        ui.Add(Input(NodeGroup.Password, "method", InputType.Submit));
        ui.Add(Input(NodeGroup.Password, "password", InputType.Password));
        ui.Add(Input(NodeGroup.Default, "traits.email"));
        ui.Add(Input(NodeGroup.Default, "traits.name.last"));
        ui.Add(Input(NodeGroup.Default, "traits.name.first"));
        ui.Add(Input(NodeGroup.Profile, "method", InputType.Submit));
        ui.Add(Input(NodeGroup.Captcha, "captcha"));
        ui.Add(Input(NodeGroup.Default, "csrf_token", InputType.Hidden));
        ui.Add(Input(NodeGroup.Saml, "samlProvider"));
        ui.Add(Input(NodeGroup.Oidc, "provider"));

        ui.Sort(FlowKind.Registration);

        Assert.Equal(
            "oidc:provider saml:samlProvider default:csrf_token default:traits.email default:traits.name.last default:traits.name.first password:password password:method captcha:captcha profile:method",
            Order(ui));
    }

    [Fact]
    public void Registration_traits_follow_the_given_schema_order()
    {
        var ui = new UiContainer("https://a");
        ui.Add(Input(NodeGroup.Default, "traits.name.first"));
        ui.Add(Input(NodeGroup.Default, "traits.email"));
        ui.Add(Input(NodeGroup.Default, "csrf_token", InputType.Hidden));
        ui.Sort(FlowKind.Registration, ["traits.email", "traits.name.first"]);
        Assert.Equal("default:csrf_token default:traits.email default:traits.name.first", Order(ui));
    }

    [Fact]
    public void Groups_the_flow_does_not_name_come_after_in_their_original_order()
    {
        var ui = new UiContainer("https://a");
        ui.Add(Input(NodeGroup.DeviceAuthn, "b"));
        ui.Add(Input(NodeGroup.Link, "a"));
        ui.Add(Input(NodeGroup.Password, "password", InputType.Password));
        ui.Sort(FlowKind.Login);
        Assert.Equal("password:password deviceauthn:b link:a", Order(ui));
    }

    [Fact]
    public void Settings_group_order()
    {
        var ui = new UiContainer("https://a");
        foreach (var group in new[] { NodeGroup.Totp, NodeGroup.Passkey, NodeGroup.WebAuthn, NodeGroup.LookupSecret, NodeGroup.Oidc, NodeGroup.Password, NodeGroup.Profile, NodeGroup.Default })
        {
            ui.Add(Input(group, "x"));
        }

        ui.Sort(FlowKind.Settings);
        Assert.Equal(
            "default:x profile:x password:x oidc:x lookup_secret:x webauthn:x passkey:x totp:x",
            Order(ui));
    }
}
