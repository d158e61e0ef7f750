using System.Text.Json.Nodes;
using Tessera.Config;
using Xunit;

namespace Tessera.Tests.Config;

public sealed class ConfigLoaderTests : IDisposable
{
    private static readonly KeyValuePair<string, string>[] NoEnvironment = [];
    private readonly ConfigFiles _files = new();

    public void Dispose() => _files.Dispose();

    private ConfigLoadResult LoadYaml(string yaml) => ConfigLoader.Load([_files.Write("kratos.yml", yaml)], NoEnvironment);

    private static string Describe(ConfigLoadResult result) => string.Join("\n", result.Errors);

    [Fact]
    public void Email_password_quickstart_loads_without_errors()
    {
        var result = ConfigLoader.Load([ConfigFiles.Example("kratos.email-password.yml")], NoEnvironment);

        Assert.True(result.IsValid, Describe(result));
        Assert.Equal("memory", result.Config["dsn"]!.GetValue<string>());
        Assert.Equal(8, result.Config["hashers"]!["bcrypt"]!["cost"]!.GetValue<long>());
        Assert.True(result.Config["selfservice"]!["methods"]!["totp"]!["enabled"]!.GetValue<bool>());
    }

    [Fact]
    public void E2e_base_alone_is_refused_naming_dsn_and_identity()
    {
        var result = ConfigLoader.Load([ConfigFiles.Example("kratos.e2e-base.yml")], NoEnvironment);

        var error = Assert.Single(result.Errors);
        Assert.Equal("(root)", error.Key);
        Assert.Equal("missing required keys: dsn, identity", error.Message);
        Assert.Equal("(root): missing required keys: dsn, identity", error.ToString());
    }

    [Fact]
    public void E2e_base_merged_with_a_profile_file_loads()
    {
        var profile = _files.Write("profile.yml", """
            dsn: memory
            identity:
              schemas:
                - id: default
                  url: file:///etc/identity.schema.json
            """);

        var result = ConfigLoader.Load([ConfigFiles.Example("kratos.e2e-base.yml"), profile], NoEnvironment);

        Assert.True(result.IsValid, Describe(result));
        Assert.Equal("trace", result.Config["log"]!["level"]!.GetValue<string>());
    }

    [Fact]
    public void Json_config_loads()
    {
        var path = _files.Write("kratos.json", """
            {
              "dsn": "memory",
              "identity": { "schemas": [ { "id": "default", "url": "file:///etc/identity.schema.json" } ] },
              "selfservice": { "default_browser_return_url": "http://127.0.0.1:4455/" },
              "serve": { "public": { "port": 4433 } }
            }
            """);

        var result = ConfigLoader.Load([path], NoEnvironment);

        Assert.True(result.IsValid, Describe(result));
        Assert.Equal(4433, result.Config["serve"]!["public"]!["port"]!.GetValue<long>());
    }

    [Fact]
    public void Later_files_win_objects_merge_and_arrays_are_replaced()
    {
        var first = _files.Write("a.yml", ConfigFiles.MinimalYaml + """

            log:
              level: debug
              format: json
            secrets:
              cookie: [first-secret-0123456789, second-secret-0123456789]
            """);
        var second = _files.Write("b.yml", """
            log:
              level: trace
            secrets:
              cookie: [third-secret-0123456789]
            """);

        var result = ConfigLoader.Load([first, second], NoEnvironment);

        Assert.True(result.IsValid, Describe(result));
        Assert.Equal("trace", result.Config["log"]!["level"]!.GetValue<string>());
        Assert.Equal("json", result.Config["log"]!["format"]!.GetValue<string>());
        Assert.Equal("""["third-secret-0123456789"]""", result.Config["secrets"]!["cookie"]!.ToJsonString());
    }

    [Fact]
    public void Port_that_is_not_a_number_names_the_key()
    {
        var result = LoadYaml(ConfigFiles.MinimalYaml + "\nserve:\n  public:\n    port: abc\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("serve.public.port: expected integer, got string \"abc\"", error.ToString());
    }

    [Fact]
    public void Unknown_hasher_algorithm_lists_the_allowed_values()
    {
        var result = LoadYaml(ConfigFiles.MinimalYaml + "\nhashers:\n  algorithm: md5\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("hashers.algorithm", error.Key);
        Assert.Equal("expected one of \"argon2\", \"bcrypt\"; got \"md5\"", error.Message);
    }

    [Fact]
    public void Unknown_top_level_key_is_refused_because_the_schema_allows_no_additional_properties()
    {
        var result = LoadYaml(ConfigFiles.MinimalYaml + "\nnot_a_kratos_key: 1\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("not_a_kratos_key", error.Key);
        Assert.Contains("unknown key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_nested_key_is_refused_naming_its_path()
    {
        var result = LoadYaml(ConfigFiles.MinimalYaml + "\nhashers:\n  bcrypt:\n    cost: 12\n    rounds: 3\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("hashers.bcrypt.rounds", error.Key);
    }

    [Fact]
    public void Quoted_true_stays_a_string_and_a_boolean_key_refuses_it()
    {
        var result = LoadYaml(ConfigFiles.MinimalYaml + "\ndev: \"true\"\n");

        var error = Assert.Single(result.Errors);
        Assert.Equal("dev: expected boolean, got string \"true\"", error.ToString());
    }

    [Fact]
    public void Plain_true_is_a_boolean()
    {
        var result = LoadYaml(ConfigFiles.MinimalYaml + "\ndev: True\n");

        Assert.True(result.IsValid, Describe(result));
        Assert.True(result.Config["dev"]!.GetValue<bool>());
    }

    [Fact]
    public void Misspelt_hook_lists_the_hooks_the_schema_allows()
    {
        var result = LoadYaml(ConfigFiles.MinimalYaml + """

              flows:
                registration:
                  after:
                    password:
                      hooks:
                        - hook: sesion
            """);

        var error = Assert.Single(result.Errors);
        Assert.Equal("selfservice.flows.registration.after.password.hooks.0.hook", error.Key);
        Assert.Contains("\"session\"", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("got \"sesion\"", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Several_problems_are_all_reported_once_each()
    {
        var result = LoadYaml("""
            serve:
              public:
                port: abc
            hashers:
              bcrypt:
                cost: 2
            """);

        Assert.Equal(
            [
                "(root): missing required keys: dsn, identity, selfservice",
                "hashers.bcrypt.cost: must be at least 4, got 2",
                "serve.public.port: expected integer, got string \"abc\"",
            ],
            result.Errors.Select(e => e.ToString()));
    }

    [Fact]
    public void Malformed_yaml_names_the_file_and_line()
    {
        var path = _files.Write("broken.yml", "dsn: memory\nserve: [\n");

        var result = ConfigLoader.Load([path], NoEnvironment);

        var error = Assert.Single(result.Errors);
        Assert.Equal(path, error.Key);
        Assert.StartsWith("invalid YAML at line", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_yaml_key_is_refused_as_go_yaml_does()
    {
        var path = _files.Write("dup.yml", "dsn: memory\ndsn: other\n");

        var result = ConfigLoader.Load([path], NoEnvironment);

        Assert.StartsWith("invalid YAML", Assert.Single(result.Errors).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_file_is_an_error_not_an_exception()
    {
        var result = ConfigLoader.Load(["/nonexistent/kratos.yml"], NoEnvironment);

        Assert.Equal("/nonexistent/kratos.yml", Assert.Single(result.Errors).Key);
    }

    [Fact]
    public void Environment_overrides_beat_the_files()
    {
        var path = _files.Write("kratos.yml", ConfigFiles.MinimalYaml);

        var result = ConfigLoader.Load([path], [new("DSN", "sqlite:///var/lib/kratos.db"), new("SERVE_PUBLIC_PORT", "4444")]);

        Assert.True(result.IsValid, Describe(result));
        Assert.Equal("sqlite:///var/lib/kratos.db", result.Config["dsn"]!.GetValue<string>());
        Assert.Equal(4444, result.Config["serve"]!["public"]!["port"]!.GetValue<long>());
    }

    [Fact]
    public void Environment_can_supply_the_required_keys()
    {
        var result = ConfigLoader.Load([ConfigFiles.Example("kratos.e2e-base.yml")],
        [
            new("DSN", "memory"),
            new("IDENTITY_SCHEMAS", """[{"id":"default","url":"file:///etc/identity.schema.json"}]"""),
        ]);

        Assert.True(result.IsValid, Describe(result));
    }

    [Fact]
    public void Environment_value_of_the_wrong_type_is_reported_by_key()
    {
        var path = _files.Write("kratos.yml", ConfigFiles.MinimalYaml);

        var result = ConfigLoader.Load([path], [new("SERVE_PUBLIC_PORT", "abc")]);

        Assert.Equal("serve.public.port: expected integer, got string \"abc\"", Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Errors_inside_the_tracing_schema_name_the_key()
    {
        var path = _files.Write("kratos.yml", ConfigFiles.MinimalYaml);

        var result = ConfigLoader.Load([path], [new("TRACING_PROVIDER", "datadog")]);

        Assert.Equal("tracing.provider: expected one of \"jaeger\", \"otel\", \"zipkin\"; got \"datadog\"",
            Assert.Single(result.Errors).ToString());
    }

    [Fact]
    public void Whole_sections_can_come_from_json_in_the_environment()
    {
        var path = _files.Write("kratos.yml", ConfigFiles.MinimalYaml);

        var result = ConfigLoader.Load([path], [new("SERVE_PUBLIC", """{"port":4500,"host":"127.0.0.1"}""")]);

        Assert.True(result.IsValid, Describe(result));
        Assert.Equal(4500, result.Config["serve"]!["public"]!["port"]!.GetValue<long>());
    }

    [Fact]
    public void Empty_file_is_an_empty_config()
    {
        var result = LoadYaml("");

        Assert.Equal("(root): missing required keys: dsn, identity, selfservice", Assert.Single(result.Errors).ToString());
        Assert.Equal(new JsonObject().ToJsonString(), result.Config.ToJsonString());
    }
}
