using System.Text.Json.Nodes;

namespace Tessera.Errors;

/// <summary>Kratos's generic error object (<c>{"error":{…}}</c>); returned by value, never thrown.</summary>
internal sealed record ApiError(int Code, string Message, string? Id = null, string? Reason = null, JsonObject? Details = null)
{
    public ApiError WithReason(string reason) => this with { Reason = reason };
}
