using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Config;
using Tessera.Security;

namespace Tessera.Flows.Settings;

/// <summary>
/// Kratos's continuity container for settings (API.md §5.3): when a browser's login is too old for a change, the
/// submitted payload is parked in the <c>ory_kratos_continuity</c> cookie for 15 minutes while the user logs in again;
/// back at <c>GET /self-service/settings?flow=</c>, the flow applies it. The cookie is encrypted and authenticated with
/// the cookie secrets and names the flow and the identity, so it opens only for the same user on the same flow.
/// </summary>
internal sealed class SettingsContinuity(CookieCipher cipher, TesseraConfig config, TimeProvider time)
{
    public const string CookieName = "ory_kratos_continuity";

    const string Purpose = "settings continuity";

    // Browsers drop cookies over 4 KiB; a payload that large (a big traits object) is not parked, only asked for again.
    const int MaxCookieLength = 4000;

    static readonly TimeSpan Lifespan = TimeSpan.FromMinutes(15);

    public void Park(HttpContext context, Flow flow, Guid identityId, JsonObject payload)
    {
        var container = new JsonObject
        {
            ["flow"] = flow.Id.ToString(),
            ["identity"] = identityId.ToString(),
            ["expires_at"] = (time.GetUtcNow() + Lifespan).ToUnixTimeMilliseconds(),
            ["payload"] = payload.DeepClone(),
        };
        var value = cipher.Protect(Encoding.UTF8.GetBytes(container.ToJsonString()), Purpose);
        if (value.Length <= MaxCookieLength)
        {
            context.Response.Cookies.Append(CookieName, value, Options(Lifespan));
        }
    }

    /// <summary>The payload parked for this flow and identity, or null. A cookie that was read is cleared, whatever it held.</summary>
    public JsonObject? Resume(HttpContext context, Flow flow, Guid identityId)
    {
        if (!context.Request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        Delete(context);
        if (cipher.Unprotect(value, Purpose) is not { } plain)
        {
            return null;
        }

        JsonObject? container;
        try
        {
            container = JsonNode.Parse(plain) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }

        return container is not null
               && FlowPayload.String(container, "flow") == flow.Id.ToString()
               && FlowPayload.String(container, "identity") == identityId.ToString()
               && container["expires_at"] is JsonValue expires && expires.TryGetValue<long>(out var at)
               && at > time.GetUtcNow().ToUnixTimeMilliseconds()
               && container["payload"] is JsonObject payload
            ? (JsonObject)payload.DeepClone()
            : null;
    }

    /// <summary>A new settings flow abandons whatever was parked for an older one.</summary>
    public void Abort(HttpContext context)
    {
        if (context.Request.Cookies.ContainsKey(CookieName))
        {
            Delete(context);
        }
    }

    void Delete(HttpContext context) => context.Response.Cookies.Delete(CookieName, Options(null));

    CookieOptions Options(TimeSpan? maxAge)
    {
        var secure = ConfigNode.Bool(config.Root, "cookies.secure", !config.Dev);
        return new CookieOptions
        {
            Path = ConfigNode.String(config.Root, "cookies.path", "/"),
            Domain = ConfigNode.String(config.Root, "cookies.domain") is { Length: > 0 } domain ? domain : null,
            MaxAge = maxAge,
            HttpOnly = true,
            Secure = secure,
            SameSite = SameSiteMode.Lax,
            IsEssential = true,
        };
    }
}
