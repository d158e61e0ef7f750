using System.Text.Json;

namespace Tessera.Identities;

/// <summary>Writes identities as Kratos serializes them, field for field, for the public and the admin view.</summary>
internal static class IdentityJson
{
    /// <param name="includeConfigFor">credential types whose <c>config</c> is written (admin view only); null for none.</param>
    public static void Write(Utf8JsonWriter w, Identity identity, IdentityView view, Uri publicBaseUrl, IReadOnlySet<string>? includeConfigFor = null)
    {
        w.WriteStartObject();
        w.WriteString("id", identity.Id);
        if (view == IdentityView.Admin)
        {
            w.WriteStartObject("credentials");
            foreach (var credential in identity.Credentials.Values.OrderBy(c => c.Type, StringComparer.Ordinal))
            {
                w.WriteStartObject(credential.Type);
                w.WriteString("type", credential.Type);
                w.WriteStartArray("identifiers");
                foreach (var identifier in credential.Identifiers)
                {
                    w.WriteStringValue(identifier);
                }

                w.WriteEndArray();
                if (includeConfigFor is not null && includeConfigFor.Contains(credential.Type))
                {
                    w.WritePropertyName("config");
                    credential.Config.WriteTo(w);
                }

                w.WriteNumber("version", credential.Version);
                w.WriteString("created_at", credential.CreatedAt);
                w.WriteString("updated_at", credential.UpdatedAt);
                w.WriteEndObject();
            }

            w.WriteEndObject();
        }

        w.WriteString("schema_id", identity.SchemaId);
        w.WriteString("schema_url", SchemaUrl(publicBaseUrl, identity.SchemaId));
        w.WriteString("state", identity.State);
        if (identity.StateChangedAt is { } changed)
        {
            w.WriteString("state_changed_at", changed);
        }

        w.WritePropertyName("traits");
        identity.Traits.WriteTo(w);
        if (identity.VerifiableAddresses.Count > 0)
        {
            w.WriteStartArray("verifiable_addresses");
            foreach (var a in identity.VerifiableAddresses)
            {
                w.WriteStartObject();
                w.WriteString("id", a.Id);
                w.WriteString("value", a.Value);
                w.WriteBoolean("verified", a.Verified);
                w.WriteString("via", a.Via);
                w.WriteString("status", a.Status);
                if (a.VerifiedAt is { } verifiedAt)
                {
                    w.WriteString("verified_at", verifiedAt);
                }

                w.WriteString("created_at", a.CreatedAt);
                w.WriteString("updated_at", a.UpdatedAt);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (identity.RecoveryAddresses.Count > 0)
        {
            w.WriteStartArray("recovery_addresses");
            foreach (var a in identity.RecoveryAddresses)
            {
                w.WriteStartObject();
                w.WriteString("id", a.Id);
                w.WriteString("value", a.Value);
                w.WriteString("via", a.Via);
                w.WriteString("created_at", a.CreatedAt);
                w.WriteString("updated_at", a.UpdatedAt);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WritePropertyName("metadata_public");
        WriteOrNull(w, identity.MetadataPublic);
        if (view == IdentityView.Admin)
        {
            w.WritePropertyName("metadata_admin");
            WriteOrNull(w, identity.MetadataAdmin);
        }

        if (!string.IsNullOrEmpty(identity.ExternalId))
        {
            w.WriteString("external_id", identity.ExternalId);
        }

        w.WriteString("created_at", identity.CreatedAt);
        w.WriteString("updated_at", identity.UpdatedAt);
        if (identity.OrganizationId is { } org)
        {
            w.WriteString("organization_id", org);
        }
        else
        {
            w.WriteNull("organization_id");
        }

        w.WriteEndObject();
    }

    public static string SchemaUrl(Uri publicBaseUrl, string schemaId) =>
        new Uri(publicBaseUrl, "schemas/" + Schemas.IdentitySchema.Base64UrlEncode(schemaId)).ToString();

    static void WriteOrNull(Utf8JsonWriter w, System.Text.Json.Nodes.JsonNode? node)
    {
        if (node is null)
        {
            w.WriteNullValue();
        }
        else
        {
            node.WriteTo(w);
        }
    }
}
