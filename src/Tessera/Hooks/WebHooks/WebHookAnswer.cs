using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Identities;
using Tessera.Text;

namespace Tessera.Hooks.WebHooks;

/// <summary>
/// Reads what an interrupting or parsing hook answered (API.md §12.2): on 400 and above, the messages to show
/// (<c>{"messages":[{"instance_ptr":"#/traits/email","messages":[{id,text,type,context}]}]}</c>); on 200, the identity
/// fields to replace (<c>{"identity":{traits, metadata_public, …}}</c>). Null means the answer was not what Kratos expects.
/// </summary>
internal static class WebHookAnswer
{
    /// <summary>The messages of a refusal; null when the body is not that JSON or lists no entry.</summary>
    public static IReadOnlyList<WebHookMessage>? Messages(byte[] body)
    {
        if (Parse(body) is not JsonObject root || root["messages"] is not JsonArray entries || entries.Count == 0)
        {
            return null;
        }

        var messages = new List<WebHookMessage>();
        foreach (var entry in entries)
        {
            if (entry is not JsonObject e)
            {
                return null;
            }

            var pointer = e["instance_ptr"] is JsonValue p && p.TryGetValue<string>(out var s) ? s : "";
            foreach (var detail in e["messages"] as JsonArray ?? [])
            {
                if (detail is not JsonObject d)
                {
                    return null;
                }

                // Kratos shows "error" as an error and any other type as info.
                var type = d["type"] is JsonValue t && t.TryGetValue<string>(out var typeText) && typeText == UiText.Error ? UiText.Error : UiText.Info;
                var id = d["id"] is JsonValue i && long.TryParse(i.ToJsonString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number)
                    ? number
                    : 0;
                var text = d["text"] is JsonValue x && x.TryGetValue<string>(out var words) ? words : "";
                messages.Add(new WebHookMessage(pointer, new UiText(id, text, type, d["context"] is JsonObject c ? c.DeepClone().AsObject() : null)));
            }
        }

        // An entry without messages still counts as a refusal in Kratos; it just shows nothing.
        return messages;
    }

    /// <summary>
    /// Applies the fields of <c>identity</c> that the answer carries to <paramref name="identity"/>, as Kratos does:
    /// traits, schema_id, state, metadata_public and metadata_admin when present, external_id even when empty, and the
    /// verifiable addresses' states (the addresses themselves follow the traits). Null when the body is not JSON or
    /// a field has the wrong type.
    /// </summary>
    public static WebHookResult? ApplyIdentity(byte[] body, Identity? identity)
    {
        if (Parse(body) is not JsonObject root)
        {
            return null;
        }

        if (root["identity"] is not JsonObject patch || identity is null)
        {
            return root["identity"] is null or JsonObject ? WebHookResult.Passed : null;
        }

        if (patch.TryGetPropertyValue("traits", out var traits) && traits is not null)
        {
            if (traits is not JsonObject traitObject)
            {
                return null;
            }

            identity.Traits = traitObject.DeepClone().AsObject();
        }

        if (String(patch, "schema_id") is { Length: > 0 } schemaId)
        {
            identity.SchemaId = schemaId;
        }

        if (String(patch, "state") is { Length: > 0 } state)
        {
            if (!IdentityState.IsValid(state))
            {
                return null;
            }

            identity.State = state;
        }

        if (patch.TryGetPropertyValue("metadata_public", out var metadataPublic))
        {
            identity.MetadataPublic = metadataPublic?.DeepClone();
        }

        if (patch.TryGetPropertyValue("metadata_admin", out var metadataAdmin))
        {
            identity.MetadataAdmin = metadataAdmin?.DeepClone();
        }

        if (patch.TryGetPropertyValue("external_id", out var externalId))
        {
            identity.ExternalId = externalId is JsonValue v && v.TryGetValue<string>(out var text) && text.Length > 0 ? text : null;
        }

        List<AddressInput>? addresses = null;
        if (patch["verifiable_addresses"] is JsonArray { Count: > 0 } given)
        {
            addresses = [];
            foreach (var address in given.OfType<JsonObject>())
            {
                var verified = address["verified"] is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False
                    ? b.GetValue<bool>()
                    : (bool?)null;
                var verifiedAt = String(address, "verified_at") is { } at
                                 && DateTime.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal,
                                     out var when)
                    ? when
                    : (DateTime?)null;
                addresses.Add(new AddressInput(String(address, "via") ?? "", String(address, "value") ?? "", verified, String(address, "status"), verifiedAt));
            }
        }

        return new WebHookResult { IdentityChanged = true, VerifiableAddresses = addresses };
    }

    static string? String(JsonObject o, string name) => o[name] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    static JsonNode? Parse(byte[] body)
    {
        try
        {
            return body.Length == 0 ? null : JsonNode.Parse(body);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
