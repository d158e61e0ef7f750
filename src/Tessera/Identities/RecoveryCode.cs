namespace Tessera.Identities;

/// <summary>One lookup_secret code in clear, and when it was spent (Kratos's <c>identityCredentialsLookupSecretCode</c>).</summary>
internal sealed record RecoveryCode(string Code, DateTimeOffset? UsedAt = null)
{
    public bool Used => UsedAt is not null;
}
