using static Tessera.Courier.Templates.GoText.ParamKind;

namespace Tessera.Courier.Templates.GoText;

internal static partial class Sprig
{
    static void RegisterDefaults(Dictionary<string, GoFunction> t)
    {
        // default d given…: Sprig checks only the first "given" value; none at all also means "use the default".
        FunctionTable.AddVariadic(t, "default", Any, static (_, a) => a.Length < 2 || Empty(a[1]) ? a[0] : a[1], Any);
        FunctionTable.Add(t, "empty", static (_, a) => Empty(a[0]), Any);
        FunctionTable.AddVariadic(t, "coalesce", Any, static (_, a) => a.FirstOrDefault(v => !Empty(v)));
        FunctionTable.Add(t, "ternary", static (_, a) => (bool)a[2]! ? a[0] : a[1], Any, Any, ParamKind.Bool);
        FunctionTable.AddVariadic(t, "all", Any, static (_, a) => a.All(v => !Empty(v)));
        FunctionTable.AddVariadic(t, "any", Any, static (_, a) => a.Any(v => !Empty(v)));
        FunctionTable.Add(t, "fail", static (_, a) => throw new FunctionException((string)a[0]!), ParamKind.String);
        FunctionTable.Add(t, "hello", static (_, _) => "Hello!");
        FunctionTable.Add(t, "kindOf", static (_, a) => GoValues.KindName(a[0]), Any);
        FunctionTable.Add(t, "kindIs", static (_, a) => (string)a[0]! == GoValues.KindName(a[1]), ParamKind.String, Any);
        FunctionTable.Add(t, "typeOf", static (_, a) => a[0] is null ? "<nil>" : GoValues.TypeName(a[0]), Any);
        FunctionTable.Add(t, "typeIs", static (_, a) => (string)a[0]! == (a[1] is null ? "<nil>" : GoValues.TypeName(a[1])), ParamKind.String, Any);
        FunctionTable.Add(t, "deepEqual", static (_, a) => DeepEqual(a[0], a[1]), Any, Any);
    }
}
