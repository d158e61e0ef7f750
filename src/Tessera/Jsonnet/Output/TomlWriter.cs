using System.Text;
using Tessera.Jsonnet.Evaluation;

namespace Tessera.Jsonnet.Output;

/// <summary>
/// <c>std.manifestTomlEx(value, indent)</c>: plain keys first, then tables (<c>[a.b]</c>) and arrays of tables
/// (<c>[[a]]</c>), each level indented; arrays inside values are written inline. Laid out as the reference does.
/// </summary>
internal static class TomlWriter
{
    public static string Write(Value value, string indent) => value is ObjectValue obj
        ? Table(obj, [], [], "", indent)
        : throw JsonnetException.Runtime($"TOML body must be an object. Got {value.TypeName}", null);

    static bool IsTableArray(Value v) => v is ArrayValue { Count: > 0 } array && array.Items.All(i => i.Force() is ObjectValue);

    static bool IsSection(Value v) => v is ObjectValue || IsTableArray(v);

    static string Table(ObjectValue table, List<string> path, List<object> indexedPath, string indent, string step)
    {
        var names = table.FieldNames(includeHidden: false);
        var pairs = names.Where(k => !IsSection(table.Get(k)))
            .Select(k => indent + Key(k) + " = " + Render(table.Get(k), [.. indexedPath, k], inline: false, indent, step));
        var sections = new List<string> { string.Join("\n", pairs) };
        foreach (var name in names.Where(k => IsSection(table.Get(k))))
        {
            var value = table.Get(name);
            List<string> childPath = [.. path, name];
            List<object> childIndexed = [.. indexedPath, name];
            if (value is ObjectValue child)
            {
                sections.Add(Header("[", childPath, "]", child, indent) + Table(child, childPath, childIndexed, indent + step, step));
            }
            else
            {
                var array = (ArrayValue)value;
                sections.Add(string.Join("\n\n", array.Items.Select((item, i) =>
                {
                    var element = (ObjectValue)item.Force();
                    return Header("[[", childPath, "]]", element, indent) + Table(element, childPath, [.. childIndexed, i], indent + step, step);
                })));
            }
        }

        return string.Join("\n\n", sections);
    }

    static string Header(string open, List<string> path, string close, ObjectValue table, string indent) =>
        indent + open + string.Join(".", path.Select(Key)) + close + (table.VisibleCount == 0 ? "" : "\n");

    static string Render(Value value, List<object> indexedPath, bool inline, string indent, string step)
    {
        switch (value)
        {
            case NullValue:
                throw JsonnetException.Runtime($"Tried to manifest \"null\" at {Path(indexedPath)}", null);
            case FunctionValue:
                throw JsonnetException.Runtime($"Tried to manifest function at {Path(indexedPath)}", null);
            case StringValue s:
                return JsonWriter.Escape(s.Value);
            case ArrayValue { Count: 0 }:
                return "[]";
            case ArrayValue array:
            {
                var inner = inline ? "" : indent + step;
                var separator = inline ? " " : "\n";
                var items = array.Items.Select((item, i) => inner + Render(item.Force(), [.. indexedPath, i], inline: true, "", step));
                return "[" + separator + string.Join("," + separator, items) + separator + (inline ? "" : indent) + "]";
            }

            case ObjectValue obj:
                return "{ " + string.Join(", ", obj.FieldNames(includeHidden: false)
                    .Select(k => Key(k) + " = " + Render(obj.Get(k), [.. indexedPath, k], inline: true, "", step))) + " }";
            default:
                return JsonWriter.ToText(value);
        }
    }

    /// <summary>A bare key when it only has letters, digits, <c>_</c> and <c>-</c>; otherwise a quoted one.</summary>
    static string Key(string key) => key.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-') ? key : JsonWriter.Escape(key);

    static string Path(List<object> indexedPath)
    {
        var text = new StringBuilder("[");
        for (var i = 0; i < indexedPath.Count; i++)
        {
            text.Append(i > 0 ? ", " : "").Append(indexedPath[i] is string s ? JsonWriter.Escape(s) : indexedPath[i].ToString());
        }

        return text.Append(']').ToString();
    }
}
