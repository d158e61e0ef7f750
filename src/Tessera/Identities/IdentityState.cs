namespace Tessera.Identities;

internal static class IdentityState
{
    public const string Active = "active";
    public const string Inactive = "inactive";

    public static bool IsValid(string? value) => value is Active or Inactive;
}
