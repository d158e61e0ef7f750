using System.Text.Json;
using System.Text.Json.Nodes;

namespace Tessera.Text;

/// <summary>Kratos's <c>uiText</c>: UIs translate by <see cref="Id"/> and interpolate <see cref="Context"/>, so both are wire contract.</summary>
internal sealed record UiText(long Id, string Text, string Type, JsonObject? Context = null)
{
    public const string Info = "info";
    public const string Error = "error";
    public const string Success = "success";

    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteNumber("id", Id);
        writer.WriteString("text", Text);
        writer.WriteString("type", Type);
        if (Context is { Count: > 0 })
        {
            writer.WritePropertyName("context");
            Context.WriteTo(writer);
        }

        writer.WriteEndObject();
    }

    public JsonObject ToJsonObject()
    {
        var o = new JsonObject { ["id"] = Id, ["text"] = Text, ["type"] = Type };
        if (Context is { Count: > 0 })
        {
            o["context"] = Context.DeepClone();
        }

        return o;
    }

    /// <summary>Reads a text written by <see cref="WriteTo"/> (or by Kratos); the context is deep-cloned so the source stays untouched.</summary>
    public static UiText Parse(JsonNode node)
    {
        ArgumentNullException.ThrowIfNull(node);
        var o = node.AsObject();
        var context = o["context"] is JsonObject c && c.Count > 0 ? c.DeepClone().AsObject() : null;
        return new UiText(
            // A node built in memory may hold an int where parsed JSON holds a long: read the number's text.
            o["id"] is JsonValue id && long.TryParse(id.ToJsonString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) ? value : 0,
            o["text"]?.GetValue<string>() ?? "",
            o["type"]?.GetValue<string>() ?? Info,
            context);
    }

    /// <summary>Equal when id, text, type and context (deeply) are equal; records would compare the context by reference.</summary>
    public bool Equals(UiText? other) =>
        other is not null && Id == other.Id && Text == other.Text && Type == other.Type
        && JsonNode.DeepEquals(Context is { Count: > 0 } ? Context : null, other.Context is { Count: > 0 } ? other.Context : null);

    public override int GetHashCode() => HashCode.Combine(Id, Text, Type);
}
