namespace Tessera.Hosting;

/// <summary>What a caller other than `serve` may change: tests fake time and capture logs; `--dev` migrates.</summary>
internal sealed class TesseraAppOptions
{
    public bool Migrate { get; init; }

    public TimeProvider? Time { get; init; }

    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }

    /// <summary>The credential rate limit (<c>BURST/PER_SECOND</c> or <c>off</c>); null reads TESSERA_CREDENTIAL_RATE_LIMIT.</summary>
    public string? CredentialRateLimit { get; init; }

    /// <summary>Whether this process runs the courier worker (<c>serve</c> does unless <c>--watch-courier=false</c>).</summary>
    public bool WatchCourier { get; init; } = true;
}
