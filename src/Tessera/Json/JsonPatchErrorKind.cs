namespace Tessera.Json;

internal enum JsonPatchErrorKind
{
    /// <summary>The patch itself is not a valid RFC 6902 document.</summary>
    InvalidPatch,

    /// <summary>An operation's <c>path</c> or <c>from</c> was rejected by the caller's filter.</summary>
    ForbiddenPath,

    /// <summary>An operation could not be applied: missing target, bad array index, move into itself.</summary>
    CannotApply,

    /// <summary>A <c>test</c> operation found a different value.</summary>
    TestFailed,
}
