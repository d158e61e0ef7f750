namespace Tessera.Flows.Registration;

/// <summary>The registration flow's public routes: browser and api init, get, and submit.</summary>
internal static class RegistrationEndpoints
{
    public static void MapPublic(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/self-service/registration/browser", static (HttpContext c, RegistrationFlows flows) => flows.InitAsync(c, Flow.Browser));
        routes.MapGet("/self-service/registration/api", static (HttpContext c, RegistrationFlows flows) => flows.InitAsync(c, Flow.Api));
        routes.MapGet("/self-service/registration/flows", static (HttpContext c, RegistrationFlows flows) => flows.GetAsync(c));
        routes.MapPost("/self-service/registration", static (HttpContext c, RegistrationFlows flows) => flows.SubmitAsync(c));
        routes.MapGet("/self-service/registration", static (HttpContext c, RegistrationFlows flows) => flows.SubmitAsync(c));
    }
}
