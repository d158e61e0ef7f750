namespace Tessera.Courier.Templates.GoText;

/// <summary>A function failed; execution stops with "error calling NAME: message", as Go reports a returned error or panic.</summary>
internal sealed class FunctionException(string message) : Exception(message);
