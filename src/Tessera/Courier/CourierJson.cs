using System.Text.Json;

namespace Tessera.Courier;

/// <summary>The <c>message</c> and <c>messageDispatch</c> objects of the admin API, in Kratos's field order.</summary>
internal static class CourierJson
{
    /// <summary>What Kratos prints instead of subject and body unless it runs in dev mode.</summary>
    public const string Redacted = "<redacted-unless-dev-mode>";

    public static void Write(Utf8JsonWriter w, CourierMessage message, bool redact)
    {
        w.WriteStartObject();
        w.WriteString("id", message.Id);
        w.WriteString("status", message.Status.Wire());
        w.WriteString("type", message.Type.Wire());
        w.WriteString("recipient", message.Recipient);
        w.WriteString("body", redact ? Redacted : message.Body);
        w.WriteString("subject", redact ? Redacted : message.Subject);
        w.WriteString("template_type", message.TemplateType);
        w.WriteString("channel", message.Channel);
        w.WriteNumber("send_count", message.SendCount);
        if (message.Dispatches.Count > 0)
        {
            w.WriteStartArray("dispatches");
            foreach (var dispatch in message.Dispatches)
            {
                WriteDispatch(w, dispatch);
            }

            w.WriteEndArray();
        }

        w.WriteString("created_at", message.CreatedAt);
        w.WriteString("updated_at", message.UpdatedAt);
        w.WriteEndObject();
    }

    static void WriteDispatch(Utf8JsonWriter w, CourierDispatch dispatch)
    {
        w.WriteStartObject();
        w.WriteString("id", dispatch.Id);
        w.WriteString("message_id", dispatch.MessageId);
        w.WriteString("status", dispatch.Status);
        if (dispatch.Error is not null)
        {
            w.WritePropertyName("error");
            dispatch.Error.WriteTo(w);
        }

        w.WriteString("created_at", dispatch.CreatedAt);
        w.WriteString("updated_at", dispatch.UpdatedAt);
        w.WriteEndObject();
    }
}
