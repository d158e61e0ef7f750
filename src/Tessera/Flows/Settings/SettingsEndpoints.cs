namespace Tessera.Flows.Settings;

/// <summary>
/// The settings flow's public routes: browser and api init, get, submit (POST, or GET when a browser comes back from
/// re-authenticating), and <c>/.well-known/change-password</c>.
/// </summary>
internal static class SettingsEndpoints
{
    public static void MapPublic(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/self-service/settings/browser", static (HttpContext c, SettingsFlows flows) => flows.InitAsync(c, Flow.Browser));
        routes.MapGet("/self-service/settings/api", static (HttpContext c, SettingsFlows flows) => flows.InitAsync(c, Flow.Api));
        routes.MapGet("/self-service/settings/flows", static (HttpContext c, SettingsFlows flows) => flows.GetAsync(c));
        routes.MapPost("/self-service/settings", static (HttpContext c, SettingsFlows flows) => flows.SubmitAsync(c));
        routes.MapGet("/self-service/settings", static (HttpContext c, SettingsFlows flows) => flows.SubmitAsync(c));
        routes.MapGet("/.well-known/change-password", static (FlowOptions options) => FlowResponder.Redirect(303, options.UiUrl(FlowKind.Settings)));
    }
}
