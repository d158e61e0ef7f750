using System.Text;
using Tessera.Jsonnet.Evaluation;

namespace Tessera.Jsonnet.Output;

/// <summary><c>std.manifestIni({main: {...}, sections: {name: {...}}})</c>: an array value repeats its key.</summary>
internal static class IniWriter
{
    public static string Write(ObjectValue ini)
    {
        var output = new StringBuilder();
        if (ini.TryGet("main") is { } main)
        {
            WriteSection(output, main);
        }

        if (ini.TryGet("sections") is { } sectionsValue)
        {
            var sections = sectionsValue as ObjectValue ?? throw JsonnetException.Runtime("std.manifestIni: sections must be an object", null);
            foreach (var name in sections.FieldNames(includeHidden: false))
            {
                output.Append('[').Append(name).Append("]\n");
                WriteSection(output, sections.Get(name));
            }
        }

        return output.ToString();
    }

    static void WriteSection(StringBuilder output, Value section)
    {
        var obj = section as ObjectValue ?? throw JsonnetException.Runtime($"std.manifestIni: a section must be an object, got {section.TypeName}", null);
        foreach (var key in obj.FieldNames(includeHidden: false))
        {
            var value = obj.Get(key);
            var values = value is ArrayValue array ? array.Items.Select(i => i.Force()) : [value];
            foreach (var item in values)
            {
                output.Append(key).Append(" = ").Append(JsonWriter.ToText(item)).Append('\n');
            }
        }
    }
}
