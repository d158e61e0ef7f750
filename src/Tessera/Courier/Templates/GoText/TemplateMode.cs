namespace Tessera.Courier.Templates.GoText;

/// <summary>Which Go package a template behaves like: text/template, or html/template with contextual escaping.</summary>
internal enum TemplateMode
{
    Text,
    Html,
}
