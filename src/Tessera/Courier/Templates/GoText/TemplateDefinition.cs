namespace Tessera.Courier.Templates.GoText;

/// <summary>A named template: its tree, and the file it came from (for error locations).</summary>
internal sealed record TemplateDefinition(string Name, ListNode Tree, string FileName, string Text);
