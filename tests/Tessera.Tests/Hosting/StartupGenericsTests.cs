using System.Collections;
using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Extensions.DependencyInjection;
using Tessera.Tests.Infrastructure;
using Xunit;

namespace Tessera.Tests.Hosting;

/// <summary>
/// src/Tessera/Hosting/StartupGenerics.rd.xml compiles ahead of time the generic types the container builds at start-up
/// (without it the native runtime's type loader builds them while the app starts). This runs a real Tessera, collects
/// every closed generic and array type its container resolved, and fails with the lines to add when one is not listed.
/// It reads the container's internals by reflection: test-only, and a container update that renames them fails here
/// with a message saying so.
/// </summary>
public sealed partial class StartupGenericsTests
{
    [Fact]
    public async Task Every_generic_type_the_container_builds_at_start_up_is_compiled_ahead_of_time()
    {
        await using var database = TestDatabase.Sqlite();
        await using var server = await TesseraServer.StartAsync(database);
        Assert.True((await server.Public.GetAsync("/health/ready")).IsSuccessStatusCode);
        await server.Public.GetAsync("/sessions/whoami");
        await server.Admin.GetAsync("/admin/identities");

        var listed = ListedTypes();
        var missing = ResolvedGenericTypes(server.Services)
            .Select(t => (Assembly: GenericDefinitionAssembly(t), Name: RdXmlName(t)))
            .Where(t => !listed.Contains((t.Assembly, t.Name)))
            .Distinct()
            .OrderBy(t => t.Assembly, StringComparer.Ordinal).ThenBy(t => t.Name, StringComparer.Ordinal)
            .ToList();

        Assert.True(missing.Count == 0, "add to src/Tessera/Hosting/StartupGenerics.rd.xml:\n" + string.Join('\n',
            missing.Select(m => $"    <Assembly Name=\"{m.Assembly}\"> <Type Name=\"{m.Name}\" Dynamic=\"Required All\" />")));
    }

    static HashSet<(string, string)> ListedTypes()
    {
        var file = Path.Combine(RepositoryRoot(), "src", "Tessera", "Hosting", "StartupGenerics.rd.xml");
        XNamespace ns = "http://schemas.microsoft.com/netfx/2013/01/metadata";
        return XDocument.Load(file).Descendants(ns + "Assembly")
            .SelectMany(a => a.Elements(ns + "Type").Select(t => ((string)a.Attribute("Name")!, (string)t.Attribute("Name")!)))
            .ToHashSet();
    }

    internal static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "src", "Tessera", "Tessera.csproj")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("the repository root was not found above " + AppContext.BaseDirectory);
    }

    /// <summary>Implementation types and enumerable arrays of every call site the root provider has built.</summary>
    static IEnumerable<Type> ResolvedGenericTypes(IServiceProvider services)
    {
        const BindingFlags Any = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance;
        var provider = Assert.IsType<ServiceProvider>(services);
        var factory = typeof(ServiceProvider).GetProperty("CallSiteFactory", Any)?.GetValue(provider)
            ?? throw new InvalidOperationException("ServiceProvider.CallSiteFactory is gone: update this test for the new container");
        var cache = factory.GetType().GetField("_callSiteCache", Any)?.GetValue(factory) as IEnumerable
            ?? throw new InvalidOperationException("CallSiteFactory._callSiteCache is gone: update this test for the new container");
        var found = new List<Type>();
        foreach (var entry in cache)
        {
            Visit(entry.GetType().GetProperty("Value")!.GetValue(entry)!, found);
        }

        return found.Where(t => t.IsConstructedGenericType || t.IsArray);

        static void Visit(object site, List<Type> found)
        {
            if (site.GetType().GetProperty("ImplementationType", Any)?.GetValue(site) is Type implementation)
            {
                found.Add(implementation);
            }

            if (site.GetType().GetProperty("ItemType", Any)?.GetValue(site) is Type item)
            {
                found.Add(item.MakeArrayType());
            }

            foreach (var name in new[] { "ServiceCallSites", "ParameterCallSites" })
            {
                foreach (var child in site.GetType().GetProperty(name, Any)?.GetValue(site) as IEnumerable ?? Array.Empty<object>())
                {
                    Visit(child, found);
                }
            }
        }
    }

    static string GenericDefinitionAssembly(Type type) => (type.IsArray ? type.GetElementType()! : type).Assembly.GetName().Name!;

    /// <summary>The type's name as rd.xml writes it: assembly-qualified type arguments without version, culture or key.</summary>
    static string RdXmlName(Type type) => AssemblyDetails().Replace(type.FullName!, "");

    [GeneratedRegex(", Version=[^,\\]]*, Culture=[^,\\]]*, PublicKeyToken=[0-9a-fnul]*")]
    private static partial Regex AssemblyDetails();
}
