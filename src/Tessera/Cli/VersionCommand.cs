using System.CommandLine;
using System.Reflection;

namespace Tessera.Cli;

internal static class VersionCommand
{
    public static string Version { get; } =
        typeof(VersionCommand).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";

    public static Command Create()
    {
        var command = new Command("version", "Print the version of this build.");
        command.SetAction(_ => Console.WriteLine($"Version:    {Version}"));
        return command;
    }
}
