using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Hosting;
using Tessera.Identities;

namespace Tessera.Sessions;

/// <summary>What a session answer carries besides the session itself.</summary>
[Flags]
internal enum SessionExpand
{
    None = 0,
    Identity = 1,
    Devices = 2,
    All = Identity | Devices,

    /// <summary>Writes <c>"identity": null</c>: a login below the required AAL does not show whose session it is (Kratos).</summary>
    WithheldIdentity = 4,
}

/// <summary>Writes sessions as Kratos does (§9.1); <c>active</c> and the AAL are computed, the token is never written.</summary>
internal static class SessionJson
{
    /// <param name="view">public for the session owner (whoami, own sessions), admin on the admin API (adds metadata_admin).</param>
    public static void Write(Utf8JsonWriter w, Session session, DateTime now, Uri publicBaseUrl, SessionExpand expand, IdentityView view)
    {
        w.WriteStartObject();
        w.WriteString("id", session.Id);
        w.WriteBoolean("active", session.IsActiveAt(now));
        w.WriteString("expires_at", session.ExpiresAt);
        w.WriteString("authenticated_at", session.AuthenticatedAt);
        w.WriteString("authenticator_assurance_level", session.AuthenticatorAssuranceLevel);
        w.WritePropertyName("authentication_methods");
        WriteAuthenticationMethods(w, session.AuthenticationMethods);
        w.WriteString("issued_at", session.IssuedAt);
        if (expand.HasFlag(SessionExpand.Identity) && session.Identity is { } identity)
        {
            w.WritePropertyName("identity");
            IdentityJson.Write(w, identity, view, publicBaseUrl);
        }
        else if (expand.HasFlag(SessionExpand.WithheldIdentity))
        {
            w.WriteNull("identity");
        }

        if (expand.HasFlag(SessionExpand.Devices))
        {
            w.WriteStartArray("devices");
            foreach (var d in session.Devices)
            {
                w.WriteStartObject();
                w.WriteString("id", d.Id);
                w.WriteString("ip_address", d.IpAddress);
                w.WriteString("user_agent", d.UserAgent);
                w.WriteString("location", d.Location);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    public static void WriteAuthenticationMethods(Utf8JsonWriter w, IEnumerable<AuthenticationMethod> methods)
    {
        w.WriteStartArray();
        foreach (var m in methods)
        {
            w.WriteStartObject();
            w.WriteString("method", m.Method);
            w.WriteString("aal", m.Aal);
            w.WriteString("completed_at", m.CompletedAt);
            if (!string.IsNullOrEmpty(m.Provider))
            {
                w.WriteString("provider", m.Provider);
            }

            if (!string.IsNullOrEmpty(m.Organization))
            {
                w.WriteString("organization", m.Organization);
            }

            if (!string.IsNullOrEmpty(m.UpstreamAcr))
            {
                w.WriteString("upstream_acr", m.UpstreamAcr);
            }

            if (m.UpstreamAmr is { Count: > 0 } amr)
            {
                w.WriteStartArray("upstream_amr");
                foreach (var value in amr)
                {
                    w.WriteStringValue(value);
                }

                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    public static string AuthenticationMethodsToJson(IEnumerable<AuthenticationMethod> methods)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonWriting.Options))
        {
            WriteAuthenticationMethods(w, methods);
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    public static List<AuthenticationMethod> ParseAuthenticationMethods(string json)
    {
        var result = new List<AuthenticationMethod>();
        if (JsonNode.Parse(json) is not JsonArray array)
        {
            return result;
        }

        foreach (var item in array.OfType<JsonObject>())
        {
            result.Add(new AuthenticationMethod(
                Text(item, "method") ?? "",
                Text(item, "aal") ?? Aal.Aal1,
                DateTime.TryParse(Text(item, "completed_at"), CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var completed) ? completed : default,
                Text(item, "provider"),
                Text(item, "organization"),
                Text(item, "upstream_acr"),
                item["upstream_amr"] is JsonArray amr ? amr.Select(a => a?.ToString() ?? "").ToList() : null));
        }

        return result;
    }

    static string? Text(JsonObject o, string key) =>
        o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
