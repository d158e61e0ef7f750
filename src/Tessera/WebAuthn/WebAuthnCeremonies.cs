using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Tessera.Errors;
using Tessera.Flows;
using Tessera.Identities;
using Tessera.Strategies;
using Tessera.Text;

namespace Tessera.WebAuthn;

/// <summary>
/// The steps the <c>webauthn</c> and <c>passkey</c> strategies share around one credential type's keyring: verifying a
/// new key's attestation, ending a login, adding and removing keys in settings, and writing the keyring back. Each
/// strategy holds one, with its relying party and the flow data key its ceremony options live under.
/// </summary>
internal sealed class WebAuthnCeremonies(RelyingParty party, UsedChallenges usedChallenges, IdentityWriter writer, string type, string sessionKey)
{
    public RelyingParty Party => party;

    /// <summary>The options of the ceremony the flow offered, kept server side; null when none was offered or one finished.</summary>
    public string? StoredOptions(Flow flow)
    {
        ArgumentNullException.ThrowIfNull(flow);
        return flow.Data[sessionKey] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
    }

    public WebAuthnKeyring Keyring(Identity identity)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return WebAuthnKeyring.Read(identity.Credentials.GetValueOrDefault(type));
    }

    /// <summary>
    /// Writes <paramref name="ring"/> into the identity's credential (made if missing) as version 1; a passkey's
    /// <paramref name="handle"/> becomes an identifier (its bytes read as UTF-8), as the login looks it up.
    /// </summary>
    public void Store(Identity identity, WebAuthnKeyring ring, byte[]? handle = null)
    {
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(ring);
        var now = writer.Now();
        if (!identity.Credentials.TryGetValue(type, out var credential))
        {
            credential = new Credential { Id = Persistence.RowId.New(), Type = type, CreatedAt = now };
            identity.Credentials[type] = credential;
        }

        if (handle is not null && Encoding.UTF8.GetString(handle) is var identifier && !credential.Identifiers.Contains(identifier))
        {
            credential.Identifiers.Add(identifier);
        }

        credential.Config = ring.ToJson();
        credential.Version = 1;
        credential.UpdatedAt = now;
    }

    /// <summary>
    /// Verifies the attestation a registration or settings submission carries against the flow's creation options: the
    /// new credential and those options, or the failure to answer (no options: 500 as Kratos; unreadable: 400).
    /// </summary>
    public async Task<(RegisteredPublicKeyCredential? Created, string? Options, StrategyOutcome? Failure)> VerifyRegistrationAsync(FlowContext context,
        string register, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (StoredOptions(context.Flow) is not { } stored)
        {
            return (null, null, StrategyOutcome.Failed(ApiErrors.Internal().WithReason("Expected WebAuthN in internal context to be an object.")));
        }

        if (WebAuthnResponse.ParseAttestation(register) is not { } response)
        {
            return (null, null, StrategyOutcome.Failed(ApiErrors.BadRequest("Unable to parse WebAuthn response.")));
        }

        var (created, error) = await party.FinishRegistrationAsync(response, stored, ct).ConfigureAwait(false);
        // Kratos answers 500 here; a response that does not verify (wrong origin, challenge, signature) is bad input.
        return created is null
            ? (null, null, StrategyOutcome.Failed(ApiErrors.BadRequest("Unable to create WebAuthn credential: " + error)))
            : (created, stored, null);
    }

    /// <summary>
    /// The end of a login: verifies <paramref name="response"/> against the flow's <paramref name="storedOptions"/> and
    /// the identity's keys (a regressed counter is stored as a clone warning, then refused), checks the identity is
    /// active, consumes the options and stores the key's new counter.
    /// </summary>
    /// <param name="userHandle">the user handle an assertion may name; null for the keyring's.</param>
    /// <param name="eligible">which of the identity's keys this login may use.</param>
    /// <param name="aal">the level the key proves.</param>
    public async Task<StrategyOutcome> FinishLoginAsync(FlowContext context, Identity identity, AuthenticatorAssertionRawResponse response,
        string storedOptions, byte[]? userHandle, Func<WebAuthnKey, bool> eligible, string aal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(identity);
        var ring = Keyring(identity);
        var (verdict, _) = await WebAuthnLogin.VerifyAsync(party, usedChallenges, response, storedOptions, context.Flow.ExpiresAt, ring,
            userHandle ?? ring.UserHandle, eligible, ct).ConfigureAwait(false);
        if (verdict == AssertionVerdict.CounterRegressed)
        {
            Store(identity, ring);
            await writer.UpdateAsync(identity, ct).ConfigureAwait(false);
        }

        if (verdict != AssertionVerdict.Verified)
        {
            context.Fail(Messages.WebAuthnLoginInvalid());
            return StrategyOutcome.Invalid;
        }

        if (identity.State != IdentityState.Active)
        {
            context.Fail(Messages.IdentityDisabled());
            return StrategyOutcome.Invalid;
        }

        context.Flow.Data.Remove(sessionKey);
        Store(identity, ring);
        await writer.UpdateAsync(identity, ct).ConfigureAwait(false);
        return StrategyOutcome.Succeeded(identity, type, aal);
    }

    /// <summary>
    /// Settings: adds <paramref name="key"/> to <paramref name="ring"/>, or refuses a key the identity has already (browsers
    /// honour excludeCredentials; this guards against clients that do not) with the message on <paramref name="registerNode"/>.
    /// </summary>
    public static bool TryAdd(FlowContext context, WebAuthnKeyring ring, WebAuthnKey key, string registerNode)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(ring);
        ArgumentNullException.ThrowIfNull(key);
        if (ring.Find(key.Id) is not null)
        {
            context.Ui.AddMessage(registerNode, Messages.Generic("this security key or passkey is already registered with your account"));
            return false;
        }

        ring.Keys.Add(key);
        return true;
    }

    /// <summary>
    /// Settings: removes the key named by its hex id (the credential goes with its last key), unless that would lock the
    /// identity out (the message on <paramref name="removeNode"/>). An identity without the credential, or without that
    /// key, is a bad request with <paramref name="unknownReason"/>.
    /// </summary>
    /// <param name="locksOut">whether losing this key would leave the identity without a first factor.</param>
    public StrategyOutcome RemoveKey(FlowContext context, Identity identity, string hexId, string removeNode, string unknownReason,
        Func<WebAuthnKey, bool> locksOut)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(identity);
        ArgumentNullException.ThrowIfNull(locksOut);
        if (!identity.Credentials.ContainsKey(type))
        {
            return StrategyOutcome.Failed(ApiErrors.BadRequest("You tried to remove a WebAuthn but you have no WebAuthn set up."));
        }

        var ring = Keyring(identity);
        var key = ring.Keys.FirstOrDefault(k => string.Equals(k.HexId, hexId, StringComparison.Ordinal));
        if (key is null)
        {
            return StrategyOutcome.Failed(ApiErrors.BadRequest(unknownReason));
        }

        if (locksOut(key))
        {
            context.Ui.AddMessage(removeNode, Messages.Generic("unable to remove this security key because it would lock you out of your account"));
            return StrategyOutcome.Invalid;
        }

        ring.Keys.Remove(key);
        if (ring.Keys.Count == 0)
        {
            identity.Credentials.Remove(type);
        }
        else
        {
            Store(identity, ring);
        }

        return StrategyOutcome.Updated(identity, type);
    }
}
