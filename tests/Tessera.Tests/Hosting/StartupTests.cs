using System.Net;
using Tessera.Config;
using Tessera.Hosting;
using Tessera.Tests.Infrastructure;
using Xunit;

namespace Tessera.Tests.Hosting;

/// <summary>Kratos's own example config and schema start Tessera unchanged; bad configs and schemas stop it with a reason.</summary>
public sealed class StartupTests
{
    [Fact]
    public async Task The_kratos_quickstart_config_starts_the_server_with_its_schema_next_to_it()
    {
        var folder = Directory.CreateTempSubdirectory("tessera-quickstart-");
        try
        {
            File.Copy(TesseraServer.FixturePath("kratos", "kratos.email-password.yml"), Path.Combine(folder.FullName, "kratos.yml"));
            // The config names file:///etc/config/kratos/identity.schema.json, the path inside Kratos's container.
            File.Copy(TesseraServer.FixturePath("kratos", "identity.email-password.schema.json"), Path.Combine(folder.FullName, "identity.schema.json"));
            var publicPort = FreePort.Next();
            var adminPort = FreePort.Next();
            var loaded = ConfigLoader.Load([Path.Combine(folder.FullName, "kratos.yml")],
                [new("SERVE_PUBLIC_PORT", publicPort.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                 new("SERVE_ADMIN_PORT", adminPort.ToString(System.Globalization.CultureInfo.InvariantCulture))]);
            Assert.Empty(loaded.Errors);

            await using var app = await TesseraApp.BuildAsync(new TesseraConfig(loaded.Config, folder.FullName, devFlag: false));
            await app.StartAsync(TestContext.Current.CancellationToken);
            using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}/") };
            using var ready = await admin.GetAsync("/health/ready", TestContext.Current.CancellationToken);
            Assert.Equal(HttpStatusCode.OK, ready.StatusCode); // dsn: memory is migrated at start

            var (status, body, _) = await admin.PostJsonAsync("/admin/identities", HttpJson.EmailIdentity("quick@example.com"));
            Assert.Equal(HttpStatusCode.Created, status);
            // base_url from the config, not the port it listens on
            Assert.Equal("http://127.0.0.1:4433/schemas/ZGVmYXVsdA", body!["schema_url"]!.GetValue<string>());
            await app.StopAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task A_missing_schema_file_stops_start_up_naming_it()
    {
        var config = TesseraServer.DefaultConfig("memory", FreePort.Next(), FreePort.Next());
        config["identity"]!["schemas"]![0]!["url"] = "file:///nowhere/identity.schema.json";
        var error = await Assert.ThrowsAsync<Tessera.Schemas.SchemaLoadException>(() => TesseraApp.BuildAsync(new TesseraConfig(config, null, false)));
        Assert.Contains("/nowhere/identity.schema.json", error.Message);
    }

    [Fact]
    public async Task A_base64_schema_loads()
    {
        var schema = await File.ReadAllBytesAsync(TesseraServer.FixturePath("schemas", "email-password.schema.json"), TestContext.Current.CancellationToken);
        var config = TesseraServer.DefaultConfig("memory", FreePort.Next(), FreePort.Next());
        config["identity"]!["schemas"]![0]!["url"] = "base64://" + Convert.ToBase64String(schema);
        await using var app = await TesseraApp.BuildAsync(new TesseraConfig(config, null, false));
        Assert.NotNull(app);
    }

    [Fact]
    public async Task An_unknown_default_schema_id_stops_start_up()
    {
        var config = TesseraServer.DefaultConfig("memory", FreePort.Next(), FreePort.Next());
        config["identity"]!["default_schema_id"] = "missing";
        var error = await Assert.ThrowsAsync<Tessera.Schemas.SchemaLoadException>(() => TesseraApp.BuildAsync(new TesseraConfig(config, null, false)));
        Assert.Contains("identity.default_schema_id", error.Message);
    }

    [Fact]
    public async Task Without_migrations_readiness_is_503_until_they_are_applied()
    {
        await using var database = TestDatabase.Sqlite();
        var publicPort = FreePort.Next();
        var adminPort = FreePort.Next();
        var config = TesseraServer.DefaultConfig(database.Dsn, publicPort, adminPort);
        config["dev"] = false;
        await using var app = await TesseraApp.BuildAsync(new TesseraConfig(config, null, false));
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort}/") };

        var (status, body, _) = await admin.GetJsonAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
        Assert.Contains("migrate sql", body!["error"]!["reason"]!.GetValue<string>());

        await using (var db = new Tessera.Persistence.Database(Tessera.Persistence.Dsn.TryParse(database.Dsn, out var dsn, out _) ? dsn : null!))
        {
            await new Tessera.Persistence.Migrator(db).ApplyAsync(TestContext.Current.CancellationToken);
        }

        Assert.Equal(HttpStatusCode.OK, (await admin.GetJsonAsync("/health/ready")).Status);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }

    [Theory]
    [InlineData("", "wal")]
    [InlineData("&_journal_mode=DELETE", "delete")]
    [InlineData("&_journal=Delete", "delete")]
    public async Task A_sqlite_file_uses_write_ahead_logging_unless_the_dsn_names_another_journal_mode(string query, string expected)
    {
        await using var database = TestDatabase.Sqlite();
        var config = TesseraServer.DefaultConfig(database.Dsn + query, FreePort.Next(), FreePort.Next());
        await using (var app = await TesseraApp.BuildAsync(new TesseraConfig(config, null, false), new TesseraAppOptions { Migrate = true }))
        {
            Assert.NotNull(app);
        }

        var file = database.Dsn["sqlite://".Length..database.Dsn.IndexOf('?', StringComparison.Ordinal)];
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={file};Pooling=false");
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal(expected, (string?)await command.ExecuteScalarAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_unknown_sqlite_journal_mode_stops_start_up()
    {
        var config = TesseraServer.DefaultConfig("sqlite://never-created.db?_journal_mode=truncate", FreePort.Next(), FreePort.Next());
        var error = await Assert.ThrowsAsync<StartupException>(() => TesseraApp.BuildAsync(new TesseraConfig(config, null, false)));
        Assert.Contains("_journal_mode", error.Message);
    }
}
