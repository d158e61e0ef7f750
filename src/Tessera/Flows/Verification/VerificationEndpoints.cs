namespace Tessera.Flows.Verification;

/// <summary>
/// The verification flow's public routes: browser and api init, get, and submit (POST, or GET for the links of the
/// e-mails: <c>?flow=&amp;code=</c> fills the code in, <c>?flow=&amp;token=</c> verifies at once).
/// </summary>
internal static class VerificationEndpoints
{
    public static void MapPublic(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/self-service/verification/browser", static (HttpContext c, VerificationFlows flows) => flows.InitAsync(c, Flow.Browser));
        routes.MapGet("/self-service/verification/api", static (HttpContext c, VerificationFlows flows) => flows.InitAsync(c, Flow.Api));
        routes.MapGet("/self-service/verification/flows", static (HttpContext c, VerificationFlows flows) => flows.GetAsync(c));
        routes.MapPost("/self-service/verification", static (HttpContext c, VerificationFlows flows) => flows.SubmitAsync(c));
        routes.MapGet("/self-service/verification", static (HttpContext c, VerificationFlows flows) => flows.SubmitAsync(c));
    }
}
