using System.Buffers;
using System.Text.Json;

namespace Tessera.Hosting;

/// <summary>A JSON answer written straight to a Utf8JsonWriter (or already rendered): no reflection, exactly Kratos's fields.</summary>
internal sealed class JsonResponse : IResult
{
    readonly int _status;
    readonly Action<Utf8JsonWriter>? _write;
    readonly byte[]? _body;

    public JsonResponse(int status, Action<Utf8JsonWriter> write)
    {
        _status = status;
        _write = write;
    }

    /// <summary>An answer rendered earlier (a cached whoami).</summary>
    public JsonResponse(int status, byte[] body)
    {
        _status = status;
        _body = body;
    }

    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public static byte[] Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = _status;
        response.ContentType = "application/json; charset=utf-8";
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        var body = _body ?? Render(_write!);
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, httpContext.RequestAborted).ConfigureAwait(false);
    }

    public JsonResponse WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }
}
