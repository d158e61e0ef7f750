using System.Net;
using System.Net.Sockets;

namespace Tessera.Tests.Infrastructure;

internal static class FreePort
{
    /// <summary>A loopback port the OS just handed out; base URLs must name real ports, so tests pick them first.</summary>
    public static int Next()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
