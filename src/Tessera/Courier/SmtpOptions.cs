using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using MailKit.Security;
using Tessera.Config;
using Tessera.Hosting;

namespace Tessera.Courier;

/// <summary>
/// <c>courier.smtp</c>: where and how email goes out. The connection URI is
/// <c>smtp://user:pass@host:port/</c> (STARTTLS required unless <c>?disable_starttls=true</c>) or <c>smtps://…</c>
/// (implicit TLS), with <c>skip_ssl_verify</c> and <c>server_name</c> in the query, as Kratos reads it.
/// </summary>
internal sealed record SmtpOptions
{
    public const string DefaultFromAddress = "no-reply@ory.kratos.sh";

    public required string Host { get; init; }

    public required int Port { get; init; }

    public required SecureSocketOptions Security { get; init; }

    public string? UserName { get; init; }

    public string? Password { get; init; }

    public bool SkipSslVerify { get; init; }

    /// <summary>The TLS server name (SNI and certificate check) when it differs from <see cref="Host"/>.</summary>
    public string? ServerName { get; init; }

    public string FromAddress { get; init; } = DefaultFromAddress;

    public string? FromName { get; init; }

    public IReadOnlyList<KeyValuePair<string, string>> Headers { get; init; } = [];

    public string LocalName { get; init; } = "localhost";

    public X509Certificate2? ClientCertificate { get; init; }

    /// <summary>Reads <paramref name="path"/> (<c>courier.smtp</c>); null when no connection URI is set, which Kratos allows until an email is sent.</summary>
    public static SmtpOptions? From(TesseraConfig config, string path)
    {
        var uriText = ConfigNode.String(config.Root, path + ".connection_uri");
        if (string.IsNullOrEmpty(uriText))
        {
            return null;
        }

        var key = path + ".connection_uri";
        if (!Uri.TryCreate(uriText, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Host) || uri.Scheme is not ("smtp" or "smtps"))
        {
            // The URI may carry a password: name the key, not the value.
            throw new StartupException($"{key}: not a valid smtp:// or smtps:// URL with a host");
        }

        var query = QueryValues(uri.Query);
        var implicitTls = uri.Scheme == "smtps";
        var security = implicitTls ? SecureSocketOptions.SslOnConnect
            // Kratos's "disable" only lifts the requirement: STARTTLS is still used when the server offers it (gomail's opportunistic policy).
            : GoBool(query, "disable_starttls", key) ? SecureSocketOptions.StartTlsWhenAvailable
            : SecureSocketOptions.StartTls;
        string? user = null, password = null;
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var colon = uri.UserInfo.IndexOf(':', StringComparison.Ordinal);
            user = Uri.UnescapeDataString(colon >= 0 ? uri.UserInfo[..colon] : uri.UserInfo);
            password = colon >= 0 ? Uri.UnescapeDataString(uri.UserInfo[(colon + 1)..]) : "";
        }

        var fromAddress = ConfigNode.String(config.Root, path + ".from_address");
        if (string.IsNullOrEmpty(fromAddress))
        {
            fromAddress = DefaultFromAddress;
        }

        if (!CourierQueue.IsEmailAddress(fromAddress))
        {
            throw new StartupException($"{path}.from_address: \"{fromAddress}\" is not an email address");
        }

        var headers = new List<KeyValuePair<string, string>>();
        if (ConfigNode.At(config.Root, path + ".headers") is System.Text.Json.Nodes.JsonObject map)
        {
            foreach (var (name, value) in map)
            {
                var text = value is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var s) ? s : value?.ToJsonString() ?? "";
                if (name.Length == 0 || name.Any(c => c <= ' ' || c == ':' || c > '~') || text.IndexOfAny(['\r', '\n']) >= 0)
                {
                    throw new StartupException($"{path}.headers.{name}: not a valid mail header name and single-line value");
                }

                headers.Add(new(name, text));
            }
        }

        var localName = ConfigNode.String(config.Root, path + ".local_name");
        return new SmtpOptions
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? (implicitTls ? 465 : 25) : uri.Port,
            Security = security,
            UserName = user,
            Password = password,
            SkipSslVerify = GoBool(query, "skip_ssl_verify", key),
            ServerName = query.TryGetValue("server_name", out var sni) && sni.Length > 0 ? sni : null,
            FromAddress = fromAddress,
            FromName = ConfigNode.String(config.Root, path + ".from_name") is { Length: > 0 } fromName ? fromName : null,
            Headers = headers,
            LocalName = string.IsNullOrEmpty(localName) ? "localhost" : localName,
            ClientCertificate = LoadClientCertificate(config, path),
        };
    }

    static X509Certificate2? LoadClientCertificate(TesseraConfig config, string path)
    {
        var certPath = ConfigNode.String(config.Root, path + ".client_cert_path");
        var keyPath = ConfigNode.String(config.Root, path + ".client_key_path");
        if (string.IsNullOrEmpty(certPath) && string.IsNullOrEmpty(keyPath))
        {
            return null;
        }

        if (string.IsNullOrEmpty(certPath) || string.IsNullOrEmpty(keyPath))
        {
            var missing = string.IsNullOrEmpty(certPath) ? "client_cert_path" : "client_key_path";
            throw new StartupException($"{path}.{missing}: is required when the other half of the client certificate is set");
        }

        try
        {
            return X509Certificate2.CreateFromPemFile(certPath, keyPath);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
        {
            throw new StartupException($"{path}.client_cert_path: cannot load the client certificate and key: {e.Message}");
        }
    }

    static Dictionary<string, string> QueryValues(string query)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var eq = part.IndexOf('=', StringComparison.Ordinal);
            values[Uri.UnescapeDataString(eq >= 0 ? part[..eq] : part)] = eq >= 0 ? Uri.UnescapeDataString(part[(eq + 1)..]) : "";
        }

        return values;
    }

    /// <summary>Go's <c>strconv.ParseBool</c>, which Kratos uses for these query flags; absent means false.</summary>
    static bool GoBool(Dictionary<string, string> query, string name, string key)
    {
        if (!query.TryGetValue(name, out var value))
        {
            return false;
        }

        return value switch
        {
            "1" or "t" or "T" or "true" or "TRUE" or "True" => true,
            "0" or "f" or "F" or "false" or "FALSE" or "False" => false,
            _ => throw new StartupException($"{key}: the query parameter {name}=\"{value}\" is not true or false"),
        };
    }
}
