using System.Net;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Tessera.Config;
using Tessera.Courier.Templates;
using Tessera.Courier;
using Tessera.Flows.Logout;
using Tessera.Flows;
using Tessera.Flows.Codes;
using Tessera.Flows.Login;
using Tessera.Flows.Recovery;
using Tessera.Flows.Registration;
using Tessera.Flows.Settings;
using Tessera.Flows.Verification;
using Tessera.Hooks;
using Tessera.Hooks.WebHooks;
using Tessera.Strategies;
using Tessera.Strategies.Code;
using Tessera.Strategies.Link;
using Tessera.Strategies.LookupSecret;
using Tessera.Strategies.Passkey;
using Tessera.Strategies.Password;
using Tessera.Strategies.Profile;
using Tessera.Strategies.Totp;
using Tessera.Strategies.WebAuthn;
using Tessera.Hashing;
using Tessera.Identities;
using Tessera.Persistence;
using Tessera.Schemas;
using Tessera.Security;
using Tessera.Sessions;

namespace Tessera.Hosting;

/// <summary>Builds the one WebApplication that serves both listeners: services, Kestrel, the middleware order and the routes.</summary>
internal static class TesseraApp
{
    public const long MaxBodyBytes = 5 * 1024 * 1024;

    public static async Task<WebApplication> BuildAsync(TesseraConfig config, TesseraAppOptions? options = null, CancellationToken ct = default)
    {
        options ??= new TesseraAppOptions();
        if (!Dsn.TryParse(config.Dsn, out var dsn, out var dsnError))
        {
            throw new StartupException("dsn: " + dsnError);
        }

        var builder = StartupWork.TakeBuilder();
        ConfigureLogging(builder.Logging, config, options);

        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = MaxBodyBytes;
            Listen(kestrel, config.Public, Listener.Public);
            Listen(kestrel, config.Admin, Listener.Admin);
        });

        var database = new Database(dsn);
        var migrator = new Migrator(database);
        var readiness = new Readiness();
        var time = options.Time ?? TimeProvider.System;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var warnings = new List<string>();
        var schemas = await SchemaRegistry.LoadAsync(config, http, warnings.Add, ct).ConfigureAwait(false);
        var templates = await CourierTemplates.LoadAsync(config, http, time, warnings.Add, ct).ConfigureAwait(false);
        var webHooks = await WebHookCatalog.LoadAsync(config, http, warnings.Add, ct).ConfigureAwait(false);

        builder.Services.AddSingleton(config);
        builder.Services.AddSingleton(database);
        builder.Services.AddSingleton(migrator);
        builder.Services.AddSingleton(readiness);
        builder.Services.AddSingleton(schemas);
        builder.Services.AddSingleton(templates);
        builder.Services.AddSingleton(webHooks);
        // Made by the container so that it is disposed with the app.
        builder.Services.AddSingleton(_ => new WebHookClient(options.WebHookTimeout, options.WebHookRetryWait));
        builder.Services.AddSingleton(time);
        builder.Services.AddSingleton(Hashers.FromConfig(config));
        builder.Services.AddSingleton<IdentityChanges>();
        builder.Services.AddSingleton<IdentityStore>();
        builder.Services.AddSingleton<CredentialFactors>();
        builder.Services.AddSingleton<CredentialViews>();
        builder.Services.AddSingleton<IdentityWriter>();
        builder.Services.AddSessions();
        builder.Services.AddPasswordPolicy(config);
        try
        {
            builder.Services.AddSingleton(new CredentialRateLimit(options.CredentialRateLimit ?? Environment.GetEnvironmentVariable(CredentialRateLimit.Variable)));
        }
        catch (ArgumentException e)
        {
            throw new StartupException(e.Message);
        }

        AddFlows(builder.Services);
        await builder.Services.AddCourierAsync(config, options.WatchCourier, http, warnings.Add, ct).ConfigureAwait(false);

        var app = builder.Build();
        foreach (var warning in warnings)
        {
            Log.ConfigWarning(app.Logger, warning);
        }

        if (options.Migrate || config.Dev || dsn.InMemory)
        {
            foreach (var applied in await migrator.ApplyAsync(ct).ConfigureAwait(false))
            {
                Log.AppliedMigration(app.Logger, applied.Version, applied.Name);
            }
        }

        var pending = await migrator.PendingAsync(ct).ConfigureAwait(false);
        readiness.MigrationsApplied = pending.Count == 0;
        if (pending.Count > 0)
        {
            Log.PendingMigrations(app.Logger, pending.Count);
        }

        app.UseKratosErrors();
        app.UseListenerRouting(config.Public.BaseUrl, config.Admin.BaseUrl);
        // Routing runs after the listener rewrote the path (the admin prefix is optional on the admin listener).
        app.UseRouting();
        app.Use((context, next) =>
        {
            if (HttpMethods.IsGet(context.Request.Method))
            {
                context.Response.Headers.CacheControl = "private, no-cache, no-store, must-revalidate";
            }

            return next(context);
        });

        HealthEndpoints.Map(app, "");
        HealthEndpoints.Map(app, "/admin");
        SchemaEndpoints.Map(app, "");
        SchemaEndpoints.Map(app, "/admin");
        AdminIdentityEndpoints.Map(app.MapGroup("/admin"));
        SessionEndpoints.Map(app);
        AdminSessionEndpoints.Map(app.MapGroup("/admin"));
        CourierEndpoints.MapAdmin(app.MapGroup("/admin"));
        LogoutEndpoints.Map(app);
        ErrorEndpoints.MapPublic(app);
        LoginEndpoints.MapPublic(app);
        RegistrationEndpoints.MapPublic(app);
        SettingsEndpoints.MapPublic(app);
        RecoveryEndpoints.MapPublic(app);
        RecoveryEndpoints.MapAdmin(app.MapGroup("/admin"));
        VerificationEndpoints.MapPublic(app);
        Tessera.WebAuthn.WebAuthnScript.MapPublic(app);
        return app;
    }

    /// <summary>The self-service flow engine, the strategies and the hooks.</summary>
    static void AddFlows(IServiceCollection services)
    {
        services.AddSingleton<FlowOptions>();
        services.AddSingleton<ReturnTo>();
        services.AddSingleton<Csrf>();
        services.AddSingleton<FlowFactory>();
        services.AddSingleton<FlowOpening>();
        services.AddSingleton<FlowStore>();
        services.AddSingleton<FlowLoader>();
        services.AddSingleton<FlowResponder>();
        services.AddSingleton<ErrorContainerStore>();
        services.AddSingleton(sp => new HashingGate(Argon2WorkerProcess.DefaultStart(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("Tessera.Hashing")));
        services.AddSingleton<OneTimeCodeStore>();
        services.AddSingleton<CodeMessages>();
        services.AddSingleton<SecretDelivery>();
        services.AddSingleton<CodeForms>();
        services.AddSingleton<ProfileStrategy>();
        services.AddSingleton<PasswordStrategy>();
        services.AddSingleton<CodeStrategy>();
        services.AddSingleton<LinkStrategy>();
        services.AddSingleton<TotpStepStore>();
        services.AddSingleton<TotpStrategy>();
        services.AddSingleton<LookupSecretStrategy>();
        services.AddSingleton<Tessera.WebAuthn.UsedChallenges>();
        services.AddSingleton<PasskeyStrategy>();
        services.AddSingleton<WebAuthnStrategy>();
        services.AddSingleton<StrategyCatalog>();
        services.AddSingleton<StrategyRunner>();
        services.AddSingleton<FlowHooks>();
        services.AddSingleton<WebHookRunner>();
        services.AddSingleton<FlowWebHooks>();
        services.AddSingleton<LoginCompletion>();
        services.AddSingleton<LoginFlows>();
        services.AddSingleton<RegistrationCompletion>();
        services.AddSingleton<RegistrationFlows>();
        services.AddSingleton<SettingsForm>();
        services.AddSingleton<SettingsContinuity>();
        services.AddSingleton<SettingsCompletion>();
        services.AddSingleton<SettingsFlows>();
        services.AddSingleton<RecoveryCompletion>();
        services.AddSingleton<RecoveryFlows>();
        services.AddSingleton<VerificationFlows>();
        // The implicit verification hook: registration, settings and require_verified_address send through it.
        services.AddSingleton<IAddressVerification, AddressVerifier>();
        services.AddSingleton<PreviousAddressNotice>();
    }

    static void Listen(KestrelServerOptions kestrel, ListenerConfig listener, Listener kind)
    {
        void Configure(ListenOptions o) => o.Use(next => connection =>
        {
            connection.Items[ListenerExtensions.ItemKey] = kind;
            return next(connection);
        });

        if (listener.Host is "localhost")
        {
            kestrel.ListenLocalhost(listener.Port, Configure);
        }
        else if (IPAddress.TryParse(listener.Host.Trim('[', ']'), out var address))
        {
            kestrel.Listen(address, listener.Port, Configure);
        }
        else
        {
            kestrel.Listen(Dns.GetHostAddresses(listener.Host)[0], listener.Port, Configure);
        }
    }

    /// <summary>One line per event on the console, UTC times, at <c>log.level</c>; shared with <c>tessera courier watch</c>.</summary>
    public static void ConfigureLogging(ILoggingBuilder logging, TesseraConfig config, TesseraAppOptions options)
    {
        logging.ClearProviders();
        logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "yyyy-MM-ddTHH:mm:ss.fffZ ";
            o.UseUtcTimestamp = true;
        });
        logging.SetMinimumLevel(MapLevel(config.LogLevel));
        logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        options.ConfigureLogging?.Invoke(logging);
    }

    static LogLevel MapLevel(string level) => level.ToLowerInvariant() switch
    {
        "trace" => LogLevel.Trace,
        "debug" => LogLevel.Debug,
        "warn" or "warning" => LogLevel.Warning,
        "error" => LogLevel.Error,
        "fatal" or "panic" => LogLevel.Critical,
        _ => LogLevel.Information,
    };
}
