using System.Text.Json.Nodes;

namespace Tessera.Config;

/// <summary>The parts of the Kratos key tree Tessera acts on, read once at start-up from the validated config.</summary>
internal sealed class TesseraConfig
{
    public TesseraConfig(JsonObject root, string? configDirectory, bool devFlag)
    {
        Root = root;
        ConfigDirectory = configDirectory;
        Dev = devFlag || ConfigNode.Bool(root, "dev", false);
        Dsn = ConfigNode.String(root, "dsn") ?? "";
        Public = Listener(root, "serve.public", 4433, Dev);
        Admin = Listener(root, "serve.admin", 4434, Dev);
        DefaultSchemaId = ConfigNode.String(root, "identity.default_schema_id", "default")!;
        Schemas = (ConfigNode.At(root, "identity.schemas") as JsonArray ?? [])
            .OfType<JsonObject>()
            .Select(s => new SchemaEntry(
                ConfigNode.String(s, "id") ?? "",
                ConfigNode.String(s, "url") ?? "",
                ConfigNode.Bool(s, "selfservice_selectable", false)))
            .ToList();
        HasherAlgorithm = ConfigNode.String(root, "hashers.algorithm", "bcrypt")!;
        BcryptCost = ConfigNode.Int(root, "hashers.bcrypt.cost", 12);
        Argon2Memory = ConfigNode.String(root, "hashers.argon2.memory", "128MB")!;
        Argon2Iterations = ConfigNode.Int(root, "hashers.argon2.iterations", 1);
        Argon2SaltLength = ConfigNode.Int(root, "hashers.argon2.salt_length", 16);
        Argon2KeyLength = ConfigNode.Int(root, "hashers.argon2.key_length", 32);
        LogLevel = ConfigNode.String(root, "log.level", "info")!;
        LogFormat = ConfigNode.String(root, "log.format", "text")!;
    }

    public JsonObject Root { get; }

    /// <summary>The folder of the first config file; relative <c>file://</c> URLs resolve against it.</summary>
    public string? ConfigDirectory { get; }

    public bool Dev { get; }

    public string Dsn { get; }

    public ListenerConfig Public { get; }

    public ListenerConfig Admin { get; }

    public string DefaultSchemaId { get; }

    public IReadOnlyList<SchemaEntry> Schemas { get; }

    public string HasherAlgorithm { get; }

    public int BcryptCost { get; }

    public string Argon2Memory { get; }

    public int Argon2Iterations { get; }

    public int Argon2SaltLength { get; }

    public int Argon2KeyLength { get; }

    public string LogLevel { get; }

    public string LogFormat { get; }

    static ListenerConfig Listener(JsonObject root, string prefix, int defaultPort, bool dev)
    {
        // Kratos binds 0.0.0.0; Tessera defaults to loopback because the admin API has no authentication of its own.
        var host = ConfigNode.String(root, prefix + ".host", "");
        if (string.IsNullOrEmpty(host))
        {
            host = "127.0.0.1";
        }

        var port = ConfigNode.Int(root, prefix + ".port", defaultPort);
        var baseUrl = ConfigNode.String(root, prefix + ".base_url");
        if (string.IsNullOrEmpty(baseUrl))
        {
            var visibleHost = host is "0.0.0.0" or "::" or "[::]" ? Environment.MachineName.ToLowerInvariant() : host;
            baseUrl = $"{(dev ? "http" : "https")}://{visibleHost}:{(port == 0 ? defaultPort : port)}/";
        }

        if (!baseUrl.EndsWith('/'))
        {
            baseUrl += "/";
        }

        return new ListenerConfig(host, port, new Uri(baseUrl));
    }
}

internal sealed record ListenerConfig(string Host, int Port, Uri BaseUrl);

internal sealed record SchemaEntry(string Id, string Url, bool SelfserviceSelectable);
