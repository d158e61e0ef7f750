using System.Globalization;
using System.Text.Json.Nodes;
using static Tessera.Text.MessageId;

namespace Tessera.Text;

internal static partial class Messages
{
    public static UiText SettingsUpdateSuccess() => Success(InfoSelfServiceSettingsUpdateSuccess, "Your changes have been saved!");

    public static UiText SettingsLinkOidc(string provider) =>
        Info(InfoSelfServiceSettingsUpdateLinkOidc, $"Link {provider}", new JsonObject { ["provider"] = provider });

    public static UiText SettingsUnlinkOidc(string provider) =>
        Info(InfoSelfServiceSettingsUpdateUnlinkOidc, $"Unlink {provider}", new JsonObject { ["provider"] = provider });

    public static UiText SettingsUnlinkTotp() => Info(InfoSelfServiceSettingsUpdateUnlinkTotp, "Unlink TOTP Authenticator App");

    public static UiText SettingsTotpQrCode() => Info(InfoSelfServiceSettingsTotpQrCode, "Authenticator app QR code");

    public static UiText SettingsTotpSecret(string secret) =>
        Info(InfoSelfServiceSettingsTotpSecret, secret, new JsonObject { ["secret"] = secret });

    public static UiText SettingsRevealLookup() => Info(InfoSelfServiceSettingsRevealLookup, "Reveal backup recovery codes");

    public static UiText SettingsRegenerateLookup() => Info(InfoSelfServiceSettingsRegenerateLookup, "Generate new backup recovery codes");

    public static UiText SettingsLookupSecret(string secret) =>
        Info(InfoSelfServiceSettingsLookupSecret, secret, new JsonObject { ["secret"] = secret });

    public static UiText SettingsLookupSecretLabel() =>
        Info(InfoSelfServiceSettingsLookupSecretLabel, "These are your back up recovery codes. Please keep them in a safe place!");

    public static UiText SettingsLookupConfirm() => Info(InfoSelfServiceSettingsLookupConfirm, "Confirm backup recovery codes");

    public static UiText SettingsRegisterWebAuthn() => Info(InfoSelfServiceSettingsRegisterWebAuthn, "Add security key");

    public static UiText SettingsRegisterWebAuthnDisplayName() =>
        Info(InfoSelfServiceSettingsRegisterWebAuthnDisplayName, "Name of the security key");

    /// <summary>1050014: the text uses Go's <c>time.Time</c> string form in UTC, without fractional seconds.</summary>
    public static UiText SettingsLookupSecretUsed(DateTimeOffset usedAt) =>
        Info(InfoSelfServiceSettingsLookupSecretUsed,
            "Secret was used at " + usedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss '+0000 UTC'", CultureInfo.InvariantCulture),
            new JsonObject { ["used_at"] = Rfc3339(usedAt), ["used_at_unix"] = usedAt.ToUnixTimeSeconds() });

    /// <summary>1050015: the codes (1050009 texts) joined with ", ", a used code (1050014) shown as "used".</summary>
    public static UiText SettingsLookupSecretList(IReadOnlyList<UiText> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var array = new JsonArray();
        var shown = new List<string>(secrets.Count);
        foreach (var secret in secrets)
        {
            array.Add((JsonNode)secret.ToJsonObject());
            shown.Add(secret.Id == InfoSelfServiceSettingsLookupSecretUsed ? "used" : secret.Text);
        }

        return Info(InfoSelfServiceSettingsLookupSecretList, string.Join(", ", shown), new JsonObject { ["secrets"] = array });
    }

    public static UiText SettingsDisableLookup() => Info(InfoSelfServiceSettingsDisableLookup, "Disable this method");

    public static UiText SettingsTotpSecretLabel() =>
        Info(InfoSelfServiceSettingsTotpSecretLabel, "This is your authenticator app secret. Use it if you can not scan the QR code.");

    public static UiText SettingsRemoveWebAuthn(string? displayName, DateTimeOffset addedAt) =>
        Info(InfoSelfServiceSettingsRemoveWebAuthn, $"Remove security key \"{Named(displayName)}\"", Added(displayName, addedAt));

    public static UiText SettingsRegisterPasskey() => Info(InfoSelfServiceSettingsRegisterPasskey, "Add passkey");

    public static UiText SettingsRemovePasskey(string? displayName, DateTimeOffset addedAt) =>
        Info(InfoSelfServiceSettingsRemovePasskey, $"Remove passkey \"{Named(displayName)}\"", Added(displayName, addedAt));

    public static UiText SettingsManagedByOrganization() =>
        Info(InfoSelfServiceSettingsManagedByOrganization,
            "Your account is managed by your organization. To change these settings, contact your organization administrator.");

    static string Named(string? displayName) => string.IsNullOrEmpty(displayName) ? "unnamed" : displayName;

    static JsonObject Added(string? displayName, DateTimeOffset addedAt) => new()
    {
        ["display_name"] = displayName ?? "",
        ["added_at"] = Rfc3339(addedAt),
        ["added_at_unix"] = addedAt.ToUnixTimeSeconds(),
    };
}
