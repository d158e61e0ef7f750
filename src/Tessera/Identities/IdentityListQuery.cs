namespace Tessera.Identities;

/// <summary>A page request for the identity list: keyset (<see cref="After"/>) or legacy offset, with at most one filter.</summary>
internal sealed record IdentityListQuery(int Limit, Guid? After = null, int Offset = 0, string? CredentialsIdentifier = null, IReadOnlyList<Guid>? Ids = null);
