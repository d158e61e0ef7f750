namespace Tessera.Tests.Config;

/// <summary>The Kratos example configs shipped under Fixtures/kratos, and throw-away config files for one test.</summary>
internal sealed class ConfigFiles : IDisposable
{
    public const string MinimalYaml = """
        dsn: memory
        identity:
          default_schema_id: default
          schemas:
            - id: default
              url: file:///etc/identity.schema.json
        selfservice:
          default_browser_return_url: http://127.0.0.1:4455/
        """;

    private readonly string _directory = Directory.CreateTempSubdirectory("tessera-config-").FullName;

    public static string Example(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "kratos", name);

    public string Write(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
