using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Errors;
using Tessera.Hosting;

namespace Tessera.Flows.Recovery;

/// <summary>
/// The body of <c>POST /admin/recovery/code</c> and <c>/admin/recovery/link</c> (API.md §7.8):
/// <c>{"identity_id": uuid, "expires_in": "1h", "flow_type": "browser|api"}</c>, checked in Kratos's order and words.
/// </summary>
internal sealed record AdminRecoveryRequest(Guid IdentityId, TimeSpan ExpiresIn, string FlowType)
{
    /// <param name="defaultLifespan">the method's lifespan, used when <c>expires_in</c> is absent.</param>
    /// <param name="withFlowType">whether <c>flow_type</c> is read (the code endpoint); the link endpoint makes browser flows.</param>
    public static async Task<(AdminRecoveryRequest? Request, ApiError? Error)> ReadAsync(HttpContext context, TimeSpan defaultLifespan, bool withFlowType)
    {
        var (node, error) = await RequestJson.ReadAsync(context).ConfigureAwait(false);
        if (node is null)
        {
            return (null, error);
        }

        if (node is not JsonObject body)
        {
            return (null, ApiErrors.BadRequest("Unable to decode JSON payload: the body must be a JSON object."));
        }

        var identityId = Guid.Empty;
        if (body["identity_id"] is { } idNode
            && (idNode is not JsonValue idValue || idValue.GetValueKind() != JsonValueKind.String || !Guid.TryParse(idValue.GetValue<string>(), out identityId)))
        {
            return (null, ApiErrors.BadRequest($"Unable to decode JSON payload: identity_id must be a UUID, got {idNode.ToJsonString()}"));
        }

        var expiresIn = defaultLifespan;
        if (body["expires_in"] is { } expiresNode)
        {
            var text = expiresNode is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
            if (text is null)
            {
                return (null, ApiErrors.BadRequest($"Unable to decode JSON payload: expires_in must be a string, got {expiresNode.ToJsonString()}"));
            }

            if (text.Length > 0)
            {
                if (!Duration.TryParse(text, out expiresIn, out _))
                {
                    return (null, ApiErrors.BadRequest($"Unable to parse \"expires_in\" as a duration string (e.g. \"1h\", \"1m30s\", \"500ms\"): {text}"));
                }
            }
        }

        if (expiresIn <= TimeSpan.Zero)
        {
            return (null, ApiErrors.BadRequest($"Value from \"expires_in\" must result to a future time: {body["expires_in"]?.GetValue<string>()}"));
        }

        var flowType = Flow.Browser;
        if (withFlowType && body["flow_type"] is { } typeNode)
        {
            flowType = typeNode is JsonValue t && t.GetValueKind() == JsonValueKind.String ? t.GetValue<string>() : typeNode.ToJsonString();
            if (flowType is not (Flow.Browser or Flow.Api))
            {
                return (null, ApiErrors.BadRequest($"Value from \"flow_type\" is not valid: \"{flowType}\""));
            }
        }

        return (new AdminRecoveryRequest(identityId, expiresIn, flowType), null);
    }
}
