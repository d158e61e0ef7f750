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

    /// <summary>How long one attempt of a web hook may take (Kratos's client: 30 s); tests shorten it.</summary>
    public TimeSpan WebHookTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The wait before a web hook's first retry, doubled for the second (Kratos's client: 1 s); tests shorten it.</summary>
    public TimeSpan WebHookRetryWait { get; init; } = TimeSpan.FromSeconds(1);
}
