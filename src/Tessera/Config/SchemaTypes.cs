namespace Tessera.Config;

/// <summary>The JSON types a schema node allows; <see cref="None"/> when the schema does not say.</summary>
[Flags]
internal enum SchemaTypes
{
    None = 0,
    Object = 1,
    Array = 2,
    String = 4,
    Integer = 8,
    Number = 16,
    Boolean = 32,
    Null = 64,
}
