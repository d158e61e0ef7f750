using Tessera.Jsonnet.Syntax;

namespace Tessera.Jsonnet;

/// <summary>
/// Every way a Jsonnet program can fail: a syntax or static error from <see cref="JsonnetProgram.Parse"/>, or a runtime
/// error from <see cref="JsonnetProgram.Evaluate"/>. The message starts with <c>file:line:col</c> where the place is known.
/// </summary>
internal sealed class JsonnetException : Exception
{
    public JsonnetException()
        : this("Jsonnet evaluation failed")
    {
    }

    public JsonnetException(string message)
        : base(message)
    {
        Reason = message;
    }

    public JsonnetException(string message, Exception innerException)
        : base(message, innerException)
    {
        Reason = message;
    }

    JsonnetException(string reason, SourceLocation? location, bool isUserError, bool isStatic)
        : base(location is { } at ? $"{at}: {reason}" : reason)
    {
        Reason = reason;
        Location = location;
        IsUserError = isUserError;
        IsStaticError = isStatic;
    }

    /// <summary>The message without the location.</summary>
    public string Reason { get; }

    /// <summary>Where the failure happened, when known.</summary>
    public SourceLocation? Location { get; }

    public string? FileName => Location?.File;

    public int? Line => Location?.Line;

    public int? Column => Location?.Column;

    /// <summary>The program itself raised the failure with <c>error …</c> (or a failed <c>assert</c>).</summary>
    public bool IsUserError { get; }

    /// <summary>The value given to <c>error</c>, as a string; null for other failures.</summary>
    public string? UserMessage => IsUserError ? Reason : null;

    /// <summary>The program does not parse or refers to unknown variables: found before any evaluation.</summary>
    public bool IsStaticError { get; }

    internal static JsonnetException Static(string reason, SourceLocation at) => new(reason, at, isUserError: false, isStatic: true);

    internal static JsonnetException Runtime(string reason, SourceLocation? at) => new(reason, at, isUserError: false, isStatic: false);

    internal static JsonnetException User(string reason, SourceLocation? at) => new(reason, at, isUserError: true, isStatic: false);

    /// <summary>The same failure, placed at <paramref name="at"/> if it had no place yet.</summary>
    internal JsonnetException At(SourceLocation at) => Location is not null ? this : new(Reason, at, IsUserError, IsStaticError);
}
