namespace Tessera.Identities;

/// <summary>Tells whoever keeps derived copies (the session cache) that an identity was changed or deleted on this node.</summary>
internal sealed class IdentityChanges
{
    public event Action<Guid>? Changed;

    public void Publish(Guid identityId) => Changed?.Invoke(identityId);
}
