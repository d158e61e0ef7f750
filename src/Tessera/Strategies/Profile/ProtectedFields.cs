using Tessera.Identities;

namespace Tessera.Strategies.Profile;

/// <summary>
/// What a profile change may only touch with a privileged session (Kratos's identity manager check): the credential
/// identifiers derived from the traits, and the verifiable and recovery addresses.
/// </summary>
internal static class ProtectedFields
{
    public static bool Changed(Identity before, Identity after) =>
        !SameIdentifiers(before, after)
        || !SameSet(before.VerifiableAddresses.Select(a => (a.Via, a.Value)), after.VerifiableAddresses.Select(a => (a.Via, a.Value)))
        || !SameSet(before.RecoveryAddresses.Select(a => (a.Via, a.Value)), after.RecoveryAddresses.Select(a => (a.Via, a.Value)));

    static bool SameIdentifiers(Identity before, Identity after)
    {
        var types = before.Credentials.Keys.Union(after.Credentials.Keys, StringComparer.Ordinal);
        return types.All(type => SameSet(
            before.Credentials.GetValueOrDefault(type)?.Identifiers.Select(i => (type, i)) ?? [],
            after.Credentials.GetValueOrDefault(type)?.Identifiers.Select(i => (type, i)) ?? []));
    }

    static bool SameSet(IEnumerable<(string, string)> a, IEnumerable<(string, string)> b) => a.ToHashSet().SetEquals(b);
}
