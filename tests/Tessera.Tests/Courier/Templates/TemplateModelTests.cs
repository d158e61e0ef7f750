using System.Text.Json.Nodes;
using Tessera.Courier.Templates;
using Tessera.Courier.Templates.GoText;
using Xunit;

namespace Tessera.Tests.Courier.Templates;

/// <summary>Template data carries Kratos's Go field names for templates and its JSON names for template_data.</summary>
public sealed class TemplateModelTests
{
    [Fact]
    public void Templates_see_go_field_names_and_the_identity_as_a_map()
    {
        var model = TemplateModel.Email(TemplateType.RecoveryCodeValid, TemplateSamples.Fields());
        var template = GoTemplate.Parse("t", "{{ .To }} {{ .RecoveryCode }} {{ .ExpiresInMinutes }} {{ .Identity.traits.email }} {{ .Identity.id }} {{ .TransientPayload }} {{ .Identity.traits.missing }}");

        Assert.Equal("ada@example.com 482913 15 ada@example.com 9f4c1e0a-7b2d-4c55-9e61-3f0a8b6c2d11 map[] <no value>", template.Execute(model.Data));
    }

    [Fact]
    public void A_misspelt_field_is_an_error_naming_the_kratos_model()
    {
        var model = TemplateModel.Email(TemplateType.RecoveryCodeValid, TemplateSamples.Fields());
        var template = GoTemplate.Parse("subject", "Code:\n{{ .RecoveryKode }}");

        var error = Assert.Throws<TemplateException>(() => template.Execute(model.Data));

        Assert.Equal("template: subject:2:3: executing \"subject\" at <.RecoveryKode>: can't evaluate field RecoveryKode in type *email.RecoveryCodeValidModel", error.Message);
        Assert.Equal(2, error.Line);
        Assert.False(error.IsParseError);
    }

    [Fact]
    public void Template_data_uses_kratos_json_names()
    {
        var email = TemplateModel.Email(TemplateType.VerificationCodeValid, TemplateSamples.Fields() with { Identity = null });

        Assert.Equal(
            """{"to":"ada@example.com","verification_url":"https://auth.example.com/self-service/verification?flow=f1\u0026code=482913","verification_code":"482913","identity":null,"request_url":"https://auth.example.com/self-service/recovery?flow=abc","transient_payload":null,"expires_in_minutes":15}""",
            email.TemplateData.ToJsonString());
    }

    [Fact]
    public void Recovery_code_sms_data_is_tagged_verification_code_like_kratos()
    {
        var sms = TemplateModel.Sms(TemplateType.RecoveryCodeValid, TemplateSamples.Fields());

        Assert.Equal("482913", sms.TemplateData["verification_code"]!.GetValue<string>());
        Assert.Equal("auth.example.com", sms.TemplateData["request_url_domain"]!.GetValue<string>());
        Assert.True(sms.Data.TryGet("RecoveryCode", out var code));
        Assert.Equal("482913", code);
    }

    [Fact]
    public void Registration_email_has_traits_and_the_sms_an_identity()
    {
        var fields = TemplateSamples.Fields();

        Assert.Equal("ada", GoTemplate.Parse("t", "{{ .Traits.name.first }}").Execute(TemplateModel.Email(TemplateType.RegistrationCodeValid, fields).Data));
        Assert.Equal("ada", GoTemplate.Parse("t", "{{ .Identity.traits.name.first }}").Execute(TemplateModel.Sms(TemplateType.RegistrationCodeValid, fields).Data));
    }

    [Fact]
    public void A_model_rebuilt_from_template_data_renders_the_same()
    {
        var original = TemplateModel.Email(TemplateType.RecoveryCodeValid, TemplateSamples.Fields(transientPayload: new JsonObject { ["lang"] = "de" }));
        var stored = JsonNode.Parse(original.TemplateData.ToJsonString())!.AsObject();

        var rebuilt = TemplateModel.FromTemplateData(TemplateType.RecoveryCodeValid, TemplateChannel.Email, stored);

        Assert.Equal(original.TemplateData.ToJsonString(), rebuilt.TemplateData.ToJsonString());
        Assert.Equal(CourierTemplates.BuiltIn.RenderEmail(original), CourierTemplates.BuiltIn.RenderEmail(rebuilt));
    }

    [Fact]
    public void Every_type_has_a_unique_wire_name_and_folder()
    {
        Assert.Equal(Enum.GetValues<TemplateType>().Length, TemplateLayout.All.Select(l => l.Name).Distinct().Count());
        Assert.Equal(TemplateLayout.All.Count, TemplateLayout.All.Select(l => l.Folder).Distinct().Count());
        Assert.Equal(TemplateType.LoginCodeValid, TemplateLayout.Find("login_code_valid")!.Type);
    }
}
