using System.Text.Json.Nodes;
using Tessera.Config;
using Xunit;

namespace Tessera.Tests.Config;

public sealed class UnsupportedKeysTests
{
    private static JsonObject Config(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void Supported_path_covers_itself_and_everything_below()
    {
        var config = Config("""{"serve":{"public":{"port":4433,"cors":{"enabled":true}},"admin":{"port":4434}}}""");

        var unsupported = UnsupportedKeys.Find(config, ["serve.public", "serve.admin.port"]);

        Assert.Empty(unsupported);
    }

    [Fact]
    public void Uncovered_leaves_are_listed_in_document_order()
    {
        var config = Config("""{"dsn":"memory","session":{"lifespan":"1h","cookie":{"name":"s"}},"log":{"level":"debug","redaction_text":"x"}}""");

        var unsupported = UnsupportedKeys.Find(config, ["dsn", "log.level"]);

        Assert.Equal(["session.lifespan", "session.cookie.name", "log.redaction_text"], unsupported);
    }

    [Fact]
    public void Star_matches_any_key_or_index()
    {
        var config = Config("""
            {"identity":{"schemas":[{"id":"a","url":"file:///a","selfservice_selectable":true},{"id":"b","url":"file:///b"}]},
             "courier":{"templates":{"recovery":{"subject":"x"},"verification":{"subject":"y","body":"z"}}}}
            """);

        var unsupported = UnsupportedKeys.Find(config, ["identity.schemas.*.id", "identity.schemas.*.url", "courier.templates.*.subject"]);

        Assert.Equal(["identity.schemas.0.selfservice_selectable", "courier.templates.verification.body"], unsupported);
    }

    [Fact]
    public void A_list_of_plain_values_is_one_leaf()
    {
        var config = Config("""{"selfservice":{"allowed_return_urls":["http://a","http://b"]}}""");

        Assert.Equal(["selfservice.allowed_return_urls"], UnsupportedKeys.Find(config, []));
    }

    [Fact]
    public void Supported_path_deeper_than_the_config_does_not_cover_a_sibling()
    {
        var config = Config("""{"hashers":{"argon2":{"memory":"1KB","dedicated_memory":"1GB"}}}""");

        Assert.Equal(["hashers.argon2.dedicated_memory"], UnsupportedKeys.Find(config, SupportedKeys.Paths));
    }

    [Fact]
    public void Email_password_quickstart_reports_what_the_initial_list_lacks()
    {
        var config = ConfigLoader.Load([ConfigFiles.Example("kratos.email-password.yml")], []).Config;

        var unsupported = UnsupportedKeys.Find(config, SupportedKeys.Paths);

        Assert.DoesNotContain("selfservice.methods.totp.enabled", unsupported);
        Assert.DoesNotContain("selfservice.methods.lookup_secret.enabled", unsupported);
        Assert.DoesNotContain("selfservice.flows.registration.after.password.hooks.0.hook", unsupported); // hooks are reported by name
        Assert.DoesNotContain("ciphers.algorithm", unsupported);
        Assert.DoesNotContain("dsn", unsupported);
        Assert.DoesNotContain("identity.schemas.0.url", unsupported);
        Assert.DoesNotContain(unsupported, k => k.StartsWith("secrets.cookie", StringComparison.Ordinal));
    }
}
