namespace Tessera.Courier.Templates;

/// <summary>A variable of a Kratos template model: its Go field name, its JSON name in template_data, and its source.</summary>
internal sealed record TemplateField(string GoName, string JsonName, TemplateValue Source);
