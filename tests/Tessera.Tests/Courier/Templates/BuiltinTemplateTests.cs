using Tessera.Courier.Templates;
using Xunit;

namespace Tessera.Tests.Courier.Templates;

/// <summary>The built-in templates render for every type, with the subjects of API.md 13.2.</summary>
public sealed class BuiltinTemplateTests
{
    static readonly CourierTemplates Templates = CourierTemplates.BuiltIn;

    static TemplateType Type(string name) => TemplateLayout.Find(name)!.Type;

    public static TheoryData<string, string> Subjects => new()
    {
        { "recovery_code_valid", "Use code 482913 to recover access to your account" },
        { "recovery_code_invalid", "Account access attempted" },
        { "recovery_invalid", "Account access attempted" },
        { "recovery_valid", "Recover access to your account" },
        { "verification_code_valid", "Use code 482913 to verify your account" },
        { "verification_code_invalid", "Someone tried to verify this email address" },
        { "verification_invalid", "Someone tried to verify this email address" },
        { "verification_valid", "Please verify your email address" },
        { "login_code_valid", "Use code 482913 to log in" },
        { "registration_code_valid", "Use code 482913 to complete your account registration" },
        { "verifiable_address_changed", "A verifiable address on your account was changed" },
        { "authenticator_key_added", "A new sign-in method was added to your account" },
    };

    [Theory]
    [MemberData(nameof(Subjects))]
    public void Every_type_renders_with_the_kratos_subject(string type, string subject)
    {
        var email = Templates.RenderEmail(TemplateModel.Email(Type(type), TemplateSamples.Fields()));

        Assert.Equal(subject, email.Subject);
        Assert.False(string.IsNullOrWhiteSpace(email.PlainBody));
        Assert.StartsWith("<!DOCTYPE html>", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<no value>", email.PlainBody, StringComparison.Ordinal);
        Assert.DoesNotContain("{{", email.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("recovery_code_valid")]
    [InlineData("verification_code_valid")]
    [InlineData("login_code_valid")]
    [InlineData("registration_code_valid")]
    public void Code_emails_have_the_code_on_its_own_line_and_the_expiry(string type)
    {
        var email = Templates.RenderEmail(TemplateModel.Email(Type(type), TemplateSamples.Fields()));

        Assert.Contains("482913", email.PlainBody.Split('\n'));
        Assert.Contains("15 minutes", email.PlainBody, StringComparison.Ordinal);
        Assert.Contains(">482913</p>", email.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("recovery_valid")]
    [InlineData("verification_valid")]
    [InlineData("verification_code_valid")]
    public void Link_emails_have_the_link_on_its_own_line(string type)
    {
        var fields = TemplateSamples.Fields();
        var email = Templates.RenderEmail(TemplateModel.Email(Type(type), fields));

        Assert.Contains(fields.Url, email.PlainBody.Split('\n'));
        Assert.Contains("15 minutes", email.PlainBody, StringComparison.Ordinal);

        // html/template escapes the & of the query in the href and in the text.
        Assert.Contains("href=\"https://auth.example.com/self-service/verification?flow=f1&amp;code=482913\"", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Recovery_code_plain_body_reads_as_written()
    {
        var email = Templates.RenderEmail(TemplateModel.Email(TemplateType.RecoveryCodeValid, TemplateSamples.Fields()));

        Assert.Equal(
            """
            Hello,

            enter this code to recover access to your account:

            482913

            The code expires in 15 minutes. If you did not ask to recover your account, you can ignore this email.

            """,
            email.PlainBody);
    }

    [Fact]
    public void Unknown_address_emails_name_the_address()
    {
        var email = Templates.RenderEmail(TemplateModel.Email(TemplateType.RecoveryCodeInvalid, new TemplateFields { To = "who@example.com" }));

        Assert.Contains("(who@example.com)", email.PlainBody, StringComparison.Ordinal);
        Assert.Contains("(who@example.com)", email.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("verification_code_valid", "Your verification code is: 482913\n\nIt expires in 15 minutes. If you did not ask for it, ignore this message.\n\n@auth.example.com #482913\n")]
    [InlineData("recovery_code_valid", "Your recovery code is: 482913\n\nIt expires in 15 minutes. If you did not ask for it, ignore this message.\n\n@auth.example.com #482913\n")]
    [InlineData("login_code_valid", "Your login code is: 482913\n\nIt expires in 15 minutes.\n\n@auth.example.com #482913\n")]
    [InlineData("registration_code_valid", "Your registration code is: 482913\n\nIt expires in 15 minutes.\n\n@auth.example.com #482913\n")]
    public void Sms_bodies_end_with_the_webotp_line(string type, string expected)
    {
        Assert.Equal(expected, Templates.RenderSms(TemplateModel.Sms(Type(type), TemplateSamples.Fields())));
    }

    [Fact]
    public void Sms_without_a_request_url_has_no_webotp_line()
    {
        var fields = TemplateSamples.Fields() with { RequestUrl = null };

        Assert.Equal(
            "Your login code is: 482913\n\nIt expires in 15 minutes.\n",
            Templates.RenderSms(TemplateModel.Sms(TemplateType.LoginCodeValid, fields)));
    }

    [Theory]
    [InlineData("verifiable_address_changed")]
    [InlineData("authenticator_key_added")]
    public void Notice_types_have_sms_bodies(string type)
    {
        Assert.Contains("contact support", Templates.RenderSms(TemplateModel.Sms(Type(type), TemplateSamples.Fields())), StringComparison.Ordinal);
    }

    [Fact]
    public void Types_without_an_sms_variant_refuse_an_sms_model()
    {
        Assert.Throws<ArgumentException>(() => TemplateModel.Sms(TemplateType.RecoveryValid, TemplateSamples.Fields()));
    }

    [Fact]
    public void Stub_messages_are_sent_as_given()
    {
        var fields = new TemplateFields { To = "a@example.com", Subject = "stub subject", Body = "stub body" };

        Assert.Equal(new EmailContent("stub subject", "stub body", "stub body"), Templates.RenderEmail(TemplateModel.Email(TemplateType.Stub, fields)));
        Assert.Equal("stub body", Templates.RenderSms(TemplateModel.Sms(TemplateType.Stub, fields)));
    }
}
