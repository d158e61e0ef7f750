using System.CommandLine;

namespace Tessera.Cli;

internal static class ServeCommand
{
    public static Command Create()
    {
        var command = new Command("serve", "Run the public and admin APIs.");
        command.SetAction(_ => { Console.Error.WriteLine("serve: not built yet"); return 1; });
        return command;
    }
}
