using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Courier.Templates.GoText;

namespace Tessera.Courier.Templates;

/// <summary>
/// The data of one message, shaped like Kratos's model struct for its template type: templates see Go field names
/// (<c>.RecoveryCode</c>, <c>.Identity.traits.email</c>), and <see cref="TemplateData"/> is the JSON Kratos stores as
/// the message's template_data (snake_case names, absent maps as null).
/// </summary>
internal sealed class TemplateModel
{
    TemplateModel(TemplateLayout layout, TemplateChannel channel, GoStruct data, JsonObject templateData)
    {
        Layout = layout;
        Channel = channel;
        Data = data;
        TemplateData = templateData;
    }

    public TemplateLayout Layout { get; }

    public TemplateType Type => Layout.Type;

    public TemplateChannel Channel { get; }

    /// <summary>What the templates execute on: a struct, so a misspelt field is an error as in Kratos.</summary>
    public GoStruct Data { get; }

    public JsonObject TemplateData { get; }

    public static TemplateModel Email(TemplateType type, TemplateFields fields) => Build(type, TemplateChannel.Email, fields);

    /// <exception cref="ArgumentException">The type has no SMS variant.</exception>
    public static TemplateModel Sms(TemplateType type, TemplateFields fields) => Build(type, TemplateChannel.Sms, fields);

    static TemplateModel Build(TemplateType type, TemplateChannel channel, TemplateFields fields)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var layout = TemplateLayout.For(type);
        var spec = layout.Fields(channel) ?? throw new ArgumentException($"the template type {layout.Name} has no SMS variant", nameof(type));
        var data = new GoStruct($"*{(channel == TemplateChannel.Email ? "email" : "sms")}.{layout.ModelName}");
        var json = new JsonObject();
        foreach (var field in spec)
        {
            var (value, jsonValue) = Read(field.Source, fields);
            data.Add(field.GoName, field.JsonName, value);

            // Kratos omits an empty html_body from the stub's JSON.
            if (field.Source == TemplateValue.HtmlBody && string.IsNullOrEmpty(fields.HtmlBody))
            {
                continue;
            }

            json[field.JsonName] = jsonValue;
        }

        return new TemplateModel(layout, channel, data, json);
    }

    static (object? Value, JsonNode? Json) Read(TemplateValue source, TemplateFields f) => source switch
    {
        TemplateValue.To => Text(f.To),
        TemplateValue.Code => Text(f.Code),
        TemplateValue.Url => Text(f.Url),
        TemplateValue.RequestUrl => Text(f.RequestUrl),
        TemplateValue.RequestUrlDomain => Text(f.RequestUrlDomain ?? DomainOf(f.RequestUrl)),
        TemplateValue.ChangedAt => Text(f.ChangedAt),
        TemplateValue.AddedAt => Text(f.AddedAt),
        TemplateValue.Subject => Text(f.Subject),
        TemplateValue.Body => Text(f.Body),
        TemplateValue.HtmlBody => Text(f.HtmlBody),
        TemplateValue.ExpiresInMinutes => ((long)f.ExpiresInMinutes, JsonValue.Create(f.ExpiresInMinutes)),
        TemplateValue.Identity => Map(f.Identity),
        TemplateValue.Traits => Map(f.Traits),
        _ => Map(f.TransientPayload),
    };

    // Go strings are never nil: an absent one is "".
    static (object?, JsonNode?) Text(string? value) => (value ?? "", JsonValue.Create(value ?? ""));

    // A nil map prints as map[] and is false, like an empty one; JSON shows it as null.
    static (object?, JsonNode?) Map(JsonObject? value) =>
        (value is null ? new GoMap() : GoValues.FromJson(value), value?.DeepClone());

    /// <summary>The bare host of the request URL (url.Hostname() in Kratos); "" when it does not parse.</summary>
    static string DomainOf(string? requestUrl) =>
        Uri.TryCreate(requestUrl, UriKind.Absolute, out var uri) ? uri.DnsSafeHost : "";

    /// <summary>Rebuilds a model from a stored message's template_data, so a message can be rendered again later.</summary>
    public static TemplateModel FromTemplateData(TemplateType type, TemplateChannel channel, JsonObject templateData)
    {
        ArgumentNullException.ThrowIfNull(templateData);
        var layout = TemplateLayout.For(type);
        var spec = layout.Fields(channel) ?? throw new ArgumentException($"the template type {layout.Name} has no SMS variant", nameof(channel));
        string? Str(TemplateValue source) =>
            spec.FirstOrDefault(f => f.Source == source) is { } field && templateData[field.JsonName] is JsonValue v
            && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>()
                : null;
        JsonObject? Obj(TemplateValue source) =>
            spec.FirstOrDefault(f => f.Source == source) is { } field ? templateData[field.JsonName] as JsonObject : null;
        var expires = spec.FirstOrDefault(f => f.Source == TemplateValue.ExpiresInMinutes) is { } e
            && templateData[e.JsonName] is JsonValue n && n.GetValueKind() == JsonValueKind.Number
            && n.TryGetValue<int>(out var minutes)
                ? minutes
                : 0;
        var fields = new TemplateFields
        {
            To = Str(TemplateValue.To) ?? "",
            Code = Str(TemplateValue.Code),
            Url = Str(TemplateValue.Url),
            Identity = Obj(TemplateValue.Identity),
            Traits = Obj(TemplateValue.Traits),
            RequestUrl = Str(TemplateValue.RequestUrl),
            RequestUrlDomain = Str(TemplateValue.RequestUrlDomain),
            TransientPayload = Obj(TemplateValue.TransientPayload),
            ExpiresInMinutes = expires,
            ChangedAt = Str(TemplateValue.ChangedAt),
            AddedAt = Str(TemplateValue.AddedAt),
            Subject = Str(TemplateValue.Subject),
            Body = Str(TemplateValue.Body),
            HtmlBody = Str(TemplateValue.HtmlBody),
        };
        return Build(type, channel, fields);
    }
}
