using Tessera.Identities;

namespace Tessera.Sessions;

/// <summary>A session as stored. <see cref="Active"/> is the stored flag; whether it is usable also depends on time and the identity.</summary>
internal sealed class Session
{
    public Guid Id { get; set; }

    public Guid IdentityId { get; set; }

    public bool Active { get; set; }

    public DateTime AuthenticatedAt { get; set; }

    public DateTime IssuedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public List<AuthenticationMethod> AuthenticationMethods { get; set; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    /// <summary>The owner's state, read with every session so <c>active</c> can be computed without loading the identity.</summary>
    public string IdentityState { get; set; } = Identities.IdentityState.Active;

    /// <summary>The highest AAL the owner has set up (the <c>identities.available_aal</c> column); null when unknown.</summary>
    public string? IdentityAvailableAal { get; set; }

    /// <summary>SHA-256 (hex) of the logout token; compared, never returned.</summary>
    public string LogoutTokenHash { get; set; } = "";

    public Identity? Identity { get; set; }

    public List<SessionDevice> Devices { get; set; } = [];

    public string AuthenticatorAssuranceLevel => Aal.FromMethods(AuthenticationMethods);

    /// <summary>Kratos's computed <c>active</c>: the stored flag, not expired, and the identity active.</summary>
    public bool IsActiveAt(DateTime now) =>
        Active && ExpiresAt > now && (Identity?.State ?? IdentityState) == Identities.IdentityState.Active;
}

/// <summary>One entry of the session's AMR (<c>authentication_methods[]</c>).</summary>
internal sealed record AuthenticationMethod(
    string Method,
    string Aal,
    DateTime CompletedAt,
    string? Provider = null,
    string? Organization = null,
    string? UpstreamAcr = null,
    IReadOnlyList<string>? UpstreamAmr = null);

internal sealed class SessionDevice
{
    public Guid Id { get; set; }

    public Guid SessionId { get; set; }

    public Guid IdentityId { get; set; }

    public string IpAddress { get; set; } = "";

    public string UserAgent { get; set; } = "";

    public string Location { get; set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }
}
