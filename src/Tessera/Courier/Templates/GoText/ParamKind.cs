namespace Tessera.Courier.Templates.GoText;

/// <summary>The Go parameter type of a template function, which decides how arguments are checked and converted.</summary>
internal enum ParamKind
{
    /// <summary>interface{}: anything; a missing value arrives as null.</summary>
    Any,

    /// <summary>reflect.Value (the builtins): anything, and a missing value stays <see cref="Missing"/>.</summary>
    Value,
    String,
    Int,
    Float,
    Bool,

    /// <summary>map[string]interface{}: a <see cref="GoMap"/> or null.</summary>
    Map,
}
