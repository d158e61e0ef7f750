using System.Security.Cryptography;
using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Flows;
using Tessera.Identities;
using Tessera.Security;

namespace Tessera.Strategies.LookupSecret;

/// <summary>
/// Backup recovery codes (API.md §6.5, FLOWS.md §7.6): twelve single-use codes made in settings and spent as a second
/// factor at login (aal2 only). The codes are sealed with <see cref="Cipher"/> in the pending settings flow and in the
/// credential (<see cref="LookupSecretConfig"/>); a code is spent in one transaction, so it works exactly once.
/// </summary>
internal sealed partial class LookupSecretStrategy(
    TesseraConfig config,
    Cipher cipher,
    IdentityStore identities,
    IdentityWriter writer,
    FlowLoader loader,
    TimeProvider time) : ILoginStrategy, ISettingsStrategy
{
    /// <summary>Kratos's count and shape: twelve codes of eight lowercase letters and digits.</summary>
    public const int CodeCount = 12;

    public const int CodeLength = 8;

    const string Alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";

    public string Id => CredentialsType.LookupSecret;

    public bool Enabled => ConfigNode.Bool(config.Root, "selfservice.methods.lookup_secret.enabled", false);

    public bool OffersAal(string aal) => aal == Sessions.Aal.Aal2;

    /// <summary>New codes from the CSPRNG, each character drawn uniformly from <see cref="Alphabet"/>.</summary>
    static List<RecoveryCode> NewCodes()
    {
        var codes = new List<RecoveryCode>(CodeCount);
        for (var i = 0; i < CodeCount; i++)
        {
            codes.Add(new RecoveryCode(RandomNumberGenerator.GetString(Alphabet, CodeLength)));
        }

        return codes;
    }

    /// <summary>Whether the identity has codes to use (Kratos counts a credential with at least one code, used or not).</summary>
    static bool HasCodes(Identity identity) =>
        identity.Credentials.TryGetValue(CredentialsType.LookupSecret, out var credential)
        && credential.Config[LookupSecretConfig.CodesKey] is JsonArray { Count: > 0 };
}
