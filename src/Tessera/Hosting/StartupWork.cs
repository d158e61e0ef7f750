using Tessera.Config;

namespace Tessera.Hosting;

/// <summary>
/// Work that <c>serve</c> needs and that does not depend on the config, started on other cores as the process begins:
/// parsing Kratos's 138 KB config schema (for environment overrides and validation) and creating the ASP.NET Core
/// builder. Start-up is otherwise one thread long, and the time to the first served request is one of Tessera's
/// measured figures (docs/benchmarks.md).
/// </summary>
internal static class StartupWork
{
    static Task<WebApplicationBuilder>? _builder;

    public static void Begin()
    {
        _ = Task.Run(EnvironmentOverrides.Preload);
        _builder = Task.Run(NewBuilder);
    }

    /// <summary>
    /// The slim builder without its appsettings.json reload watch: Tessera is configured by kratos.yml, and the watch puts
    /// an inotify watch on the working directory (where the SQLite file often lives), taxing every write to it.
    /// </summary>
    public static WebApplicationBuilder NewBuilder() =>
        WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });

    /// <summary>The builder begun by <see cref="Begin"/>, or a new one; each is handed out once.</summary>
    public static WebApplicationBuilder TakeBuilder()
    {
        var begun = Interlocked.Exchange(ref _builder, null);
        return begun is null ? NewBuilder() : begun.GetAwaiter().GetResult();
    }

    /// <summary>
    /// A second after start-up, one compacting collection that hands free memory back to the OS: start-up builds large
    /// short-lived structures (Kratos's config schema compiled for validation, the courier templates' sources), and
    /// without it their pages stay resident for the life of the process (about 10 MB; see docs/benchmarks.md).
    /// </summary>
    public static void ReleaseStartupMemorySoon(CancellationToken ct) =>
        _ = Task.Delay(TimeSpan.FromSeconds(1), ct).ContinueWith(
            _ => GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true),
            CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
}
