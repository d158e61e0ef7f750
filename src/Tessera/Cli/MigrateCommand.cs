using System.CommandLine;

namespace Tessera.Cli;

internal static class MigrateCommand
{
    public static Command Create()
    {
        var command = new Command("migrate", "Database migrations.");
        return command;
    }
}
