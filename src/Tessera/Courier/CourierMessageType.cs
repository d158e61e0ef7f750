namespace Tessera.Courier;

/// <summary>What kind of address a message goes to: <c>email</c> or <c>sms</c>.</summary>
internal enum CourierMessageType
{
    Email,
    Sms,
}

internal static class CourierMessageTypeNames
{
    public static string Wire(this CourierMessageType type) => type == CourierMessageType.Sms ? "sms" : "email";

    public static CourierMessageType Parse(string value) => value == "sms" ? CourierMessageType.Sms : CourierMessageType.Email;

    /// <summary>The channel a message of this type goes through unless the flow names another.</summary>
    public static string DefaultChannel(this CourierMessageType type) => type.Wire();
}
