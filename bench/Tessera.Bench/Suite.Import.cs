using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace Tessera.Bench;

internal static partial class Suite
{
    const int ListPageSize = 250;
    const int ListSamples = 21;

    // An importing client keeps two batches in flight, so that one is parsed and validated while the other is written.
    const int ImportConnections = 2;

    /// <summary>
    /// N identities with pre-hashed passwords through <c>PATCH /admin/identities</c> (1,000 a batch, two requests in
    /// flight, request bodies built beforehand) into a fresh database, against the same rows inserted into another fresh database by one multi-row
    /// INSERT per table in one transaction (the SQL built beforehand; BEGIN to COMMIT timed).
    /// </summary>
    static async Task ImportScenarioAsync(Options opt, BackendResult r, string tessera, string work, string schema, Hashes hashes, string backend)
    {
        var n = opt.ImportIdentities;
        Console.WriteLine($"bench[{backend}]: import of {n} identities, Tessera (PATCH /admin/identities) vs one multi-row INSERT");
        var bodies = new IdentityRows("import", hashes.Cost12).Emails(n).Chunk(BatchSize).Select(c => BatchBody(c, hashes.Cost12)).ToList();
        await using (var db = BenchDatabase.Create(opt, tessera, work, backend, "import_tessera"))
        using (var server = await TesseraServer.StartAsync(tessera, work, schema, db.Dsn, backend + "-import", bcryptCost: 12))
        using (var client = Load.Client(ImportConnections))
        {
            var clock = Stopwatch.StartNew();
            var next = -1;
            await Task.WhenAll(Enumerable.Range(0, ImportConnections).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < bodies.Count)
                {
                    await PatchIdentitiesAsync(client, server.Admin, bodies[i]);
                }
            })));
            r.BulkImportSeconds = clock.Elapsed.TotalSeconds;
        }

        await using (var db = BenchDatabase.Create(opt, tessera, work, backend, "import_insert"))
        {
            var sql = new IdentityRows("import", hashes.Cost12).Sql(0, n, db.IsPostgres);
            r.BulkInsertSeconds = db.InOneTransaction(sql);
        }

        r.BulkImportCount = n;
        Console.WriteLine($"bench[{backend}]:   Tessera {n / r.BulkImportSeconds:F0} identities/s ({r.BulkImportSeconds:F1} s); multi-row INSERT {n / r.BulkInsertSeconds:F0} rows/s ({r.BulkInsertSeconds:F1} s)");
    }

    /// <summary>
    /// The admin list at N identities (seeded by multi-row INSERTs, then ANALYZE): the first page against a page deep in
    /// the list (its page token names the identity 99% of the way through), median of several requests each.
    /// </summary>
    static async Task ListScenarioAsync(Options opt, BackendResult r, string tessera, string work, string schema, Hashes hashes, string backend)
    {
        var n = opt.ListIdentities;
        Console.WriteLine($"bench[{backend}]: seeding {n} identities for the admin list");
        await using var db = BenchDatabase.Create(opt, tessera, work, backend, "list");
        var rows = new IdentityRows("list", hashes.Cost12);
        var ids = new List<Guid>(n);
        const int chunk = 20_000;
        for (var from = 0; from < n; from += chunk)
        {
            db.InOneTransaction(rows.Sql(from, Math.Min(chunk, n - from), db.IsPostgres, ids));
        }
        db.Analyze();

        ids.Sort((a, b) => string.CompareOrdinal(a.ToString(), b.ToString()));
        var deepAfter = ids[(int)(n * 0.99)];
        using var server = await TesseraServer.StartAsync(tessera, work, schema, db.Dsn, backend + "-list", bcryptCost: 12);
        using var client = Load.Client(1);
        var first = new Uri(server.Admin, $"/admin/identities?page_size={ListPageSize}");
        var deep = new Uri(server.Admin, $"/admin/identities?page_size={ListPageSize}&page_token={ListPageToken(deepAfter)}");
        r.ListFirstMs = await MedianRequestMsAsync(client, first);
        r.ListDeepMs = await MedianRequestMsAsync(client, deep);
        r.ListIdentities = n;
        Console.WriteLine($"bench[{backend}]:   first page {r.ListFirstMs:F2} ms, deep page {r.ListDeepMs:F2} ms");
    }

    /// <summary>Tessera's page token: "tessera-v1:" + the last id of the previous page, base64url (src/Tessera/Identities/PageToken.cs).</summary>
    static string ListPageToken(Guid after) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("tessera-v1:" + after.ToString("D"))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    static async Task<double> MedianRequestMsAsync(HttpClient client, Uri uri)
    {
        var times = new List<double>();
        for (var i = 0; i < ListSamples + 3; i++)
        {
            var clock = Stopwatch.StartNew();
            using var response = await client.GetAsync(uri);
            var text = await response.Content.ReadAsStringAsync();
            var ms = clock.Elapsed.TotalMilliseconds;
            using var doc = JsonDocument.Parse(text);
            if (response.StatusCode != HttpStatusCode.OK || doc.RootElement.GetArrayLength() != ListPageSize)
            {
                throw new InvalidOperationException($"the admin list answered {(int)response.StatusCode} with {text[..Math.Min(300, text.Length)]}");
            }
            if (i >= 3) times.Add(ms); // the first requests warm up the server and the database's cache
        }
        times.Sort();
        return times[times.Count / 2];
    }

    static string BatchBody(IEnumerable<string> emails, string hash)
    {
        var sb = new StringBuilder("{\"identities\":[");
        var first = true;
        foreach (var email in emails)
        {
            if (!first) sb.Append(',');
            first = false;
            sb.Append("{\"create\":{\"schema_id\":\"default\",\"traits\":{\"email\":").Append(JsonSerializer.Serialize(email))
              .Append("},\"credentials\":{\"password\":{\"config\":{\"hashed_password\":").Append(JsonSerializer.Serialize(hash))
              .Append("}}}}}");
        }
        return sb.Append("]}").ToString();
    }

    static async Task PatchIdentitiesAsync(HttpClient client, Uri admin, string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var request = new HttpRequestMessage(HttpMethod.Patch, new Uri(admin, "/admin/identities")) { Content = content };
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK || text.Contains("\"error\"", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"batch import answered {(int)response.StatusCode}: {text[..Math.Min(600, text.Length)]}");
        }
    }
}
