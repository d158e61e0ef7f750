using Tessera.Courier;
using Tessera.Jsonnet;
using Xunit;

namespace Tessera.Tests.Jsonnet;

/// <summary>
/// The templates Kratos users actually write: the courier's default body, a web-hook body, an OIDC claims mapper.
/// Expected outputs are the reference CLI's (<c>jsonnet --tla-code ctx=… / --ext-code claims=…</c>).
/// </summary>
public sealed class KratosTemplateTests
{
    const string OidcMapper = """
        local claims = {
          email_verified: false,
        } + std.extVar('claims');
        {
          identity: {
            traits: {
              [if 'email' in claims && claims.email_verified then 'email' else null]: claims.email,
              [if 'name' in claims then 'name' else null]: {
                first: if 'given_name' in claims then claims.given_name else std.split(claims.name, ' ')[0],
              },
            },
            metadata_public: {
              provider_subject: claims.sub,
            },
          },
        }
        """;

    static JsonnetInputs Ctx(string json) => new() { TlaCodes = new Dictionary<string, string> { ["ctx"] = json } };

    static JsonnetInputs Claims(string json) => new() { ExtCodes = new Dictionary<string, string> { ["claims"] = json } };

    static string DefaultBodySource() =>
        System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(CourierRequestOptions.DefaultBody["base64://".Length..]));

    [Fact]
    public void Courier_default_body_gives_kratos_fields_with_template_data()
    {
        var program = JsonnetProgram.Parse(DefaultBodySource(), "default.jsonnet");
        var output = program.Evaluate(Ctx("""
            {"recipient": "a@example.org", "template_type": "recovery_code_valid", "message_type": "email", "subject": "Recover",
             "body": "Your code: 123456", "template_data": {"to": "a@example.org", "recovery_code": "123456", "identity": {"id": "x"}}}
            """), TestContext.Current.CancellationToken);
        Assert.Equal("""
            {
               "body": "Your code: 123456",
               "recipient": "a@example.org",
               "recovery_code": "123456",
               "recovery_url": null,
               "subject": "Recover",
               "template_type": "recovery_code_valid",
               "to": "a@example.org",
               "verification_code": null,
               "verification_url": null
            }

            """.Replace("\r", "", StringComparison.Ordinal), output);
    }

    [Fact]
    public void Courier_default_body_without_template_data_gives_nulls()
    {
        var program = JsonnetProgram.Parse(DefaultBodySource(), "default.jsonnet");
        var output = program.Evaluate(Ctx("""{"recipient": "+15550100", "template_type": "verification_code", "message_type": "sms", "subject": "", "body": "code 1"}"""),
            TestContext.Current.CancellationToken);
        Assert.Equal("""
            {
               "body": "code 1",
               "recipient": "+15550100",
               "recovery_code": null,
               "recovery_url": null,
               "subject": "",
               "template_type": "verification_code",
               "to": null,
               "verification_code": null,
               "verification_url": null
            }

            """.Replace("\r", "", StringComparison.Ordinal), output);
    }

    [Fact]
    public void Web_hook_body_picks_identity_fields_and_headers()
    {
        Jsonnet.AssertValue("""{"email": "a@example.org", "headers": {"Accept": ["*/*"], "User-Agent": ["curl/8"]}, "userId": "9c2d"}""",
            "function(ctx) { userId: ctx.identity.id, email: ctx.identity.traits.email, headers: ctx.request_headers }",
            Ctx("""{"identity": {"id": "9c2d", "traits": {"email": "a@example.org"}}, "request_headers": {"User-Agent": ["curl/8"], "Accept": ["*/*"]}, "flow": {"id": "f1"}}"""));
    }

    [Fact]
    public void Oidc_mapper_keeps_a_verified_email_and_splits_the_name()
    {
        Jsonnet.AssertValue("""{"identity": {"metadata_public": {"provider_subject": "123"}, "traits": {"email": "a@example.org", "name": {"first": "Ann"}}}}""",
            OidcMapper, Claims("""{"sub": "123", "email": "a@example.org", "email_verified": true, "name": "Ann Smith", "raw_claims": {"x": 1}}"""));
    }

    [Fact]
    public void Oidc_mapper_drops_an_unverified_email()
    {
        Assert.Equal("""
            {
               "identity": {
                  "metadata_public": {
                     "provider_subject": "456"
                  },
                  "traits": { }
               }
            }

            """.Replace("\r", "", StringComparison.Ordinal),
            JsonnetProgram.Parse(OidcMapper, "oidc.jsonnet").Evaluate(Claims("""{"sub": "456", "email": "b@example.org"}"""), TestContext.Current.CancellationToken));
    }

    [Fact]
    public void Form_encoded_sms_body_is_a_flat_object_of_strings()
    {
        Jsonnet.AssertValue("""{"Body": "code 1", "From": "+15550000", "To": "+15550100"}""",
            "function(ctx) { To: ctx.recipient, From: '+15550000', Body: ctx.body }",
            Ctx("""{"recipient": "+15550100", "body": "code 1", "template_data": {}}"""));
    }

    [Fact]
    public void One_program_evaluates_concurrently_with_different_inputs()
    {
        var program = JsonnetProgram.Parse("""
            function(ctx)
              local fib(n) = if n < 2 then n else fib(n - 1) + fib(n - 2);
              { id: ctx.id, fib: fib(ctx.n), squares: [i * i for i in std.range(1, ctx.n)], text: '%(id)s-%(n)d' % ctx }
            """, "concurrent.jsonnet");
        var results = new string[64];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i =>
            results[i] = program.Evaluate(Ctx($$"""{"id": "m{{i}}", "n": {{10 + (i % 8)}}}"""), TestContext.Current.CancellationToken));

        for (var i = 0; i < results.Length; i++)
        {
            var n = 10 + (i % 8);
            var expected = JsonnetProgram.Parse("function(ctx) local fib(n) = if n < 2 then n else fib(n - 1) + fib(n - 2); "
                    + "{ id: ctx.id, fib: fib(ctx.n), squares: [i * i for i in std.range(1, ctx.n)], text: '%(id)s-%(n)d' % ctx }", "single.jsonnet")
                .Evaluate(Ctx($$"""{"id": "m{{i}}", "n": {{n}}}"""), TestContext.Current.CancellationToken);
            Assert.Equal(expected, results[i]);
            Assert.Contains($"\"text\": \"m{i}-{n}\"", results[i], StringComparison.Ordinal);
        }
    }
}
