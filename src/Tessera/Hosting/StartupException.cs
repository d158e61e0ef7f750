namespace Tessera.Hosting;

/// <summary>The server cannot start as configured; the message names the key and the reason, and the process exits non-zero.</summary>
internal sealed class StartupException(string message) : Exception(message);
