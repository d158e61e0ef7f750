namespace Tessera.Sessions;

/// <summary>
/// A page of sessions ordered by id: keyset (<see cref="After"/>) or legacy offset. <see cref="Active"/> filters on the
/// computed state (flag, expiry and identity state) at <see cref="Now"/>.
/// </summary>
internal sealed record SessionListQuery(
    int Limit,
    DateTime Now,
    Guid? IdentityId = null,
    Guid? ExceptSessionId = null,
    bool? Active = null,
    Guid? After = null,
    int Offset = 0,
    bool WithDevices = false);
