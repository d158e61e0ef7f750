using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Tessera.Courier;
using Tessera.Tests.Infrastructure;
using Xunit;

namespace Tessera.Tests.Courier;

/// <summary>Courier helpers over a running test server: the in-process queue, and the admin API read until a condition holds.</summary>
internal static class CourierTestServer
{
    public static CourierQueue Queue(this TesseraServer server) => server.Services.GetRequiredService<CourierQueue>();

    public static Task<Guid> EnqueueAsync(this TesseraServer server, CourierMessage message) =>
        server.Queue().EnqueueAsync(message, TestContext.Current.CancellationToken);

    public static CourierMessage Stub(string recipient, string subject = "Hello", string body = "Plain body", string? html = null) =>
        CourierMessage.Email(recipient, subject, body, html, "stub", new JsonObject { ["to"] = recipient, ["subject"] = subject, ["body"] = body });

    public static async Task<JsonObject> MessageAsync(this TesseraServer server, Guid id)
    {
        var (status, body, _) = await server.Admin.GetJsonAsync($"/admin/courier/messages/{id}");
        Assert.Equal(HttpStatusCode.OK, status);
        return body!.AsObject();
    }

    /// <summary>
    /// Reads the message until <paramref name="done"/> holds. With <paramref name="clock"/>, moves the fake clock on by
    /// <paramref name="tick"/> between reads, so a worker waiting for its next pull or a back-off gets there.
    /// </summary>
    public static async Task<JsonObject> UntilAsync(this TesseraServer server, Guid id, Func<JsonObject, bool> done, FakeTimeProvider? clock = null,
        TimeSpan? tick = null, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(30));
        JsonObject message;
        do
        {
            message = await server.MessageAsync(id);
            if (done(message))
            {
                return message;
            }

            clock?.Advance(tick ?? TimeSpan.FromMilliseconds(250));
            await Task.Delay(40);
        }
        while (DateTime.UtcNow < deadline);

        throw new TimeoutException($"message {id} never reached the expected state: {message.ToJsonString()}");
    }

    public static string Status(this JsonObject message) => message["status"]!.GetValue<string>();

    public static JsonArray Dispatches(this JsonObject message) => message["dispatches"] as JsonArray ?? [];

    public static int SendCount(this JsonObject message) => message["send_count"]!.GetValue<int>();
}
