namespace Tessera.Courier.Templates.GoText;

/// <summary>
/// A Go struct such as Kratos's <c>*email.RecoveryCodeValidModel</c>: named fields in order, each with its JSON name.
/// Unlike a map, asking for a field it does not have is an error ("can't evaluate field X in type …").
/// </summary>
internal sealed class GoStruct(string typeName)
{
    readonly List<(string Name, string JsonName, object? Value)> _fields = [];

    public string TypeName { get; } = typeName;

    public IReadOnlyList<(string Name, string JsonName, object? Value)> Fields => _fields;

    public GoStruct Add(string name, string jsonName, object? value)
    {
        _fields.Add((name, jsonName, value));
        return this;
    }

    public bool TryGet(string name, out object? value)
    {
        foreach (var field in _fields)
        {
            if (field.Name == name)
            {
                value = field.Value;
                return true;
            }
        }

        value = null;
        return false;
    }
}
