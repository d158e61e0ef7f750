using System.Text.Json.Nodes;
using Tessera.Config;
using Xunit;

namespace Tessera.Tests.Config;

public sealed class EnvironmentOverridesTests
{
    private static JsonObject Apply(JsonObject config, params (string Name, string Value)[] environment)
    {
        EnvironmentOverrides.Apply(config, environment.Select(e => new KeyValuePair<string, string>(e.Name, e.Value)));
        return config;
    }

    private static string Json(JsonNode? node) => node?.ToJsonString() ?? "null";

    [Theory]
    [InlineData("DSN", "dsn")]
    [InlineData("SERVE_PUBLIC_PORT", "serve.public.port")]
    [InlineData("SERVE_ADMIN_BASE_URL", "serve.admin.base_url")]
    [InlineData("LOG_LEVEL", "log.level")]
    [InlineData("LOG_LEAK_SENSITIVE_VALUES", "log.leak_sensitive_values")]
    [InlineData("SELFSERVICE_DEFAULT_BROWSER_RETURN_URL", "selfservice.default_browser_return_url")]
    [InlineData("SELFSERVICE_METHODS_PASSWORD_ENABLED", "selfservice.methods.password.enabled")]
    [InlineData("SELFSERVICE_METHODS_LOOKUP_SECRET_ENABLED", "selfservice.methods.lookup_secret.enabled")]
    [InlineData("SELFSERVICE_FLOWS_LOGIN_UI_URL", "selfservice.flows.login.ui_url")]
    [InlineData("SELFSERVICE_FLOWS_SETTINGS_PRIVILEGED_SESSION_MAX_AGE", "selfservice.flows.settings.privileged_session_max_age")]
    [InlineData("SELFSERVICE_FLOWS_REGISTRATION_AFTER_PASSWORD_HOOKS", "selfservice.flows.registration.after.password.hooks")]
    [InlineData("SELFSERVICE_METHODS_OIDC_CONFIG_PROVIDERS", "selfservice.methods.oidc.config.providers")]
    [InlineData("SELFSERVICE_METHODS_OIDC_CONFIG_PROVIDERS_0_CLIENT_ID", "selfservice.methods.oidc.config.providers.0.client_id")]
    [InlineData("IDENTITY_SCHEMAS_0_URL", "identity.schemas.0.url")]
    [InlineData("IDENTITY_DEFAULT_SCHEMA_ID", "identity.default_schema_id")]
    [InlineData("SESSION_COOKIE_NAME", "session.cookie.name")]
    [InlineData("SECRETS_COOKIE", "secrets.cookie")]
    [InlineData("HASHERS_ARGON2_SALT_LENGTH", "hashers.argon2.salt_length")]
    [InlineData("COURIER_SMTP_CONNECTION_URI", "courier.smtp.connection_uri")]
    [InlineData("COURIER_SMTP_HEADERS_X_TENANT", "courier.smtp.headers.x_tenant")]
    [InlineData("SESSION_WHOAMI_TOKENIZER_TEMPLATES_MY_JWT_TTL", "session.whoami.tokenizer.templates.my_jwt.ttl")]
    [InlineData("FEATURE_FLAGS_USE_CONTINUE_WITH_TRANSITIONS", "feature_flags.use_continue_with_transitions")]
    [InlineData("TRACING_PROVIDER", "tracing.provider")]
    [InlineData("dsn", "dsn")]
    public void Variable_names_resolve_to_schema_keys(string variable, string key)
    {
        var path = EnvironmentOverrides.ResolvePath(variable);

        Assert.Equal(key, path is null ? null : string.Join('.', path));
    }

    [Theory]
    [InlineData("PATH")]
    [InlineData("HOME")]
    [InlineData("SERVE_PUBLIC_NOPE")]
    [InlineData("SERVE_PUBLIC_PORT_EXTRA")]
    [InlineData("SELFSERVICE_DEFAULT")]
    [InlineData("IDENTITY_SCHEMAS_X_URL")]
    [InlineData("HASHERS_BCRYPT_ROUNDS")]
    [InlineData("_DSN")]
    [InlineData("")]
    public void Variables_that_are_not_keys_resolve_to_nothing(string variable)
    {
        Assert.Null(EnvironmentOverrides.ResolvePath(variable));
    }

    [Fact]
    public void Variables_that_are_not_keys_leave_the_config_alone()
    {
        var config = Apply(new JsonObject { ["dsn"] = "memory" },
            ("PATH", "/usr/bin"), ("HOME", "/root"), ("SERVE_PUBLIC_NOPE", "1"), ("KRATOS_DSN", "x"));

        Assert.Equal("""{"dsn":"memory"}""", config.ToJsonString());
    }

    [Fact]
    public void Dsn_is_a_string()
    {
        var config = Apply([], ("DSN", "postgres://kratos:secret@db:5432/kratos?sslmode=disable"));

        Assert.Equal("postgres://kratos:secret@db:5432/kratos?sslmode=disable", config["dsn"]!.GetValue<string>());
    }

    [Fact]
    public void Port_becomes_an_integer()
    {
        var config = Apply([], ("SERVE_PUBLIC_PORT", "4444"));

        Assert.Equal("""{"serve":{"public":{"port":4444}}}""", config.ToJsonString());
    }

    [Theory]
    [InlineData("false", false)]
    [InlineData("true", true)]
    [InlineData("TRUE", true)]
    [InlineData("0", false)]
    [InlineData("1", true)]
    public void Enabled_becomes_a_boolean(string value, bool expected)
    {
        var config = Apply([], ("SELFSERVICE_METHODS_PASSWORD_ENABLED", value));

        Assert.Equal(expected, config["selfservice"]!["methods"]!["password"]!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public void Underscored_key_is_one_key_not_a_path()
    {
        var config = Apply([], ("SELFSERVICE_DEFAULT_BROWSER_RETURN_URL", "https://app.example.com/"));

        Assert.Equal("""{"selfservice":{"default_browser_return_url":"https://app.example.com/"}}""", config.ToJsonString());
    }

    [Fact]
    public void Log_level_is_a_string()
    {
        var config = Apply([], ("LOG_LEVEL", "debug"));

        Assert.Equal("""{"log":{"level":"debug"}}""", config.ToJsonString());
    }

    [Fact]
    public void String_list_from_commas()
    {
        var config = Apply([], ("SECRETS_COOKIE", "a,b"));

        Assert.Equal("""["a","b"]""", Json(config["secrets"]!["cookie"]));
    }

    [Fact]
    public void String_list_from_json()
    {
        var config = Apply([], ("SECRETS_COOKIE", """["a,1","b"]"""));

        Assert.Equal("""["a,1","b"]""", Json(config["secrets"]!["cookie"]));
    }

    [Fact]
    public void Hooks_from_json()
    {
        var config = Apply([], ("SELFSERVICE_FLOWS_REGISTRATION_AFTER_PASSWORD_HOOKS", """[{"hook":"session"}]"""));

        Assert.Equal("""[{"hook":"session"}]""",
            Json(config["selfservice"]!["flows"]!["registration"]!["after"]!["password"]!["hooks"]));
    }

    [Fact]
    public void Array_index_sets_a_field_of_an_existing_element()
    {
        var config = JsonNode.Parse("""{"identity":{"schemas":[{"id":"default","url":"file:///a.json"}]}}""")!.AsObject();

        Apply(config, ("IDENTITY_SCHEMAS_0_URL", "file:///b.json"));

        Assert.Equal("""{"identity":{"schemas":[{"id":"default","url":"file:///b.json"}]}}""", config.ToJsonString());
    }

    [Fact]
    public void Array_index_creates_the_element_when_missing()
    {
        var config = Apply([], ("IDENTITY_SCHEMAS_0_URL", "file:///b.json"), ("IDENTITY_SCHEMAS_0_ID", "default"));

        Assert.Equal("""{"identity":{"schemas":[{"id":"default","url":"file:///b.json"}]}}""", config.ToJsonString());
    }

    [Fact]
    public void Element_override_refines_a_whole_list_override()
    {
        var config = Apply([], ("SECRETS_COOKIE_1", "replaced"), ("SECRETS_COOKIE", "a,b"));

        Assert.Equal("""["a","replaced"]""", Json(config["secrets"]!["cookie"]));
    }

    [Fact]
    public void Object_from_json()
    {
        var config = Apply([], ("COURIER_SMTP_HEADERS", """{"X-Tenant":"acme"}"""));

        Assert.Equal("""{"X-Tenant":"acme"}""", Json(config["courier"]!["smtp"]!["headers"]));
    }

    [Fact]
    public void Value_that_does_not_convert_stays_text_for_validation_to_report()
    {
        var config = Apply([], ("SERVE_PUBLIC_PORT", "abc"), ("DEV", "maybe"));

        Assert.Equal("""{"dev":"maybe","serve":{"public":{"port":"abc"}}}""", config.ToJsonString());
    }

    [Fact]
    public void Argon2_memory_stays_a_string()
    {
        var config = Apply([], ("HASHERS_ARGON2_MEMORY", "64MB"), ("HASHERS_ARGON2_ITERATIONS", "3"));

        Assert.Equal("""{"hashers":{"argon2":{"iterations":3,"memory":"64MB"}}}""", config.ToJsonString());
    }
}
