using System.Text.Json;

namespace Tessera.Hosting;

/// <summary>A JSON answer written straight to a Utf8JsonWriter: no reflection, and exactly the fields Kratos writes.</summary>
internal sealed class JsonResponse(int status, Action<Utf8JsonWriter> write) : IResult
{
    public Dictionary<string, string> Headers { get; } = new(StringComparer.OrdinalIgnoreCase);

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = status;
        response.ContentType = "application/json; charset=utf-8";
        foreach (var (name, value) in Headers)
        {
            response.Headers[name] = value;
        }

        using var buffer = new MemoryStream();
        await using (var writer = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            write(writer);
        }

        response.ContentLength = buffer.Length;
        await response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), httpContext.RequestAborted).ConfigureAwait(false);
    }

    public JsonResponse WithHeader(string name, string value)
    {
        Headers[name] = value;
        return this;
    }
}
