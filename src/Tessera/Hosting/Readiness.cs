namespace Tessera.Hosting;

/// <summary>Whether the database schema was found current at start-up (or made so since).</summary>
internal sealed class Readiness
{
    public bool MigrationsApplied { get; set; }
}
