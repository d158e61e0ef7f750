namespace Tessera.Schemas;

/// <summary>A configured identity schema cannot be loaded; start-up stops with this message.</summary>
internal sealed class SchemaLoadException(string message) : Exception(message);
