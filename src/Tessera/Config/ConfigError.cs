namespace Tessera.Config;

/// <summary>
/// One problem with the configuration. <see cref="Key"/> is the dotted key path (<c>serve.public.port</c>),
/// <c>(root)</c> for the document itself, or the file name when the file could not be read at all.
/// </summary>
internal sealed record ConfigError(string Key, string Message)
{
    public override string ToString() => $"{Key}: {Message}";
}
