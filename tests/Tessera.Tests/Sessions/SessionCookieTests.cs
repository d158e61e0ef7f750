using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using Tessera.Config;
using Tessera.Security;
using Tessera.Sessions;
using Tessera.Tests.Infrastructure;
using Xunit;
using static Tessera.Tests.Sessions.SessionTestSupport;

namespace Tessera.Tests.Sessions;

/// <summary>The session cookie's attributes (§9.3) as the server sets them, and its protection.</summary>
public abstract class SessionCookieTests(SessionServerFixture fixture)
{
    TesseraServer Server => fixture.Require();

    [Fact]
    public async Task The_cookie_is_http_only_lax_on_the_root_path_and_not_secure_in_dev()
    {
        var issued = await IssueAsync(Server, await NewIdentityAsync(Server));
        var attributes = issued.SetCookie.Split(';').Select(a => a.Trim()).ToList();

        Assert.StartsWith("ory_kratos_session=", attributes[0]);
        Assert.Contains(attributes, a => a.Equals("httponly", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(attributes, a => a.Equals("samesite=lax", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(attributes, a => a.Equals("path=/", StringComparison.OrdinalIgnoreCase));
        Assert.Contains(attributes, a => a.Equals("max-age=86400", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(attributes, a => a.Equals("secure", StringComparison.OrdinalIgnoreCase));
        Assert.DoesNotContain(issued.Token, issued.SetCookie);
        Assert.DoesNotContain(issued.Token["ory_st_".Length..], issued.SetCookie);
    }

    [Fact]
    public async Task Cookie_settings_come_from_session_cookie_then_cookies()
    {
        var server = await fixture.StartAnotherAsync(c =>
        {
            c["cookies"] = new JsonObject { ["path"] = "/base", ["domain"] = "example.test", ["same_site"] = "Strict" };
            c["session"] = new JsonObject
            {
                ["cookie"] = new JsonObject { ["name"] = "my_session", ["same_site"] = "None", ["secure"] = "true", ["persistent"] = false },
            };
        });
        var issued = await IssueAsync(server, await NewIdentityAsync(server));
        var attributes = issued.SetCookie.Split(';').Select(a => a.Trim().ToLowerInvariant()).ToList();

        Assert.StartsWith("my_session=", attributes[0]);
        Assert.Contains("path=/base", attributes);
        Assert.Contains("domain=example.test", attributes);
        Assert.Contains("samesite=none", attributes);
        Assert.Contains("secure", attributes);
        Assert.DoesNotContain(attributes, a => a.StartsWith("max-age", StringComparison.Ordinal) || a.StartsWith("expires", StringComparison.Ordinal));
        Assert.Equal(HttpStatusCode.OK, (await server.Public.SendAsync(HttpMethod.Get, "/sessions/whoami", Cookie(issued.Cookie))).Status);
    }

    [Fact]
    public void Outside_dev_the_cookie_is_secure_unless_configured()
    {
        var production = new SessionOptions(new TesseraConfig(new JsonObject(), null, devFlag: false));
        var dev = new SessionOptions(new TesseraConfig(new JsonObject(), null, devFlag: true));
        var overridden = new SessionOptions(new TesseraConfig(
            new JsonObject { ["session"] = new JsonObject { ["cookie"] = new JsonObject { ["secure"] = "false" } } }, null, devFlag: false));

        Assert.True(production.CookieSecure);
        Assert.False(dev.CookieSecure);
        Assert.False(overridden.CookieSecure);
        Assert.Equal(TimeSpan.FromHours(24), production.Lifespan);
        Assert.Equal("ory_kratos_session", production.CookieName);
    }

    [Fact]
    public void Rotated_secrets_still_open_old_cookies_and_foreign_ones_do_not()
    {
        static CookieCipher Cipher(params string[] secrets) => new(new Secrets(
            new TesseraConfig(new JsonObject { ["secrets"] = new JsonObject { ["cookie"] = new JsonArray(secrets.Select(s => (JsonNode)s!).ToArray()) } },
                null, devFlag: true),
            NullLogger<Secrets>.Instance));

        var old = Cipher("the-old-secret-0123456789");
        var rotated = Cipher("the-new-secret-0123456789", "the-old-secret-0123456789");
        var foreign = Cipher("somebody-elses-secret-0123");
        var value = old.Protect("payload"u8, "session");

        Assert.Equal("payload"u8.ToArray(), rotated.Unprotect(value, "session"));
        Assert.Null(foreign.Unprotect(value, "session"));
        Assert.Null(rotated.Unprotect(value, "continuity"));
        Assert.Null(rotated.Unprotect("not base64 !!", "session"));
    }
}

public sealed class SessionCookieTests_Sqlite(SqliteSessionFixture fixture) : SessionCookieTests(fixture), IClassFixture<SqliteSessionFixture>;

public sealed class SessionCookieTests_Postgres(PostgresSessionFixture fixture) : SessionCookieTests(fixture), IClassFixture<PostgresSessionFixture>;
