using System.Text;
using Tessera.Config;

namespace Tessera.Schemas;

/// <summary>The configured identity schemas, loaded once at start-up from <c>file://</c>, <c>base64://</c> or <c>http(s)://</c>.</summary>
internal sealed class SchemaRegistry
{
    readonly Dictionary<string, IdentitySchema> _byId;

    SchemaRegistry(List<IdentitySchema> schemas, string defaultId)
    {
        All = schemas;
        DefaultId = defaultId;
        _byId = schemas.ToDictionary(s => s.Id, StringComparer.Ordinal);
    }

    public IReadOnlyList<IdentitySchema> All { get; }

    public string DefaultId { get; }

    public IdentitySchema Default => _byId[DefaultId];

    /// <summary>By id, or by the unpadded base64url of the id that <c>schema_url</c> carries.</summary>
    public IdentitySchema? Find(string idOrEncoded)
    {
        if (_byId.TryGetValue(idOrEncoded, out var schema))
        {
            return schema;
        }

        var decoded = IdentitySchema.Base64UrlDecode(idOrEncoded);
        return decoded is not null && _byId.TryGetValue(decoded, out schema) ? schema : null;
    }

    public static async Task<SchemaRegistry> LoadAsync(TesseraConfig config, HttpClient http, Action<string> warn, CancellationToken ct)
    {
        if (config.Schemas.Count == 0)
        {
            throw new SchemaLoadException("identity.schemas: at least one identity schema must be configured");
        }

        var schemas = new List<IdentitySchema>();
        foreach (var entry in config.Schemas)
        {
            if (schemas.Any(s => s.Id == entry.Id))
            {
                throw new SchemaLoadException($"identity.schemas: the id \"{entry.Id}\" is used twice");
            }

            var text = await ReadAsync(entry.Url, config.ConfigDirectory, http, warn, ct).ConfigureAwait(false);
            try
            {
                schemas.Add(new IdentitySchema(entry.Id, entry.Url, entry.SelfserviceSelectable, text));
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or global::Json.Schema.JsonSchemaException or ArgumentException or InvalidOperationException)
            {
                throw new SchemaLoadException($"identity.schemas: the schema \"{entry.Id}\" at {entry.Url} is not a valid JSON schema: {e.Message}");
            }
        }

        if (!schemas.Any(s => s.Id == config.DefaultSchemaId))
        {
            throw new SchemaLoadException($"identity.default_schema_id: no schema with the id \"{config.DefaultSchemaId}\" is configured in identity.schemas");
        }

        return new SchemaRegistry(schemas, config.DefaultSchemaId);
    }

    static async Task<string> ReadAsync(string url, string? configDirectory, HttpClient http, Action<string> warn, CancellationToken ct)
    {
        if (url.StartsWith("base64://", StringComparison.Ordinal))
        {
            var encoded = url["base64://".Length..];
            try
            {
                return Encoding.UTF8.GetString(DecodeBase64(encoded));
            }
            catch (FormatException)
            {
                throw new SchemaLoadException($"identity.schemas: \"{Shorten(url)}\" is not valid base64");
            }
        }

        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return await http.GetStringAsync(new Uri(url), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
                throw new SchemaLoadException($"identity.schemas: could not fetch {url}: {e.Message}");
            }
        }

        if (url.StartsWith("file://", StringComparison.Ordinal))
        {
            var path = Uri.UnescapeDataString(url["file://".Length..]);
            var resolved = Path.IsPathRooted(path) || configDirectory is null ? path : Path.Combine(configDirectory, path);
            if (File.Exists(resolved))
            {
                return await File.ReadAllTextAsync(resolved, ct).ConfigureAwait(false);
            }

            // Kratos configs often name the path inside a container (file:///etc/config/kratos/…); a schema of the same
            // name next to the config file is the nearest reading of "the config and its schema, unchanged".
            if (configDirectory is not null)
            {
                var beside = Path.Combine(configDirectory, Path.GetFileName(path));
                if (File.Exists(beside))
                {
                    warn($"identity schema {url} does not exist; using {Path.GetFileName(path)} next to the config file instead");
                    return await File.ReadAllTextAsync(beside, ct).ConfigureAwait(false);
                }
            }

            throw new SchemaLoadException($"identity.schemas: the file {path} does not exist");
        }

        throw new SchemaLoadException($"identity.schemas: \"{Shorten(url)}\" must start with file://, base64://, http:// or https://");
    }

    static byte[] DecodeBase64(string encoded)
    {
        var standard = encoded.Replace('-', '+').Replace('_', '/');
        standard += (standard.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return Convert.FromBase64String(standard);
    }

    static string Shorten(string url) => url.Length > 60 ? url[..60] + "…" : url;
}
