using Xunit;

namespace Tessera.Tests.Infrastructure;

/// <summary>One server per test class and database kind; tests share it and use unique identifiers.</summary>
public abstract class ServerFixture : IAsyncLifetime
{
    internal TesseraServer? Server { get; private set; }

    internal string? SkipReason { get; private set; }

    private protected abstract Task<TestDatabase?> CreateDatabaseAsync();

    public async ValueTask InitializeAsync()
    {
        var database = await CreateDatabaseAsync();
        if (database is null)
        {
            SkipReason = TestDatabase.PostgresUnavailableReason();
            return;
        }

        Server = await TesseraServer.StartAsync(database);
    }

    public async ValueTask DisposeAsync()
    {
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
}

public sealed class SqliteServerFixture : ServerFixture
{
    private protected override Task<TestDatabase?> CreateDatabaseAsync() => Task.FromResult<TestDatabase?>(TestDatabase.Sqlite());
}

public sealed class PostgresServerFixture : ServerFixture
{
    private protected override async Task<TestDatabase?> CreateDatabaseAsync() =>
        TestDatabase.PostgresUnavailableReason() is null ? await TestDatabase.PostgresAsync() : null;
}
