namespace Tessera.Courier.Templates.GoText;

/// <summary>A Go map[string]interface{}: what JSON objects, Identity, Traits and sprig's dict become.</summary>
internal sealed class GoMap
{
    public GoMap()
    {
    }

    public GoMap(IEnumerable<KeyValuePair<string, object?>> entries)
    {
        foreach (var (key, value) in entries)
        {
            Entries[key] = value;
        }
    }

    public Dictionary<string, object?> Entries { get; } = new(StringComparer.Ordinal);

    public int Count => Entries.Count;

    /// <summary>Keys in the order Go prints and ranges over them: sorted by bytes.</summary>
    public IEnumerable<string> SortedKeys => Entries.Keys.Order(StringComparer.Ordinal);

    public bool TryGet(string key, out object? value) => Entries.TryGetValue(key, out value);
}
