namespace Tessera.Identities;

internal static class VerifiableAddressStatus
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Completed = "completed";

    public static bool IsValid(string? value) => value is Pending or Sent or Completed;
}
