using Tessera.Config;
using Tessera.Flows;
using Tessera.Flows.Codes;
using Tessera.Identities;
using Tessera.Persistence;

namespace Tessera.Strategies.Code;

/// <summary>
/// One-time codes sent through the courier (API.md §6.3): recovery and verification by a 6-digit code, passwordless login
/// and registration (<c>passwordless_enabled</c>) and a second factor (<c>mfa_enabled</c>). A flow accepts at most
/// <c>max_submissions</c> codes, each code is used once, and codes expire after <c>lifespan</c>.
/// </summary>
internal sealed partial class CodeStrategy(
    TesseraConfig config,
    FlowOptions options,
    FlowFactory factory,
    FlowStore flows,
    OneTimeCodeStore codes,
    CodeMessages messages,
    CodeForms forms,
    IdentityStore identities,
    IdentityWriter writer,
    SecretDelivery delivery,
    Database database,
    Csrf csrf,
    TimeProvider time) : IRecoveryStrategy, IVerificationStrategy, ILoginStrategy, IRegistrationStrategy
{
    /// <summary>The AMR method of a session that recovery by code issued.</summary>
    public const string RecoveryMethod = "code_recovery";

    const string TooOften = "The request was submitted too often. Please request another code.";

    public string Id => CredentialsType.Code;

    public bool Enabled => ConfigNode.Bool(config.Root, "selfservice.methods.code.enabled", true);

    /// <summary><c>selfservice.methods.code.passwordless_enabled</c>: login (aal1) and registration by code.</summary>
    bool Passwordless => ConfigNode.Bool(config.Root, "selfservice.methods.code.passwordless_enabled", false);

    /// <summary><c>selfservice.methods.code.mfa_enabled</c>: a code as the second factor (aal2).</summary>
    bool Mfa => ConfigNode.Bool(config.Root, "selfservice.methods.code.mfa_enabled", false);

    public bool OffersAal(string aal) => aal == Sessions.Aal.Aal2 ? Mfa : Passwordless;

    CodeOptions Options { get; } = CodeOptions.From(config);

    DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }
}
