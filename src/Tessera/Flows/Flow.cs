using System.Text.Json;
using System.Text.Json.Nodes;
using Tessera.Flows.Ui;
using Tessera.Identities;

namespace Tessera.Flows;

/// <summary>
/// A self-service flow as stored: what every kind shares, plus <see cref="Data"/> for the fields of one kind
/// (<c>refresh</c> and <c>requested_aal</c> of login, <c>identity_schema</c>, <c>transient_payload</c>, …).
/// </summary>
internal sealed class Flow
{
    public const string Api = "api";
    public const string Browser = "browser";

    public Guid Id { get; set; }

    public FlowKind Kind { get; set; }

    public string Type { get; set; } = Browser;

    public string State { get; set; } = FlowStates.ChooseMethod;

    public string RequestUrl { get; set; } = "";

    public string? ReturnTo { get; set; }

    public string? Active { get; set; }

    public UiContainer Ui { get; set; } = new("");

    /// <summary>SHA-256 of the CSRF secret of the browser that created the flow: a fetch must come from that browser.</summary>
    public string? CsrfFingerprint { get; set; }

    public Guid? IdentityId { get; set; }

    public JsonObject Data { get; set; } = [];

    /// <summary>Settings: the identity the flow edits (the owner of <see cref="IdentityId"/>), written as <c>identity</c>; loaded per request, not stored.</summary>
    public Identity? Identity { get; set; }

    /// <summary>What the client should do next (<c>continue_with</c> entries); per answer, never stored, as in Kratos.</summary>
    public List<JsonObject> ContinueWith { get; } = [];

    public DateTime IssuedAt { get; set; }

    public DateTime ExpiresAt { get; set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public bool IsApi => Type == Api;

    public bool IsExpired(DateTime now) => ExpiresAt <= now;

    public bool Refresh
    {
        get => Data["refresh"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
        set => Data["refresh"] = value;
    }

    public string RequestedAal
    {
        get => Data["requested_aal"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : "aal1";
        set => Data["requested_aal"] = value;
    }

    public string? IdentitySchema
    {
        get => Data["identity_schema"] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        set => Data["identity_schema"] = value;
    }

    /// <summary>
    /// Recovery flows an administrator made (<c>POST /admin/recovery/code</c>): no browser holds their CSRF cookie, so
    /// fetching and submitting them skips the CSRF check, as Kratos's <c>DangerousSkipCSRFCheck</c>.
    /// </summary>
    public bool SkipCsrfCheck
    {
        get => Data["skip_csrf_check"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;
        set => Data["skip_csrf_check"] = value;
    }

    public JsonNode? TransientPayload
    {
        get => Data["transient_payload"];
        set => Data["transient_payload"] = value?.DeepClone();
    }
}
