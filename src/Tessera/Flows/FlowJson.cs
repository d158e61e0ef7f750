using System.Text.Json;
using Tessera.Identities;

namespace Tessera.Flows;

/// <summary>Writes a flow object as Kratos does for its kind (loginFlow has created_at, refresh, requested_aal; settingsFlow identity; …).</summary>
internal static class FlowJson
{
    /// <param name="csrfToken">the masked token for the <c>csrf_token</c> node of a browser flow (fresh per response); "" for api flows.</param>
    /// <param name="publicBaseUrl">for the <c>schema_url</c> of a settings flow's identity.</param>
    public static void Write(Utf8JsonWriter w, Flow flow, string csrfToken, Uri publicBaseUrl)
    {
        flow.Ui.SetValue("csrf_token", System.Text.Json.Nodes.JsonValue.Create(csrfToken));
        w.WriteStartObject();
        w.WriteString("id", flow.Id);
        w.WriteString("type", flow.Type);
        w.WriteString("expires_at", flow.ExpiresAt);
        w.WriteString("issued_at", flow.IssuedAt);
        w.WriteString("request_url", flow.RequestUrl);
        if (!string.IsNullOrEmpty(flow.ReturnTo))
        {
            w.WriteString("return_to", flow.ReturnTo);
        }

        if (!string.IsNullOrEmpty(flow.Active))
        {
            w.WriteString("active", flow.Active);
        }

        w.WritePropertyName("ui");
        flow.Ui.WriteTo(w);
        if (flow.Kind == FlowKind.Login)
        {
            w.WriteString("created_at", flow.CreatedAt);
            w.WriteString("updated_at", flow.UpdatedAt);
            w.WriteBoolean("refresh", flow.Refresh);
            w.WriteString("requested_aal", flow.RequestedAal);
        }

        if (flow.Kind == FlowKind.Settings && flow.Identity is { } identity)
        {
            w.WritePropertyName("identity");
            IdentityJson.Write(w, identity, IdentityView.Public, publicBaseUrl);
        }

        w.WriteString("state", flow.State);
        if (flow.ContinueWith.Count > 0)
        {
            w.WriteStartArray("continue_with");
            foreach (var item in flow.ContinueWith)
            {
                item.WriteTo(w);
            }

            w.WriteEndArray();
        }
        if (flow.TransientPayload is { } transient)
        {
            w.WritePropertyName("transient_payload");
            transient.WriteTo(w);
        }

        if (flow.IdentitySchema is { } schema)
        {
            w.WriteString("identity_schema", schema);
        }

        w.WriteEndObject();
    }
}
