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
        _builder = Task.Run(WebApplication.CreateSlimBuilder);
    }

    /// <summary>The builder begun by <see cref="Begin"/>, or a new one; each is handed out once.</summary>
    public static WebApplicationBuilder TakeBuilder()
    {
        var begun = Interlocked.Exchange(ref _builder, null);
        return begun is null ? WebApplication.CreateSlimBuilder() : begun.GetAwaiter().GetResult();
    }
}
