using System.Text;
using Tessera.Hosting;

namespace Tessera.Requests;

/// <summary>
/// Reads a template named by a <c>file://</c>, <c>base64://</c> or <c>http(s)://</c> URL, as Kratos's fetcher does: courier
/// templates and the Jsonnet bodies of outgoing requests.
/// </summary>
internal static class TemplateSource
{
    /// <exception cref="StartupException">The URL cannot be read; the message names the config key.</exception>
    public static async Task<string> ReadAsync(string key, string url, string? configDirectory, HttpClient http, CancellationToken ct)
    {
        if (url.StartsWith("base64://", StringComparison.Ordinal))
        {
            try
            {
                return Encoding.UTF8.GetString(DecodeBase64(url["base64://".Length..]));
            }
            catch (FormatException)
            {
                throw new StartupException($"{key}: \"{Shorten(url)}\" is not valid base64");
            }
        }

        if (url.StartsWith("http://", StringComparison.OrdinalIgnoreCase) || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase))
        {
            try
            {
                return await http.GetStringAsync(new Uri(url), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
            {
                throw new StartupException($"{key}: could not fetch {url}: {e.Message}");
            }
        }

        if (url.StartsWith("file://", StringComparison.Ordinal))
        {
            var path = Uri.UnescapeDataString(url["file://".Length..]);
            var resolved = Path.IsPathRooted(path) || configDirectory is null ? path : Path.Combine(configDirectory, path);
            if (!File.Exists(resolved))
            {
                throw new StartupException($"{key}: the file {path} does not exist");
            }

            return await File.ReadAllTextAsync(resolved, ct).ConfigureAwait(false);
        }

        throw new StartupException($"{key}: \"{Shorten(url)}\" must start with file://, base64://, http:// or https://");
    }

    /// <summary>Standard or URL-safe alphabet, padded or not.</summary>
    static byte[] DecodeBase64(string encoded)
    {
        var standard = encoded.Trim().Replace('-', '+').Replace('_', '/');
        standard += (standard.Length % 4) switch { 2 => "==", 3 => "=", _ => "" };
        return Convert.FromBase64String(standard);
    }

    public static string Shorten(string url) => url.Length > 60 ? url[..60] + "…" : url;
}
