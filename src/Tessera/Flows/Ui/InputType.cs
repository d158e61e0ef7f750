namespace Tessera.Flows.Ui;

/// <summary>Values of an input node's <c>attributes.type</c>.</summary>
internal static class InputType
{
    public const string Text = "text";
    public const string Password = "password";
    public const string Number = "number";
    public const string Checkbox = "checkbox";
    public const string Hidden = "hidden";
    public const string Email = "email";
    public const string Tel = "tel";
    public const string Submit = "submit";
    public const string Button = "button";
    public const string DateTimeLocal = "datetime-local";
    public const string Date = "date";
    public const string Url = "url";
}
