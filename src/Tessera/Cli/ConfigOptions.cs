using System.Collections;
using System.CommandLine;
using Tessera.Config;

namespace Tessera.Cli;

/// <summary>The <c>-c/--config</c> and <c>--dev</c> options and the loading they share between commands.</summary>
internal static class ConfigOptions
{
    public static Option<string[]> Config() => new("--config", "-c")
    {
        Description = "Path to a config file (YAML or JSON); repeat to merge several, later files win.",
        AllowMultipleArgumentsPerToken = true,
    };

    public static Option<bool> Dev() => new("--dev")
    {
        Description = "Development mode: http base URLs, migrations applied at start, and without -c a built-in SQLite quick-start config.",
    };

    /// <summary>Loads and validates; prints every problem naming its key and returns null when the config is unusable.</summary>
    public static TesseraConfig? Load(string[]? files, bool dev)
    {
        files ??= [];
        if (files.Length == 0 && !dev && string.IsNullOrEmpty(System.Environment.GetEnvironmentVariable("DSN")))
        {
            Console.Error.WriteLine("No config file given: pass -c kratos.yml, or --dev to start with the built-in quick-start config.");
            return null;
        }

        var result = ConfigLoader.Load(files, EnvironmentVariables(), files.Length == 0 && dev ? DevDefaults.Config() : null);
        if (!result.IsValid)
        {
            Console.Error.WriteLine("The configuration is invalid:");
            foreach (var error in result.Errors)
            {
                Console.Error.WriteLine("  " + error);
            }

            return null;
        }

        var directory = files.Length > 0 ? Path.GetDirectoryName(Path.GetFullPath(files[0])) : null;
        return new TesseraConfig(result.Config, directory, dev);
    }

    static IEnumerable<KeyValuePair<string, string>> EnvironmentVariables()
    {
        foreach (DictionaryEntry entry in System.Environment.GetEnvironmentVariables())
        {
            yield return new KeyValuePair<string, string>((string)entry.Key, (string?)entry.Value ?? "");
        }
    }
}
