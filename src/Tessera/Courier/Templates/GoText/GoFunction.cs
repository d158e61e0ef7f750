namespace Tessera.Courier.Templates.GoText;

/// <summary>A template function: its Go signature and its body. Bodies signal failure with <see cref="FunctionException"/>.</summary>
internal sealed record GoFunction(string Name, ParamKind[] Params, ParamKind? Variadic, Func<FunctionContext, object?[], object?> Invoke);
