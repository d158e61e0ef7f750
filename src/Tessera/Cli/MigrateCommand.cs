using System.CommandLine;
using Tessera.Persistence;

namespace Tessera.Cli;

/// <summary><c>tessera migrate sql [DSN] [-e] [--yes]</c> (and <c>migrate sql up|status</c>), as Kratos names them.</summary>
internal static class MigrateCommand
{
    public static Command Create()
    {
        var sql = new Command("sql", "Apply the SQL migrations (alias of `migrate sql up`).");
        Configure(sql, statusOnly: false);
        var up = new Command("up", "Apply the SQL migrations.");
        Configure(up, statusOnly: false);
        var status = new Command("status", "Show which SQL migrations are applied.");
        Configure(status, statusOnly: true);
        sql.Subcommands.Add(up);
        sql.Subcommands.Add(status);
        var migrate = new Command("migrate", "Database migrations.");
        migrate.Subcommands.Add(sql);
        return migrate;
    }

    static void Configure(Command command, bool statusOnly)
    {
        var dsnArgument = new Argument<string?>("dsn") { Description = "The database DSN (postgres://…, sqlite://…).", Arity = ArgumentArity.ZeroOrOne };
        var readFromEnv = new Option<bool>("--read-from-env", "-e") { Description = "Read the DSN from the DSN environment variable or the config." };
        var yes = new Option<bool>("--yes", "-y") { Description = "Apply without asking." };
        var config = ConfigOptions.Config();
        command.Arguments.Add(dsnArgument);
        command.Options.Add(readFromEnv);
        command.Options.Add(yes);
        command.Options.Add(config);
        command.SetAction((parse, ct) => RunAsync(parse.GetValue(dsnArgument), parse.GetValue(readFromEnv), parse.GetValue(yes),
            parse.GetValue(config), statusOnly, ct));
    }

    static async Task<int> RunAsync(string? dsnText, bool fromEnv, bool yes, string[]? files, bool statusOnly, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(dsnText))
        {
            if (files is { Length: > 0 })
            {
                var config = ConfigOptions.Load(files, dev: false);
                if (config is null)
                {
                    return 1;
                }

                dsnText = config.Dsn;
            }
            else if (fromEnv)
            {
                dsnText = Environment.GetEnvironmentVariable("DSN");
            }
        }

        if (!Dsn.TryParse(dsnText, out var dsn, out var error))
        {
            Console.Error.WriteLine("migrate: " + error + (fromEnv || files is { Length: > 0 } ? "" : " (pass a DSN, -e with DSN set, or -c FILE)"));
            return 1;
        }

        await using var database = new Database(dsn);
        var migrator = new Migrator(database);
        IReadOnlyList<Migrator.Migration> pending;
        try
        {
            pending = await migrator.PendingAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or System.Net.Sockets.SocketException or TimeoutException)
        {
            Console.Error.WriteLine("migrate: cannot reach the database: " + e.Message);
            return 1;
        }

        foreach (var migration in migrator.All)
        {
            Console.WriteLine($"{migration.Version}  {migration.Name,-40} {(pending.Contains(migration) ? "Pending" : "Applied")}");
        }

        if (statusOnly || pending.Count == 0)
        {
            Console.WriteLine(pending.Count == 0 ? "The database is up to date." : $"{pending.Count} migrations are pending.");
            return 0;
        }

        if (!yes)
        {
            Console.Write($"Apply {pending.Count} migrations to {Dsn.Redact(dsnText!)}? [y/N] ");
            var answer = Console.ReadLine();
            if (answer is null || !answer.Trim().StartsWith('y'))
            {
                Console.WriteLine("Nothing applied.");
                return 1;
            }
        }

        var applied = await migrator.ApplyAsync(ct).ConfigureAwait(false);
        Console.WriteLine($"Applied {applied.Count} migrations.");
        return 0;
    }
}
