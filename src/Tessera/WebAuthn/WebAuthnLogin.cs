using Fido2NetLib;

namespace Tessera.WebAuthn;

/// <summary>What checking an assertion against a keyring found.</summary>
internal enum AssertionVerdict
{
    /// <summary>
    /// The signature, challenge, origin and counter are right and the challenge was not used before; the key's counter and
    /// backup state are updated.
    /// </summary>
    Verified,

    /// <summary>The assertion names no key of the keyring that may be used here.</summary>
    UnknownKey,

    /// <summary>The key is known but the assertion does not verify, or its challenge answered a login already.</summary>
    Refused,

    /// <summary>The assertion verifies but its sign counter did not move on: refused, and the key marked with a clone warning.</summary>
    CounterRegressed,
}

/// <summary>The login half that webauthn and passkey share: find the key, verify, record the new counter.</summary>
internal static class WebAuthnLogin
{
    /// <param name="userHandle">the user handle an assertion may name (the one the identity was found by, or the keyring's).</param>
    /// <param name="expiresAt">when the flow that holds <paramref name="storedOptions"/> expires.</param>
    public static async Task<(AssertionVerdict Verdict, WebAuthnKey? Key)> VerifyAsync(RelyingParty party, UsedChallenges usedChallenges,
        AuthenticatorAssertionRawResponse response, string storedOptions, DateTime expiresAt, WebAuthnKeyring ring, byte[]? userHandle,
        Func<WebAuthnKey, bool> eligible, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(usedChallenges);
        ArgumentNullException.ThrowIfNull(party);
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(ring);
        var key = ring.Find(response.RawId);
        if (key is null || !eligible(key))
        {
            return (AssertionVerdict.UnknownKey, null);
        }

        var (result, _, regressed) = await party.FinishLoginAsync(response, storedOptions, key, userHandle, ct).ConfigureAwait(false);
        if (regressed)
        {
            // W3C WebAuthn §6.1.1: a counter that does not increase may mean a cloned authenticator.
            key.CloneWarning = true;
            return (AssertionVerdict.CounterRegressed, key);
        }

        // A challenge answers one login, even when two submissions of this assertion race (see UsedChallenges).
        if (result is null || !await usedChallenges.TryUseAsync(storedOptions, expiresAt, ct).ConfigureAwait(false))
        {
            return (AssertionVerdict.Refused, key);
        }

        // Only ever move the counter forward; the backup state is the one flag that may change over a key's life.
        key.SignCount = Math.Max(key.SignCount, result.SignCount);
        key.BackupState = result.IsBackedUp;
        return (AssertionVerdict.Verified, key);
    }
}
