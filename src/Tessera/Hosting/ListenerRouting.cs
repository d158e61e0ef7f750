namespace Tessera.Hosting;

/// <summary>
/// Kratos's split between the two listeners: the admin listener serves <c>/admin/…</c> (the prefix is optional there)
/// and sends self-service paths to the public base URL; the public listener sends admin paths to the admin base URL.
/// </summary>
internal static class ListenerRouting
{
    static readonly string[] PublicOnlyOnAdmin = ["/self-service", "/sessions/whoami", "/.well-known"];

    // Admin paths Kratos also accepts without the prefix on the public listener, answered with a redirect.
    static readonly string[] AdminPathsWithoutPrefix = ["/identities", "/recovery/link", "/recovery/code"];

    public static void UseListenerRouting(this WebApplication app, Uri publicBase, Uri adminBase)
    {
        app.Use((context, next) =>
        {
            var path = context.Request.Path.Value ?? "/";
            if (context.GetListener() == Listener.Admin)
            {
                foreach (var prefix in PublicOnlyOnAdmin)
                {
                    var stripped = path.StartsWith("/admin/", StringComparison.Ordinal) ? path[6..] : path;
                    if (StartsWithSegment(stripped, prefix))
                    {
                        return Redirect(context, publicBase, stripped);
                    }
                }

                if (!StartsWithSegment(path, "/admin"))
                {
                    path = "/admin" + path;
                }

                if (path.Length > 1 && path.EndsWith('/'))
                {
                    path = path.TrimEnd('/');
                }

                context.Request.Path = path;
                return next(context);
            }

            if (StartsWithSegment(path, "/admin") && !StartsWithSegment(path, "/admin/schemas"))
            {
                return Redirect(context, adminBase, path);
            }

            foreach (var prefix in AdminPathsWithoutPrefix)
            {
                if (StartsWithSegment(path, prefix))
                {
                    return Redirect(context, adminBase, "/admin" + path);
                }
            }

            return next(context);
        });
    }

    static bool StartsWithSegment(string path, string prefix) =>
        path.StartsWith(prefix, StringComparison.Ordinal) && (path.Length == prefix.Length || path[prefix.Length] == '/');

    static Task Redirect(HttpContext context, Uri baseUrl, string path)
    {
        var target = new Uri(baseUrl, path.TrimStart('/')) + context.Request.QueryString.Value;
        context.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
        context.Response.Headers.Location = target;
        return Task.CompletedTask;
    }
}
