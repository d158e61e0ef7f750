using System.Runtime.CompilerServices;
using Tessera.Jsonnet;
using Xunit;

namespace Tessera.Tests.Jsonnet;

/// <summary>Golden files: each program under Cases/ must print what the reference <c>jsonnet</c> CLI printed for it.</summary>
public sealed class JsonnetCaseTests
{
    public static TheoryData<string> Cases() => [.. Directory.EnumerateFiles(CasesFolder(), "*.jsonnet").Select(f => Path.GetFileNameWithoutExtension(f)!).Order()];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Program_prints_what_the_reference_implementation_prints(string name)
    {
        var folder = CasesFolder();
        var program = JsonnetProgram.Parse(File.ReadAllText(Path.Combine(folder, name + ".jsonnet")), name + ".jsonnet");
        Assert.Equal(File.ReadAllText(Path.Combine(folder, name + ".json")), program.Evaluate(cancellationToken: TestContext.Current.CancellationToken));
    }

    static string CasesFolder([CallerFilePath] string source = "")
    {
        var copied = Path.Combine(AppContext.BaseDirectory, "Jsonnet", "Cases");
        return Directory.Exists(copied) ? copied : Path.Combine(Path.GetDirectoryName(source)!, "Cases");
    }
}
