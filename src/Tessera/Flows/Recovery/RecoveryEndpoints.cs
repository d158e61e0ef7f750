using Tessera.Strategies.Code;
using Tessera.Strategies.Link;

namespace Tessera.Flows.Recovery;

/// <summary>
/// The recovery flow's public routes (browser and api init, get, submit by POST or by GET for links) and the admin
/// routes that start a recovery for an identity.
/// </summary>
internal static class RecoveryEndpoints
{
    public static void MapPublic(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/self-service/recovery/browser", static (HttpContext c, RecoveryFlows flows) => flows.InitAsync(c, Flow.Browser));
        routes.MapGet("/self-service/recovery/api", static (HttpContext c, RecoveryFlows flows) => flows.InitAsync(c, Flow.Api));
        routes.MapGet("/self-service/recovery/flows", static (HttpContext c, RecoveryFlows flows) => flows.GetAsync(c));
        routes.MapPost("/self-service/recovery", static (HttpContext c, RecoveryFlows flows) => flows.SubmitAsync(c));
        routes.MapGet("/self-service/recovery", static (HttpContext c, RecoveryFlows flows) => flows.SubmitAsync(c));
    }

    public static void MapAdmin(RouteGroupBuilder admin)
    {
        admin.MapPost("/recovery/code", static (HttpContext c, CodeStrategy code) => code.CreateRecoveryCodeAsync(c));
        admin.MapPost("/recovery/link", static (HttpContext c, LinkStrategy link) => link.CreateRecoveryLinkAsync(c));
    }
}
