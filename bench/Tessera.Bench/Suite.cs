using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using Npgsql;

namespace Tessera.Bench;

/// <summary>The scenarios, in the order they run.</summary>
internal static partial class Suite
{
    const string Password = "correct horse battery staple 42";
    const int WhoamiConnections = 32;
    const int LoginConnections = 8;
    const int LoginIdentities = 64;
    const int SeedLoginConnections = 8;
    const int BatchSize = 1000;
    const int MaxCookieSessions = 1000;

    public static async Task RunAsync(Options opt, string root, string work, Report report)
    {
        var tessera = opt.Tessera ?? Publish(root, work, "src/Tessera", "tessera", ["-p:PublishAot=true"]);
        var floor = opt.Floor ?? Publish(root, work, "bench/Floor", "Floor", []);
        report.Binaries(tessera, floor);

        // Hashes for the imports: cost 4 for the seeded sessions, cost 12 for the login scenario.
        // Warm up BCrypt (the bench runs without tiered compilation, so this is fully optimised code).
        for (var i = 0; i < 3; i++) _ = BCrypt.Net.BCrypt.HashPassword(Password, BCrypt.Net.BCrypt.GenerateSalt(8, 'a'));
        var cost12 = BCrypt.Net.BCrypt.HashPassword(Password, BCrypt.Net.BCrypt.GenerateSalt(12, 'a'));
        var cost4 = BCrypt.Net.BCrypt.HashPassword(Password, BCrypt.Net.BCrypt.GenerateSalt(4, 'a'));
        var hashes = new Hashes(cost4, cost12);

        var schema = Path.Combine(work, "identity.schema.json");
        await File.WriteAllTextAsync(schema, """
            {"$schema":"http://json-schema.org/draft-07/schema#","type":"object","properties":{"traits":{"type":"object",
             "properties":{"email":{"type":"string","format":"email","ory.sh/kratos":{"credentials":{"password":{"identifier":true}},
             "verification":{"via":"email"},"recovery":{"via":"email"}}}},"required":["email"],"additionalProperties":false}}}
            """);

        var sqliteFile = Path.Combine(work, "tessera.db");
        await ScenariosAsync(opt, report, tessera, floor, work, schema, hashes, "SQLite", $"sqlite://{sqliteFile}?_fk=true", ["sqlite", sqliteFile]);
        if (opt.Runs("argon2")) await Argon2Async(opt, report, tessera, work, schema);

        if (opt.Postgres is string pg)
        {
            var adminCs = NpgsqlConnectionString(pg);
            var dbName = "tessera_bench_" + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
            Exec(adminCs, $"DROP DATABASE IF EXISTS {dbName}");
            Exec(adminCs, $"CREATE DATABASE {dbName}");
            try
            {
                var ub = new UriBuilder(new Uri(pg)) { Path = "/" + dbName };
                var cs = new NpgsqlConnectionStringBuilder(adminCs) { Database = dbName }.ConnectionString;
                await ScenariosAsync(opt, report, tessera, floor, work, schema, hashes, "PostgreSQL", ub.Uri.ToString(), ["postgres", cs]);
            }
            finally
            {
                NpgsqlConnection.ClearAllPools();
                Exec(adminCs, $"DROP DATABASE IF EXISTS {dbName} WITH (FORCE)");
            }
        }
    }

    static async Task ScenariosAsync(Options opt, Report report, string tessera, string floor, string work, string schema, Hashes hashes,
        string backend, string dsn, string[] floorTarget)
    {
        var r = report.Backend(backend);
        if (opt.Runs("whoami")) await BackendAsync(opt, r, report, tessera, floor, work, schema, hashes, backend, dsn, floorTarget, startup: backend == "SQLite");
        if (opt.Runs("import")) await ImportScenarioAsync(opt, r, tessera, work, schema, hashes, backend);
        if (opt.Runs("list")) await ListScenarioAsync(opt, r, tessera, work, schema, hashes, backend);
    }

    sealed record Hashes(string Cost4, string Cost12);

    /// <summary>The median of 5 single bcrypt-12 hashes, then hashes per second with one thread per core.</summary>
    /// <summary>
    /// One hash's time (median of 5, after 3 warm-ups) and hashes per second with one thread per core, in this process:
    /// what the machine gives a password hash, the reference for the login figures.
    /// </summary>
    internal static (double SingleSeconds, double ParallelPerSecond) TimeHashes(Action hash, int eachThread)
    {
        for (var i = 0; i < 3; i++) hash();
        var times = new List<double>();
        for (var i = 0; i < 5; i++)
        {
            var sw = Stopwatch.StartNew();
            hash();
            times.Add(sw.Elapsed.TotalSeconds);
        }
        times.Sort();
        var all = Stopwatch.StartNew();
        var threads = Enumerable.Range(0, Environment.ProcessorCount).Select(n => new Thread(() =>
        {
            for (var i = 0; i < eachThread; i++) hash();
        })).ToList();
        threads.ForEach(t => t.Start());
        threads.ForEach(t => t.Join());
        return (times[2], Environment.ProcessorCount * eachThread / all.Elapsed.TotalSeconds);
    }

    static async Task BackendAsync(Options opt, BackendResult r, Report report, string tessera, string floor, string work, string schema,
        Hashes hashes, string backend, string dsn, string[] floorTarget, bool startup)
    {
        var env = new Dictionary<string, string> { ["DSN"] = dsn };
        Console.WriteLine($"bench[{backend}]: migrate sql -e --yes");
        Procs.Run(tessera, ["migrate", "sql", "-e", "--yes"], work, env);

        // 1. Seed with a cheap hasher: the import and N api-flow logins. Outside dev mode Tessera (like Kratos) raises
        //    bcrypt costs below 12 to 12 and re-hashes on login, so the seeding server runs with dev: true and cost 4.
        //    Every figure below is measured on a production configuration (dev: false, bcrypt cost 12).
        string[] tokens;
        string[] cookies;
        using (var seed = await TesseraServer.StartAsync(tessera, work, schema, dsn, backend + "-seed", bcryptCost: 4, dev: true))
        {
            var emails = Enumerable.Range(0, opt.Sessions).Select(i => $"bench{i}@example.com").ToArray();
            Console.WriteLine($"bench[{backend}]: importing {emails.Length} identities through PATCH /admin/identities");
            var sw = Stopwatch.StartNew();
            await ImportAsync(seed.Admin, emails, hashes.Cost4);
            r.ImportSeconds = sw.Elapsed.TotalSeconds;
            r.ImportCount = emails.Length;
            await ImportAsync(seed.Admin, Enumerable.Range(0, LoginIdentities).Select(i => $"login{i}@example.com").ToArray(), hashes.Cost12);

            Console.WriteLine($"bench[{backend}]: logging in {emails.Length} times (api flows, bcrypt cost 4) for session tokens");
            sw.Restart();
            tokens = await SeedSessionsAsync(seed.Public, emails);
            r.SeedLoginsPerSecond = tokens.Length / sw.Elapsed.TotalSeconds;
            r.Sessions = tokens.Length;
            Console.WriteLine($"bench[{backend}]:   {r.SeedLoginsPerSecond:F0} logins/s");

            var cookieEmails = emails.Take(Math.Min(emails.Length, MaxCookieSessions)).ToArray();
            Console.WriteLine($"bench[{backend}]: logging in {cookieEmails.Length} times (browser flows, JSON) for session cookies");
            cookies = await SeedCookiesAsync(seed.Public, cookieEmails);
            r.CookieSessions = cookies.Length;
        }

        // 2. Exec to /health/ready (SQLite, migrations applied), median of 5; the floor's exec to /hello beside it.
        if (startup)
        {
            var starts = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                using var s = await TesseraServer.StartAsync(tessera, work, schema, dsn, backend + "-start", bcryptCost: 12);
                starts.Add(s.ReadyAfter.TotalMilliseconds);
            }
            starts.Sort();
            report.TesseraStartMs = starts[starts.Count / 2];
            var floorStarts = new List<double>();
            for (var i = 0; i < 5; i++)
            {
                using var f = await FloorServer.StartHelloAsync(floor, work);
                floorStarts.Add(f.ReadyAfter.TotalMilliseconds);
            }
            floorStarts.Sort();
            report.FloorStartMs = floorStarts[floorStarts.Count / 2];
        }

        // 3. The floor (same database, same number of sessions, its own table) and Tessera in its production
        //    configuration, both up; idle RSS of each after their first requests.
        using var fl = await FloorServer.StartAsync(floor, work, floorTarget, opt.Sessions, backend);
        var floorTokens = Enumerable.Range(0, opt.Sessions).Select(i => "ory_st_floor" + i.ToString("D12", CultureInfo.InvariantCulture)).ToArray();
        using var prod = await TesseraServer.StartAsync(tessera, work, schema, dsn, backend + "-prod", bcryptCost: 12);
        using (var c = Load.Client(1))
        {
            for (var i = 0; i < 10; i++)
            {
                if (!await Load.GetAsync(c, new Uri(prod.Public, "/sessions/whoami"), "X-Session-Token", tokens[i]))
                {
                    throw new InvalidOperationException("whoami with a seeded session token did not answer 200");
                }
                if (!await Load.GetAsync(c, new Uri(fl.Url, "/sessions/whoami"), "X-Session-Token", floorTokens[i]))
                {
                    throw new InvalidOperationException("the floor's whoami did not answer 200");
                }
            }
            (await c.GetAsync(new Uri(prod.Public, "/self-service/login/api"))).Dispose();
            (await c.GetAsync(new Uri(prod.Admin, "/admin/identities?page_size=100"))).Dispose();
        }
        await Task.Delay(1000);
        if (startup)
        {
            report.TesseraIdleRssKb = Procs.RssKb(prod.Pid);
            report.FloorIdleRssKb = Procs.RssKb(fl.Pid);
        }

        // 4. whoami by X-Session-Token, 32 connections, rotating through the tokens: Tessera and the floor in
        //    interleaved slices (T F T F), so that drift on a shared machine falls on both alike.
        Console.WriteLine($"bench[{backend}]: whoami, Tessera and floor interleaved, {WhoamiConnections} connections, {opt.Duration.TotalSeconds} s each");
        var half = opt.Duration / 2;
        var tParts = new List<LoadResult>();
        var cParts = new List<LoadResult>();
        var fParts = new List<LoadResult>();
        for (var round = 0; round < 2; round++)
        {
            tParts.Add(await WhoamiAsync(prod.Public, prod.Pid, tokens, half));
            cParts.Add(await WhoamiAsync(prod.Public, prod.Pid, cookies, half, header: "Cookie"));
            fParts.Add(await WhoamiAsync(fl.Url, fl.Pid, floorTokens, half));
        }
        r.TesseraWhoami = LoadResult.Merge(tParts);
        r.TesseraWhoamiCookie = LoadResult.Merge(cParts);
        r.FloorWhoami = LoadResult.Merge(fParts);
        r.TesseraRssUnderLoadKb = r.TesseraWhoami.MaxRssKb;
        r.FloorRssUnderLoadKb = r.FloorWhoami.MaxRssKb;
        Console.WriteLine($"bench[{backend}]:   Tessera {r.TesseraWhoami.PerSecond:F0} req/s, p50 {r.TesseraWhoami.P50Ms:F2} ms, p99 {r.TesseraWhoami.P99Ms:F2} ms, {r.TesseraWhoami.Failed} failed");
        Console.WriteLine($"bench[{backend}]:   cookie  {r.TesseraWhoamiCookie.PerSecond:F0} req/s, p50 {r.TesseraWhoamiCookie.P50Ms:F2} ms, p99 {r.TesseraWhoamiCookie.P99Ms:F2} ms, {r.TesseraWhoamiCookie.Failed} failed");
        Console.WriteLine($"bench[{backend}]:   floor   {r.FloorWhoami.PerSecond:F0} req/s, p50 {r.FloorWhoami.P50Ms:F2} ms, p99 {r.FloorWhoami.P99Ms:F2} ms, {r.FloorWhoami.Failed} failed");
        fl.Dispose();

        // 5. The single-hash time right before the login run (servers idle), and in-process hashing on every core.
        (r.SingleHashSeconds, r.ParallelHashesPerSecond) = TimeHashes(
            () => BCrypt.Net.BCrypt.HashPassword(Password, BCrypt.Net.BCrypt.GenerateSalt(12, 'a')), eachThread: 3);
        Console.WriteLine($"bench[{backend}]: one bcrypt-12 hash in-process {r.SingleHashSeconds * 1000:F0} ms; {Environment.ProcessorCount} threads: {r.ParallelHashesPerSecond:F2} hashes/s");

        Console.WriteLine($"bench[{backend}]: password logins (bcrypt cost 12), {LoginConnections} connections, {opt.Duration.TotalSeconds} s");
        r.Logins = await LoginLoadAsync(prod.Public, prod.Pid, opt.Duration);
        Console.WriteLine($"bench[{backend}]:   {r.Logins.PerSecond:F2} logins/s, p50 {r.Logins.P50Ms:F0} ms, {r.Logins.Failed} failed");

        Console.WriteLine($"bench[{backend}]: whoami during a login storm, {opt.Duration.TotalSeconds} s");
        var storm = LoginLoadAsync(prod.Public, prod.Pid, opt.Duration);
        r.WhoamiDuringStorm = await WhoamiAsync(prod.Public, prod.Pid, tokens, opt.Duration, warmup: false);
        r.StormLogins = await storm;
        Console.WriteLine($"bench[{backend}]:   {r.WhoamiDuringStorm.PerSecond:F0} req/s, p99 {r.WhoamiDuringStorm.P99Ms:F2} ms; {r.StormLogins.PerSecond:F2} logins/s");
    }

    static async Task<LoadResult> WhoamiAsync(Uri baseUrl, int pid, string[] tokens, TimeSpan duration, bool warmup = true, string header = "X-Session-Token")
    {
        using var client = Load.Client(WhoamiConnections);
        var uri = new Uri(baseUrl, "/sessions/whoami");
        Func<int, long, Task<bool>> send = (_, i) => Load.GetAsync(client, uri, header, tokens[i % tokens.Length]);
        if (warmup) await Load.RunAsync(WhoamiConnections, TimeSpan.FromSeconds(1), send);
        return await Load.RunAsync(WhoamiConnections, duration, send, pid);
    }

    static async Task<LoadResult> LoginLoadAsync(Uri publicUrl, int pid, TimeSpan duration)
    {
        using var client = Load.Client(LoginConnections);
        return await Load.RunAsync(LoginConnections, duration,
            async (_, i) => await LoginAsync(client, publicUrl, $"login{i % LoginIdentities}@example.com") is not null, pid);
    }

    /// <summary>One native login: create an api flow, submit identifier + password; the session token or null.</summary>
    static async Task<string?> LoginAsync(HttpClient client, Uri publicUrl, string email)
    {
        using var flowResponse = await client.GetAsync(new Uri(publicUrl, "/self-service/login/api"));
        if (flowResponse.StatusCode != HttpStatusCode.OK) return null;
        using var flow = JsonDocument.Parse(await flowResponse.Content.ReadAsStringAsync());
        var id = flow.RootElement.GetProperty("id").GetString();
        var body = $$"""{"method":"password","identifier":"{{email}}","password":"{{Password}}"}""";
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri(publicUrl, "/self-service/login?flow=" + id), content);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK) return null;
        using var doc = JsonDocument.Parse(text);
        return doc.RootElement.TryGetProperty("session_token", out var t) ? t.GetString() : null;
    }

    static async Task<string[]> SeedSessionsAsync(Uri publicUrl, string[] emails)
    {
        using var client = Load.Client(SeedLoginConnections);
        var tokens = new string?[emails.Length];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, SeedLoginConnections).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < emails.Length)
            {
                tokens[i] = await LoginAsync(client, publicUrl, emails[i])
                    ?? throw new InvalidOperationException("login failed for " + emails[i]);
            }
        })));
        return tokens!;
    }

    /// <summary>Browser logins the way a single-page app does them (JSON, CSRF cookie + token); the session cookies
    /// as Cookie header values.</summary>
    static async Task<string[]> SeedCookiesAsync(Uri publicUrl, string[] emails)
    {
        using var client = Load.Client(SeedLoginConnections);
        var cookies = new string?[emails.Length];
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, SeedLoginConnections).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < emails.Length)
            {
                cookies[i] = await BrowserLoginAsync(client, publicUrl, emails[i])
                    ?? throw new InvalidOperationException("browser login failed for " + emails[i]);
            }
        })));
        return cookies!;
    }

    static IEnumerable<string> SetCookies(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.Select(v => v.Split(';', 2)[0]) : [];

    static async Task<string?> BrowserLoginAsync(HttpClient client, Uri publicUrl, string email)
    {
        using var flowRequest = new HttpRequestMessage(HttpMethod.Get, new Uri(publicUrl, "/self-service/login/browser"));
        flowRequest.Headers.TryAddWithoutValidation("Accept", "application/json");
        using var flowResponse = await client.SendAsync(flowRequest);
        if (flowResponse.StatusCode != HttpStatusCode.OK) return null;
        var csrfCookies = string.Join("; ", SetCookies(flowResponse));
        using var flow = JsonDocument.Parse(await flowResponse.Content.ReadAsStringAsync());
        var id = flow.RootElement.GetProperty("id").GetString();
        var csrf = flow.RootElement.GetProperty("ui").GetProperty("nodes").EnumerateArray()
            .Select(n => n.GetProperty("attributes"))
            .Where(a => a.TryGetProperty("name", out var name) && name.GetString() == "csrf_token")
            .Select(a => a.GetProperty("value").GetString()).FirstOrDefault();
        var body = JsonSerializer.Serialize(new Dictionary<string, string?>
        {
            ["method"] = "password", ["identifier"] = email, ["password"] = Password, ["csrf_token"] = csrf,
        });
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(publicUrl, "/self-service/login?flow=" + id))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.TryAddWithoutValidation("Accept", "application/json");
        request.Headers.TryAddWithoutValidation("Cookie", csrfCookies);
        using var response = await client.SendAsync(request);
        if (response.StatusCode != HttpStatusCode.OK) return null;
        return SetCookies(response).FirstOrDefault(c => c.StartsWith("ory_kratos_session=", StringComparison.Ordinal));
    }

    static async Task ImportAsync(Uri admin, string[] emails, string hash)
    {
        using var client = Load.Client(1);
        foreach (var chunk in emails.Chunk(BatchSize))
        {
            await PatchIdentitiesAsync(client, admin, BatchBody(chunk, hash));
        }
    }

    static string Publish(string root, string work, string project, string exe, string[] extra)
    {
        var output = Path.Combine(work, "publish-" + exe);
        Console.WriteLine($"bench: dotnet publish {project} -c Release -r linux-x64 {string.Join(' ', extra)}");
        Procs.Run("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "-o", output, "-nologo", "-v", "q", .. extra], root,
            new Dictionary<string, string> { ["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1", ["DOTNET_NOLOGO"] = "1" });
        return Path.Combine(output, exe);
    }

    /// <summary>postgres://user:pass@host:port/db?… as an Npgsql connection string.</summary>
    public static string NpgsqlConnectionString(string url)
    {
        var u = new Uri(url);
        var userInfo = u.UserInfo.Split(':', 2);
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = u.Host,
            Port = u.IsDefaultPort || u.Port <= 0 ? 5432 : u.Port,
            Username = Uri.UnescapeDataString(userInfo[0]),
            Password = userInfo.Length > 1 ? Uri.UnescapeDataString(userInfo[1]) : null,
            Database = u.AbsolutePath.TrimStart('/'),
        };
        if (u.Query.Contains("sslmode=disable", StringComparison.Ordinal)) b.SslMode = SslMode.Disable;
        return b.ConnectionString;
    }

    public static void Exec(string cs, string sql)
    {
        using var c = new NpgsqlConnection(cs);
        c.Open();
        using var cmd = new NpgsqlCommand(sql, c);
        cmd.ExecuteNonQuery();
    }
}
