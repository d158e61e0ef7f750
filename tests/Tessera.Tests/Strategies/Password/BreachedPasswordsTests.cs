using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Tessera.Strategies.Password;
using Tessera.Tests.Infrastructure;
using Xunit;

namespace Tessera.Tests.Strategies.Password;

/// <summary>The breach check against a real range server on loopback.</summary>
public sealed class BreachedPasswordsTests : IAsyncLifetime
{
    const string Breached = "password123";
    const string Rare = "once-seen-passphrase";
    const string Clean = "a clean and unbreached passphrase";

    readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero));
    RangeServer _server = null!;

    public async ValueTask InitializeAsync() =>
        _server = await RangeServer.StartAsync(new Dictionary<string, long> { [Breached] = 251682, [Rare] = 3 });

    public async ValueTask DisposeAsync() => await _server.DisposeAsync();

    PasswordPolicyOptions Options => new() { HaveIBeenPwnedHost = _server.Url.ToString().TrimEnd('/') };

    (PasswordPolicy Policy, BreachedPasswords Breaches) Build(PasswordPolicyOptions options, int cacheCapacity = BreachedPasswords.DefaultCacheCapacity)
    {
        var breaches = new BreachedPasswords(options.RangeBaseUri, _time, NullLogger<BreachedPasswords>.Instance, cacheCapacity);
        return (new PasswordPolicy(options, bcryptLimit: true, breaches, NullLogger<PasswordPolicy>.Instance), breaches);
    }

    [Fact]
    public async Task A_breached_password_is_4000034_with_its_count()
    {
        var (policy, breaches) = Build(Options);
        using var _ = breaches;

        var rejected = Assert.IsType<PasswordPolicyViolation.Rejected>(
            await policy.CheckAsync(Breached, ["ada@example.com"], TestContext.Current.CancellationToken));

        Assert.Equal(4000034, rejected.Id);
        Assert.Equal(
            """{"id":4000034,"text":"The password has been found in data breaches and must no longer be used.","type":"error","context":{"breaches":251682}}""",
            rejected.ToUiMessage().ToJsonString());
        Assert.Equal("true", _server.LastAddPaddingHeader);
    }

    [Fact]
    public async Task A_clean_password_is_accepted()
    {
        var (policy, breaches) = Build(Options);
        using var _ = breaches;

        Assert.Null(await policy.CheckAsync(Clean, ["ada@example.com"], TestContext.Current.CancellationToken));
        Assert.Equal(1, _server.Requests);
        Assert.Equal(0, await breaches.CountAsync(Clean, TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(2, true)]
    [InlineData(3, false)]
    [InlineData(100, false)]
    public async Task Max_breaches_allows_passwords_seen_at_most_that_often(int maxBreaches, bool refused)
    {
        var (policy, breaches) = Build(Options with { MaxBreaches = maxBreaches });
        using var _ = breaches;

        var result = await policy.CheckAsync(Rare, [], TestContext.Current.CancellationToken);

        if (refused)
        {
            Assert.Equal("""{"breaches":3}""", Assert.IsType<PasswordPolicyViolation.Rejected>(result).Context!.ToJsonString());
        }
        else
        {
            Assert.Null(result);
        }
    }

    [Fact]
    public async Task Counts_are_cached_for_an_hour()
    {
        var (policy, breaches) = Build(Options);
        using var _ = breaches;
        var ct = TestContext.Current.CancellationToken;

        Assert.NotNull(await policy.CheckAsync(Breached, [], ct));
        Assert.Null(await policy.CheckAsync(Clean, [], ct));
        Assert.Equal(2, _server.Requests);

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.NotNull(await policy.CheckAsync(Breached, [], ct));
        Assert.Null(await policy.CheckAsync(Clean, [], ct));
        Assert.Equal(2, _server.Requests);

        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.NotNull(await policy.CheckAsync(Breached, [], ct));
        Assert.Equal(3, _server.Requests);
    }

    [Fact]
    public async Task The_cache_is_bounded_and_forgets_the_oldest_first()
    {
        var (_, breaches) = Build(Options, cacheCapacity: 2);
        using var _ = breaches;
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(251682, await breaches.CountAsync(Breached, ct));
        Assert.Equal(3, await breaches.CountAsync(Rare, ct));
        Assert.Equal(0, await breaches.CountAsync(Clean, ct));
        Assert.Equal(3, _server.Requests);

        Assert.Equal(0, await breaches.CountAsync(Clean, ct));
        Assert.Equal(3, await breaches.CountAsync(Rare, ct));
        Assert.Equal(3, _server.Requests);

        Assert.Equal(251682, await breaches.CountAsync(Breached, ct));
        Assert.Equal(4, _server.Requests);
    }

    [Fact]
    public async Task Failures_are_not_cached()
    {
        var (_, breaches) = Build(Options);
        using var _ = breaches;
        var ct = TestContext.Current.CancellationToken;

        _server.ForcedStatus = 503;
        Assert.Null(await breaches.CountAsync(Breached, ct));
        _server.ForcedStatus = null;
        Assert.Equal(251682, await breaches.CountAsync(Breached, ct));
        Assert.Equal(2, _server.Requests);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_server_that_is_down_passes_only_when_network_errors_are_ignored(bool ignoreNetworkErrors)
    {
        var options = new PasswordPolicyOptions
        {
            HaveIBeenPwnedHost = $"http://127.0.0.1:{FreePort.Next()}",
            IgnoreNetworkErrors = ignoreNetworkErrors,
        };
        var (policy, breaches) = Build(options);
        using var _ = breaches;

        var result = await policy.CheckAsync(Breached, [], TestContext.Current.CancellationToken);

        if (ignoreNetworkErrors)
        {
            Assert.Null(result);
        }
        else
        {
            Assert.Same(PasswordPolicyViolation.BreachServerUnavailable.Instance, result);
            Assert.Equal(502, PasswordPolicyViolation.BreachServerUnavailable.Status);
            Assert.Equal("Leaked password server unavailable", PasswordPolicyViolation.BreachServerUnavailable.Reason);
        }
    }

    [Theory]
    [InlineData(500, true)]
    [InlineData(429, true)]
    [InlineData(404, false)]
    public async Task A_status_other_than_200_counts_as_unavailable(int status, bool ignoreNetworkErrors)
    {
        var (policy, breaches) = Build(Options with { IgnoreNetworkErrors = ignoreNetworkErrors });
        using var _ = breaches;
        _server.ForcedStatus = status;

        var result = await policy.CheckAsync(Breached, [], TestContext.Current.CancellationToken);

        Assert.Equal(ignoreNetworkErrors ? null : PasswordPolicyViolation.BreachServerUnavailable.Instance, result);
    }

    [Fact]
    public async Task The_breach_check_runs_last_and_only_when_enabled()
    {
        var (policy, breaches) = Build(Options);
        using var _ = breaches;
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(4000032, Assert.IsType<PasswordPolicyViolation.Rejected>(await policy.CheckAsync("short", [], ct)).Id);
        Assert.Equal(4000031, Assert.IsType<PasswordPolicyViolation.Rejected>(await policy.CheckAsync(Breached, ["password12"], ct)).Id);
        Assert.Equal(0, _server.Requests);

        var (disabled, disabledBreaches) = Build(Options with { HaveIBeenPwnedEnabled = false });
        using var __ = disabledBreaches;
        Assert.Null(await disabled.CheckAsync(Breached, [], ct));
        Assert.Equal(0, _server.Requests);
    }

    [Fact]
    public async Task Only_the_first_five_upper_case_hex_digits_of_the_sha1_are_sent()
    {
        var (_, breaches) = Build(Options);
        using var _ = breaches;

        Assert.Equal("CBFDAC6008F9CAB4083784CBD1874F76618D2A97", BreachedPasswords.Sha1Hex(Breached));
        await breaches.CountAsync(Breached, TestContext.Current.CancellationToken);
        Assert.Equal("/range/CBFDA", _server.LastPath);
    }

    [Theory]
    [InlineData("1E4C9B93F3F0682250B6CF8331B7EE68FD8:3\r\n0018A45C4D1DEF81644B54AB7F969B88D65:0\r\n", 3)]
    [InlineData("1e4c9b93f3f0682250b6cf8331b7ee68fd8:3\n", 3)]
    [InlineData("  1E4C9B93F3F0682250B6CF8331B7EE68FD8 : 42 \r\n\r\n", 42)]
    [InlineData("1E4C9B93F3F0682250B6CF8331B7EE68FD8\r\n", 1)]
    [InlineData("0018A45C4D1DEF81644B54AB7F969B88D65:0\r\n", 0)]
    [InlineData("", 0)]
    public void Range_lines_are_parsed(string body, long expected)
    {
        Assert.True(BreachedPasswords.TryFindCount(body, "1E4C9B93F3F0682250B6CF8331B7EE68FD8", out var count));
        Assert.Equal(expected, count);
    }

    [Theory]
    [InlineData("1E4C9B93F3F0682250B6CF8331B7EE68FD8:many\r\n")]
    [InlineData("<html>1E4C9B93F3F0682250B6CF8331B7EE68FD8:-1</html>")]
    public void Answers_that_are_not_range_lists_are_refused(string body) =>
        Assert.False(BreachedPasswords.TryFindCount(body, "1E4C9B93F3F0682250B6CF8331B7EE68FD8", out _));
}
