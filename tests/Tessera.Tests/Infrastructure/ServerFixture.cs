using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Tessera.Tests.Infrastructure;

/// <summary>
/// One server per test class and database kind; tests share it and use unique identifiers. Subclasses choose the
/// config; the clock is fake so tests expire flows and sessions without sleeping.
/// </summary>
public abstract class ServerFixture : IAsyncLifetime
{
    readonly List<TesseraServer> _extra = [];

    /// <summary>The fixture's clock (a whole-microsecond start, as the databases keep); only used when <see cref="FakeClock"/>.</summary>
    internal FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 7, 29, 9, 30, 0, TimeSpan.Zero));

    /// <summary>Whether the server runs on <see cref="Time"/> rather than the real clock.</summary>
    private protected virtual bool FakeClock => false;

    /// <summary>Whether the servers run the courier worker, as <c>serve</c> does; off where a test drives delivery itself.</summary>
    private protected virtual bool WatchCourier => true;

    internal TesseraServer? Server { get; private set; }

    internal string? SkipReason { get; private set; }

    private protected abstract Task<TestDatabase?> CreateDatabaseAsync();

    private protected virtual void Configure(JsonObject config)
    {
    }

    public async ValueTask InitializeAsync()
    {
        var database = await CreateDatabaseAsync();
        if (database is null)
        {
            SkipReason = TestDatabase.PostgresUnavailableReason();
            return;
        }

        Server = await TesseraServer.StartAsync(database, Configure, FakeClock ? Time : null, watchCourier: WatchCourier);
    }

    /// <summary>A second server on a fresh database of the same kind, for tests that need other config.</summary>
    internal async Task<TesseraServer> StartAnotherAsync(Action<JsonObject> configure)
    {
        Require();
        var server = await TesseraServer.StartAsync((await CreateDatabaseAsync())!, c =>
        {
            Configure(c);
            configure(c);
        }, FakeClock ? Time : null, watchCourier: WatchCourier);
        _extra.Add(server);
        return server;
    }

    public virtual async ValueTask DisposeAsync()
    {
        foreach (var server in _extra)
        {
            await server.DisposeAsync();
        }

        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    internal TesseraServer Require()
    {
        if (Server is null)
        {
            Assert.Skip(SkipReason ?? "the server did not start");
        }

        return Server!;
    }

    private protected static Task<TestDatabase?> Sqlite() => Task.FromResult<TestDatabase?>(TestDatabase.Sqlite());

    private protected static async Task<TestDatabase?> PostgresIfAvailable() =>
        TestDatabase.PostgresUnavailableReason() is null ? await TestDatabase.PostgresAsync() : null;
}

public sealed class SqliteServerFixture : ServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => Sqlite();
}

public sealed class PostgresServerFixture : ServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => PostgresIfAvailable();
}
