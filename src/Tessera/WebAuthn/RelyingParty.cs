using System.Text.Json.Nodes;
using Fido2NetLib;
using Fido2NetLib.Objects;
using Tessera.Config;

namespace Tessera.WebAuthn;

/// <summary>
/// The relying party of one method (<c>selfservice.methods.webauthn.config</c> or <c>…passkey.config</c>, API.md §15):
/// its id, name and allowed origins (<c>rp.origins</c>, else <c>rp.origin</c>, else the public URL's scheme with the
/// RP id, as Kratos defaults them), and the Fido2 ceremonies run against it. The options a ceremony starts with are kept
/// server-side in the flow and handed back to finish it, so a challenge only ever serves the flow that issued it.
/// </summary>
internal sealed class RelyingParty
{
    readonly Fido2 _fido2;

    public RelyingParty(TesseraConfig config, string section, AuthenticatorSelection selection, AttestationConveyancePreference attestation,
        TimeSpan? registrationTimeout = null, TimeSpan? loginTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(config);
        Id = ConfigNode.String(config.Root, section + ".rp.id") is { Length: > 0 } id ? id : config.Public.BaseUrl.Host;
        DisplayName = ConfigNode.String(config.Root, section + ".rp.display_name") is { Length: > 0 } name ? name : Id;
        var origins = ConfigNode.Strings(config.Root, section + ".rp.origins").Where(o => o.Length > 0).ToList();
        if (origins.Count == 0)
        {
            origins.Add(ConfigNode.String(config.Root, section + ".rp.origin") is { Length: > 0 } origin
                ? origin
                : config.Public.BaseUrl.Scheme + "://" + Id);
        }

        Origins = origins.Select(o => o.TrimEnd('/')).ToHashSet(StringComparer.Ordinal);
        Selection = selection;
        Attestation = attestation;
        RegistrationTimeout = registrationTimeout ?? DefaultTimeout;
        LoginTimeout = loginTimeout ?? DefaultTimeout;
        _fido2 = new Fido2(new Fido2Configuration
        {
            RPID = Id,
            RPName = DisplayName,
            Origins = Origins,
            Timeout = (uint)RegistrationTimeout.TotalMilliseconds,
        }, null!);
    }

    /// <summary>go-webauthn's default ceremony timeout, which Kratos keeps unless passkey timeouts are configured.</summary>
    static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(5);

    public string Id { get; }

    public string DisplayName { get; }

    public IReadOnlySet<string> Origins { get; }

    public AuthenticatorSelection Selection { get; }

    public AttestationConveyancePreference Attestation { get; }

    public TimeSpan RegistrationTimeout { get; }

    public TimeSpan LoginTimeout { get; }

    public UserVerificationRequirement UserVerification => Selection.UserVerification;

    /// <summary>Creation options for <paramref name="userHandle"/>, excluding the keys already registered.</summary>
    public CredentialCreateOptions BeginRegistration(byte[] userHandle, string? userName, IEnumerable<WebAuthnKey> exclude)
    {
        var options = _fido2.RequestNewCredential(new RequestNewCredentialParams
        {
            // Kratos names the user after the relying party unless it knows better (a passkey display name).
            User = new Fido2User { Id = userHandle, Name = userName ?? DisplayName, DisplayName = userName ?? DisplayName },
            ExcludeCredentials = [.. exclude.Select(k => new PublicKeyCredentialDescriptor(k.Id))],
            AuthenticatorSelection = Selection,
            AttestationPreference = Attestation,
        });
        options.Timeout = (ulong)RegistrationTimeout.TotalMilliseconds;
        return options;
    }

    /// <summary>Request options allowing <paramref name="allowed"/> (none: a discoverable credential of any user).</summary>
    public AssertionOptions BeginLogin(IEnumerable<WebAuthnKey> allowed)
    {
        var options = _fido2.GetAssertionOptions(new GetAssertionOptionsParams
        {
            AllowedCredentials = [.. allowed.Select(k => new PublicKeyCredentialDescriptor(k.Id))],
            UserVerification = UserVerification,
        });
        options.Timeout = (ulong)LoginTimeout.TotalMilliseconds;
        return options;
    }

    /// <summary>What the helper script and the node values carry: the options wrapped as <c>{"publicKey": …}</c>.</summary>
    public static string Wrap(string optionsJson) => new JsonObject { ["publicKey"] = JsonNode.Parse(optionsJson) }.ToJsonString();

    /// <summary>Verifies a registration against the options the flow kept; the new credential, or why it was refused.</summary>
    public async Task<(RegisteredPublicKeyCredential? Credential, string? Error)> FinishRegistrationAsync(
        AuthenticatorAttestationRawResponse response, string storedOptions, CancellationToken ct)
    {
        try
        {
            var options = CredentialCreateOptions.FromJson(storedOptions);
            var credential = await _fido2.MakeNewCredentialAsync(new MakeNewCredentialParams
            {
                AttestationResponse = response,
                OriginalOptions = options,
                // Uniqueness within the identity is checked by the strategy, which knows the stored keys.
                IsCredentialIdUniqueToUserCallback = static (_, _) => Task.FromResult(true),
            }, ct).ConfigureAwait(false);
            return (credential, null);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Fido2 refuses with its own exception, but malformed CBOR or keys can surface as others: all are bad input.
            return (null, e.Message);
        }
    }

    /// <summary>
    /// Verifies an assertion for <paramref name="key"/> against the options the flow kept: challenge, origin, RP id,
    /// user presence and verification as required, the signature, and a sign counter that moved on from the stored one.
    /// </summary>
    /// <returns>the result, or the reason and whether the refusal was a sign counter that did not move on (a possible clone).</returns>
    public async Task<(VerifyAssertionResult? Result, string? Error, bool CounterRegressed)> FinishLoginAsync(AuthenticatorAssertionRawResponse response,
        string storedOptions, WebAuthnKey key, byte[]? userHandle, CancellationToken ct)
    {
        try
        {
            var options = AssertionOptions.FromJson(storedOptions);
            var result = await _fido2.MakeAssertionAsync(new MakeAssertionParams
            {
                AssertionResponse = response,
                OriginalOptions = options,
                StoredPublicKey = key.PublicKey,
                StoredSignatureCounter = key.SignCount,
                IsUserHandleOwnerOfCredentialIdCallback = (args, _) =>
                    Task.FromResult(userHandle is not null && args.UserHandle.AsSpan().SequenceEqual(userHandle)),
            }, ct).ConfigureAwait(false);
            return (result, null, false);
        }
        catch (Fido2VerificationException e) when (e.Code == Fido2NetLib.Exceptions.Fido2ErrorCode.InvalidSignCount)
        {
            return (null, e.Message, true);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return (null, e.Message, false);
        }
    }
}
