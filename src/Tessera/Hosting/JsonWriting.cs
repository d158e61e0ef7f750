using System.Text.Encodings.Web;
using System.Text.Json;

namespace Tessera.Hosting;

internal static class JsonWriting
{
    /// <summary>Escapes like Go's encoder for JSON bodies (quotes as \", not \u0022), which Kratos clients compare against.</summary>
    public static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
