using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Schemas;

namespace Tessera.Identities;

/// <summary>What the schema's extension derives from a set of traits: identifiers per credential type and addresses.</summary>
internal sealed class TraitFacts
{
    public List<string> PasswordIdentifiers { get; } = [];

    public List<string> WebAuthnIdentifiers { get; } = [];

    public List<(string Channel, string Address)> CodeAddresses { get; } = [];

    /// <summary>The name a new passkey is offered under: the first trait marked <c>passkey.display_name</c>, else the first webauthn identifier.</summary>
    public string? PasskeyDisplayName { get; private set; }

    public List<(string Via, string Value)> VerifiableAddresses { get; } = [];

    public List<(string Via, string Value)> RecoveryAddresses { get; } = [];

    /// <summary>The value of the first trait marked <c>credentials.totp.account_name</c>, as given (TOTP's account name).</summary>
    public string? TotpAccountName { get; private set; }

    public static TraitFacts Extract(IdentitySchema schema, JsonObject traits)
    {
        var facts = new TraitFacts();
        foreach (var trait in schema.Extensions)
        {
            var ext = trait.Extension;
            foreach (var raw in ValuesAt(traits, trait.Path, 0))
            {
                if (ext.TotpAccountName && facts.TotpAccountName is null)
                {
                    facts.TotpAccountName = raw;
                }

                if (ext.PasswordIdentifier)
                {
                    AddOnce(facts.PasswordIdentifiers, IdentifierNormalizer.Normalize(raw));
                }

                if (ext.WebAuthnIdentifier)
                {
                    AddOnce(facts.WebAuthnIdentifiers, IdentifierNormalizer.Normalize(raw));
                }

                if (ext.PasskeyDisplayName && facts.PasskeyDisplayName is null)
                {
                    facts.PasskeyDisplayName = raw;
                }

                if (ext.CodeIdentifier && ext.CodeVia is { } codeVia)
                {
                    AddOnce(facts.CodeAddresses, (codeVia, Address(codeVia, raw)));
                }

                if (ext.VerificationVia is { } verifyVia)
                {
                    AddOnce(facts.VerifiableAddresses, (verifyVia, Address(verifyVia, raw)));
                }

                if (ext.RecoveryVia is { } recoveryVia)
                {
                    AddOnce(facts.RecoveryAddresses, (recoveryVia, Address(recoveryVia, raw)));
                }
            }
        }

        facts.PasskeyDisplayName ??= facts.WebAuthnIdentifiers.FirstOrDefault();
        return facts;
    }

    /// <summary>Addresses are stored normalized: emails folded and lower-cased, phone numbers as E.164.</summary>
    public static string Address(string via, string value) =>
        via == "sms" ? IdentifierNormalizer.ToE164(value) ?? IdentifierNormalizer.Normalize(value) : IdentifierNormalizer.Normalize(value);

    static void AddOnce<T>(List<T> list, T item)
    {
        if (!list.Contains(item))
        {
            list.Add(item);
        }
    }

    static IEnumerable<string> ValuesAt(JsonNode? node, IReadOnlyList<string> path, int index)
    {
        if (node is null)
        {
            yield break;
        }

        if (index == path.Count)
        {
            if (node is JsonValue value)
            {
                var text = value.GetValueKind() switch
                {
                    JsonValueKind.String => value.GetValue<string>(),
                    JsonValueKind.Number => value.ToJsonString(),
                    _ => null,
                };
                if (!string.IsNullOrWhiteSpace(text))
                {
                    yield return text;
                }
            }

            yield break;
        }

        var segment = path[index];
        if (segment == "*" && node is JsonArray array)
        {
            foreach (var item in array)
            {
                foreach (var v in ValuesAt(item, path, index + 1))
                {
                    yield return v;
                }
            }
        }
        else if (node is JsonObject obj && obj.TryGetPropertyValue(segment, out var child))
        {
            foreach (var v in ValuesAt(child, path, index + 1))
            {
                yield return v;
            }
        }
    }
}
