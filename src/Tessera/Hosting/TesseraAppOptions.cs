namespace Tessera.Hosting;

/// <summary>What a caller other than `serve` may change: tests fake time and capture logs; `--dev` migrates.</summary>
internal sealed class TesseraAppOptions
{
    public bool Migrate { get; init; }

    public TimeProvider? Time { get; init; }

    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
