namespace Tessera.Jsonnet.Output;

/// <summary>How <see cref="JsonWriter"/> lays JSON out; the presets are the forms Jsonnet itself produces.</summary>
internal sealed record JsonStyle(string Indent, string Newline, string ItemSeparator, string KeyValueSeparator, bool CompactEmpty)
{
    /// <summary>What the <c>jsonnet</c> CLI prints: three-space indent, <c>{ }</c> for empty containers.</summary>
    public static readonly JsonStyle Cli = new("   ", "\n", ",", ": ", CompactEmpty: true);

    /// <summary><c>std.toString</c> and string concatenation: one line, <c>{"a": 1, "b": [1, 2]}</c>.</summary>
    public static readonly JsonStyle Text = new("", "", ", ", ": ", CompactEmpty: true);

    /// <summary><c>std.manifestJsonMinified</c>.</summary>
    public static readonly JsonStyle Minified = new("", "", ",", ":", CompactEmpty: false);

    /// <summary><c>std.manifestJsonEx(value, indent, newline, key_val_sep)</c>.</summary>
    public static JsonStyle Ex(string indent, string newline, string keyValueSeparator) => new(indent, newline, ",", keyValueSeparator, false);
}
