using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Tessera.Tests.Infrastructure;

internal static class HttpJson
{
    public static async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> SendAsync(
        this HttpClient client, HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> GetJsonAsync(this HttpClient client, string path) =>
        client.SendAsync(HttpMethod.Get, path);

    public static Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> PostJsonAsync(this HttpClient client, string path, JsonNode body) =>
        client.SendAsync(HttpMethod.Post, path, body);

    public static string Unique(string prefix = "user") => $"{prefix}-{Guid.NewGuid():N}@example.com";

    public static JsonObject Obj(string json) => JsonNode.Parse(json)!.AsObject();

    public static JsonObject EmailIdentity(string email, JsonObject? credentials = null)
    {
        var body = new JsonObject { ["traits"] = new JsonObject { ["email"] = email } };
        if (credentials is not null)
        {
            body["credentials"] = credentials;
        }

        return body;
    }

    public static JsonObject Password(string password) => new() { ["password"] = new JsonObject { ["config"] = new JsonObject { ["password"] = password } } };

    public static JsonObject HashedPassword(string hash) => new() { ["password"] = new JsonObject { ["config"] = new JsonObject { ["hashed_password"] = hash } } };

}
