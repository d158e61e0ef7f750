using static Tessera.Courier.Templates.GoText.ParamKind;

namespace Tessera.Courier.Templates.GoText;

internal static partial class Sprig
{
    static void RegisterMaps(Dictionary<string, GoFunction> t)
    {
        FunctionTable.AddVariadic(t, "dict", Any, static (_, a) => Dict(a));
        FunctionTable.Add(t, "get", static (_, a) => a[0] is GoMap m && m.TryGet((string)a[1]!, out var v) ? v : "", Map, ParamKind.String);
        FunctionTable.Add(t, "set", static (_, a) => Set(a[0] as GoMap, (string)a[1]!, a[2]), Map, ParamKind.String, Any);
        FunctionTable.Add(t, "unset", static (_, a) => Unset(a[0] as GoMap, (string)a[1]!), Map, ParamKind.String);
        FunctionTable.Add(t, "hasKey", static (_, a) => a[0] is GoMap m && m.Entries.ContainsKey((string)a[1]!), Map, ParamKind.String);

        // Go ranges over a map in random order, so Sprig's keys and values come unordered; Tessera sorts them by key.
        FunctionTable.AddVariadic(t, "keys", Map, static (_, a) => a.OfType<GoMap>().SelectMany(m => m.SortedKeys).Cast<object?>().ToList());
        FunctionTable.Add(t, "values", static (_, a) => a[0] is GoMap m ? m.SortedKeys.Select(k => m.Entries[k]).ToList() : [], Map);
        FunctionTable.AddVariadic(t, "pick", ParamKind.String, static (_, a) => Pick(a[0] as GoMap, a.Skip(1).Cast<string>(), keep: true), Map);
        FunctionTable.AddVariadic(t, "omit", ParamKind.String, static (_, a) => Pick(a[0] as GoMap, a.Skip(1).Cast<string>(), keep: false), Map);
        FunctionTable.AddVariadic(t, "pluck", Map, static (_, a) => a.Skip(1).OfType<GoMap>().Where(m => m.Entries.ContainsKey((string)a[0]!)).Select(m => m.Entries[(string)a[0]!]).ToList(), ParamKind.String);
        FunctionTable.AddVariadic(t, "dig", Any, static (_, a) => Dig(a));
    }

    static GoMap Dict(object?[] args)
    {
        var map = new GoMap();
        for (var i = 0; i < args.Length; i += 2)
        {
            map.Entries[Strval(args[i])] = i + 1 < args.Length ? args[i + 1] : "";
        }

        return map;
    }

    static GoMap Set(GoMap? map, string key, object? value)
    {
        if (map is null)
        {
            throw new FunctionException("assignment to entry in nil map");
        }

        map.Entries[key] = value;
        return map;
    }

    static GoMap? Unset(GoMap? map, string key)
    {
        map?.Entries.Remove(key);
        return map;
    }

    static GoMap Pick(GoMap? map, IEnumerable<string> keys, bool keep)
    {
        var set = keys.ToHashSet(StringComparer.Ordinal);
        var result = new GoMap();
        if (map is not null)
        {
            foreach (var (key, value) in map.Entries)
            {
                if (set.Contains(key) == keep)
                {
                    result.Entries[key] = value;
                }
            }
        }

        return result;
    }

    /// <summary>dig "a" "b" default $map: $map.a.b, or the default when a key is missing on the way.</summary>
    static object? Dig(object?[] args)
    {
        if (args.Length < 3)
        {
            throw new FunctionException("dig needs at least three arguments");
        }

        if (args[^1] is not GoMap map)
        {
            throw new FunctionException($"interface conversion: interface {{}} is {GoValues.TypeName(args[^1])}, not map[string]interface {{}}");
        }

        var fallback = args[^2];
        object? current = map;
        for (var i = 0; i < args.Length - 2; i++)
        {
            if (args[i] is not string key)
            {
                throw new FunctionException($"interface conversion: interface {{}} is {GoValues.TypeName(args[i])}, not string");
            }

            if (current is not GoMap step || !step.TryGet(key, out current))
            {
                return fallback;
            }
        }

        return current;
    }
}
