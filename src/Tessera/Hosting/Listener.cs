using Microsoft.AspNetCore.Connections.Features;

namespace Tessera.Hosting;

/// <summary>Which of the two listeners a request came in on, marked on the connection by Kestrel (never from the Host header).</summary>
internal enum Listener
{
    Public,
    Admin,
}

internal static class ListenerExtensions
{
    public const string ItemKey = "tessera.listener";

    public static Listener GetListener(this HttpContext context) =>
        context.Features.Get<IConnectionItemsFeature>()?.Items.TryGetValue(ItemKey, out var value) == true && value is Listener l
            ? l
            : Listener.Public;
}
