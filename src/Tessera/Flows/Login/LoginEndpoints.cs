using Tessera.Errors;
using Tessera.Flows.Ui;
using Tessera.Hosting;
using Tessera.Schemas;
using Tessera.Sessions;
using Tessera.Strategies;
using Tessera.Text;

namespace Tessera.Flows.Login;

/// <summary>The login flow's public routes: browser and api init, get, and submit (POST, or GET for link-style UIs).</summary>
internal static class LoginEndpoints
{
    public static void MapPublic(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/self-service/login/browser", static (HttpContext c, LoginFlows flows) => flows.InitAsync(c, Flow.Browser));
        routes.MapGet("/self-service/login/api", static (HttpContext c, LoginFlows flows) => flows.InitAsync(c, Flow.Api));
        routes.MapGet("/self-service/login/flows", static (HttpContext c, FlowLoader loader) => loader.GetAsync(c, FlowKind.Login));
        routes.MapPost("/self-service/login", static (HttpContext c, LoginFlows flows) => flows.SubmitAsync(c));
        routes.MapGet("/self-service/login", static (HttpContext c, LoginFlows flows) => flows.SubmitAsync(c));
    }
}
