using Tessera.Config;
using Tessera.Flows;
using Tessera.Flows.Codes;
using Tessera.Identities;
using Tessera.Persistence;

namespace Tessera.Strategies.Code;

/// <summary>
/// One-time codes sent through the courier: recovery and verification by a 6-digit code. (Login and registration by
/// code are not built yet.) A flow accepts at most <c>max_submissions</c> codes, each code is used once, and codes
/// expire after <c>lifespan</c>.
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
    SecretDelivery delivery,
    Database database,
    Csrf csrf,
    TimeProvider time) : IRecoveryStrategy, IVerificationStrategy
{
    /// <summary>The AMR method of a session that recovery by code issued.</summary>
    public const string RecoveryMethod = "code_recovery";

    const string TooOften = "The request was submitted too often. Please request another code.";

    public string Id => CredentialsType.Code;

    public bool Enabled => ConfigNode.Bool(config.Root, "selfservice.methods.code.enabled", true);

    CodeOptions Options { get; } = CodeOptions.From(config);

    DateTime Now()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return new DateTime(now.Ticks - now.Ticks % 10, DateTimeKind.Utc);
    }
}
