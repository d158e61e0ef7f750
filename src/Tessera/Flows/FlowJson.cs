using System.Text.Json;

namespace Tessera.Flows;

/// <summary>Writes a flow object as Kratos does for its kind (loginFlow has created_at, refresh, requested_aal; …).</summary>
internal static class FlowJson
{
    /// <param name="csrfToken">the masked token for the <c>csrf_token</c> node of a browser flow (fresh per response); "" for api flows.</param>
    public static void Write(Utf8JsonWriter w, Flow flow, string csrfToken)
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

        w.WriteString("state", flow.State);
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
