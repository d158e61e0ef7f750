using Tessera.Jsonnet.Evaluation;
using Tessera.Jsonnet.Output;

namespace Tessera.Jsonnet.Std;

internal static partial class StdLibrary
{
    static void DefineManifests(Definer std)
    {
        std.Function("manifestJson", ["value"], a => Str(JsonWriter.Write(a[0], JsonStyle.Ex("    ", "\n", ": "))));
        std.Function("manifestJsonEx", ["value", "indent", "newline", "key_val_sep"],
            a => Str(JsonWriter.Write(a[0], JsonStyle.Ex(a.String(1), a.String(2), a.String(3)))), Str("\n"), Str(": "));
        std.Function("manifestJsonMinified", ["value"], a => Str(JsonWriter.Write(a[0], JsonStyle.Minified)));
        std.Function("manifestYamlDoc", ["value", "indent_array_in_object", "quote_keys"],
            a => Str(YamlWriter.Write(a[0], a.Boolean(1), a.Boolean(2))), BooleanValue.False, BooleanValue.True);
        std.Function("manifestYamlStream", ["value", "indent_array_in_object", "c_document_end"], a =>
        {
            var documents = a.Array(0).Items.Select(d => YamlWriter.Write(d.Force(), a.Boolean(1), quoteKeys: true));
            return Str("---\n" + string.Join("\n---\n", documents) + (a.Boolean(2) ? "\n...\n" : "\n"));
        }, BooleanValue.False, BooleanValue.True);
        std.Function("manifestPython", ["v"], a => Str(PythonWriter.Write(a[0])));
        std.Function("manifestPythonVars", ["conf"], a => Str(PythonWriter.WriteVariables(a.Object(0))));
        std.Function("manifestIni", ["ini"], a => Str(IniWriter.Write(a.Object(0))));
        std.Function("manifestXmlJsonml", ["value"], a => Str(XmlJsonmlWriter.Write(a[0])));
        std.Function("manifestToml", ["toml"], a => Str(TomlWriter.Write(a[0], "  ")));
        std.Function("manifestTomlEx", ["toml", "indent"], a => Str(TomlWriter.Write(a[0], a.String(1))));
    }
}
