using System.CommandLine;
using Tessera.Cli;

// The Argon2id worker a server starts for each hashing thread: nothing else of the program is needed.
if (args is [Tessera.Hashing.Argon2Worker.Command])
{
    return Tessera.Hashing.Argon2Worker.Run(Console.OpenStandardInput(), Console.OpenStandardOutput());
}

// serve: config-independent start-up work begins on other cores while the command line and config are read.
if (args.Length > 0 && args[0] == "serve")
{
    Tessera.Hosting.StartupWork.Begin();
}

var root = new RootCommand("Tessera: an API-first identity server that speaks Ory Kratos's HTTP API.");
root.Subcommands.Add(ServeCommand.Create());
root.Subcommands.Add(MigrateCommand.Create());
root.Subcommands.Add(CourierCommand.Create());
root.Subcommands.Add(VersionCommand.Create());
return await root.Parse(args).InvokeAsync().ConfigureAwait(false);
