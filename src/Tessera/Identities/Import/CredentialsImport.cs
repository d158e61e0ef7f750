using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Hashing;
using Tessera.Json;

namespace Tessera.Identities.Import;

/// <summary>
/// Applies the <c>credentials</c> of an admin create or update body to an identity: clear-text or pre-hashed passwords,
/// linked OIDC/SAML providers, TOTP URLs, lookup codes, and webauthn and passkey keys. Returns the reason for a 400, or null.
/// </summary>
internal static partial class CredentialsImport
{
    public static string? Apply(Identity identity, JsonObject credentials, IPasswordHasher hasher, DateTime now, out int clearTextPasswords)
    {
        clearTextPasswords = 0;
        foreach (var (type, node) in credentials)
        {
            if (node is null)
            {
                continue;
            }

            if (node is not JsonObject wrapper || wrapper["config"] is not JsonObject config)
            {
                return $"credentials.{type}: expected an object with a \"config\" object";
            }

            var error = type switch
            {
                CredentialsType.Password => ImportPassword(identity, config, hasher, now, ref clearTextPasswords),
                CredentialsType.Oidc or CredentialsType.Saml => ImportProviders(identity, type, config, now),
                CredentialsType.Totp => ImportTotp(identity, config, now),
                CredentialsType.LookupSecret => ImportLookupSecret(identity, config, now),
                CredentialsType.WebAuthn or CredentialsType.Passkey => ImportWebAuthn(identity, type, config, now),
                _ => $"credentials: unknown credential type \"{type}\"",
            };
            if (error is not null)
            {
                return error;
            }
        }

        return null;
    }

    /// <summary>Only counts clear-text passwords, without hashing: the batch endpoint limits them before any work is done.</summary>
    public static bool HasClearTextPassword(JsonObject? credentials) =>
        credentials.Child("password").Child("config") is JsonObject config && !IsTrue(config["use_password_migration_hook"])
        && config["password"] is JsonValue v && v.GetValueKind() == JsonValueKind.String && v.GetValue<string>().Length > 0;

    static string? ImportPassword(Identity identity, JsonObject config, IPasswordHasher hasher, DateTime now, ref int clearText)
    {
        JsonObject stored;
        if (IsTrue(config["use_password_migration_hook"]))
        {
            stored = new JsonObject { ["use_password_migration_hook"] = true };
        }
        else if (config["password"] is JsonValue p && p.GetValueKind() == JsonValueKind.String && p.GetValue<string>().Length > 0)
        {
            clearText++;
            stored = new JsonObject { ["hashed_password"] = hasher.Hash(p.GetValue<string>()) };
        }
        else if (config["hashed_password"] is JsonValue h && h.GetValueKind() == JsonValueKind.String && h.GetValue<string>().Length > 0)
        {
            var hash = h.GetValue<string>();
            if (HashFormats.ImportError(hash) is { } error)
            {
                return error;
            }

            stored = new JsonObject { ["hashed_password"] = hash };
        }
        else
        {
            return "credentials.password.config: set one of \"password\", \"hashed_password\" or \"use_password_migration_hook\"";
        }

        var credential = Ensure(identity, CredentialsType.Password, now, version: 1);
        credential.Config = stored;
        return null;
    }

    static string? ImportProviders(Identity identity, string type, JsonObject config, DateTime now)
    {
        if (config["providers"] is not JsonArray providers)
        {
            return $"credentials.{type}.config: expected a \"providers\" array";
        }

        var credential = Ensure(identity, type, now, version: 0);
        var existing = credential.Config["providers"] as JsonArray ?? [];
        foreach (var node in providers)
        {
            if (node is not JsonObject item)
            {
                return $"credentials.{type}.config.providers: every provider must be an object with \"provider\" and \"subject\"";
            }

            var provider = item["provider"] is JsonValue pv && pv.GetValueKind() == JsonValueKind.String ? pv.GetValue<string>() : null;
            var subject = item["subject"] is JsonValue sv && sv.GetValueKind() == JsonValueKind.String ? sv.GetValue<string>() : null;
            if (string.IsNullOrEmpty(provider) || string.IsNullOrEmpty(subject))
            {
                return $"credentials.{type}.config.providers: every provider needs a \"provider\" and a \"subject\"";
            }

            var entry = new JsonObject { ["subject"] = subject, ["provider"] = provider };
            if (type == CredentialsType.Oidc)
            {
                entry["initial_id_token"] = "";
                entry["initial_access_token"] = "";
                entry["initial_refresh_token"] = "";
            }

            if (item["organization"] is JsonValue org && org.GetValueKind() == JsonValueKind.String)
            {
                entry["organization"] = org.GetValue<string>();
            }

            if (IsTrue(item["use_auto_link"]))
            {
                entry["use_auto_link"] = true;
            }

            var identifier = provider + ":" + subject;
            if (!credential.Identifiers.Contains(identifier))
            {
                credential.Identifiers.Add(identifier);
                existing.Add((JsonNode)entry);
            }
        }

        credential.Config = new JsonObject { ["providers"] = existing.DeepClone() };
        return null;
    }

    static string? ImportTotp(Identity identity, JsonObject config, DateTime now)
    {
        if (config["totp_url"] is not JsonValue v || v.GetValueKind() != JsonValueKind.String
            || !v.GetValue<string>().StartsWith("otpauth://totp/", StringComparison.Ordinal))
        {
            return "credentials.totp.config: \"totp_url\" must be an otpauth://totp/ URL";
        }

        var credential = Ensure(identity, CredentialsType.Totp, now, version: 0);
        credential.Identifiers = [identity.Id.ToString()];
        credential.Config = new JsonObject { ["totp_url"] = v.GetValue<string>() };
        return null;
    }

    static string? ImportLookupSecret(Identity identity, JsonObject config, DateTime now)
    {
        if (config["codes"] is not JsonArray codes)
        {
            return "credentials.lookup_secret.config: expected a \"codes\" array";
        }

        var credential = Ensure(identity, CredentialsType.LookupSecret, now, version: 0);
        credential.Identifiers = [identity.Id.ToString()];
        var stored = credential.Config["recovery_codes"] as JsonArray ?? [];
        foreach (var item in codes)
        {
            if (item is not JsonObject || item["code"] is not JsonValue c || c.GetValueKind() != JsonValueKind.String || c.GetValue<string>().Length == 0)
            {
                return "credentials.lookup_secret.config.codes: every entry needs a \"code\"";
            }

            var entry = new JsonObject { ["code"] = c.GetValue<string>() };
            if (item["used_at"] is JsonValue used && used.GetValueKind() == JsonValueKind.String)
            {
                entry["used_at"] = used.GetValue<string>();
            }

            stored.Add((JsonNode)entry);
        }

        credential.Config = new JsonObject { ["recovery_codes"] = stored.DeepClone() };
        return null;
    }

    internal static Credential Ensure(Identity identity, string type, DateTime now, int version)
    {
        if (!identity.Credentials.TryGetValue(type, out var credential))
        {
            credential = new Credential { Id = Persistence.RowId.New(), Type = type, Version = version, CreatedAt = now, UpdatedAt = now };
            identity.Credentials[type] = credential;
        }

        credential.UpdatedAt = now;
        return credential;
    }

    static bool IsTrue(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.True;
}
