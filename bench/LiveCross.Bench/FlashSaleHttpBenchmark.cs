using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace LiveCross.Bench;

/// <summary>
/// <c>POST /api/v1/flash-sales/{id}/attempts</c> from many signed-in buyers at once (each request its own bearer token
/// and a new Idempotency-Key) against <c>POST /bench/reference/attempt</c> on the same server, which reads the same
/// request and answers a fixed result without any work (no authentication either). wrk with a Lua script rotates the
/// tokens and counts the Accepted answers; after the runs the sale's claims are checked: claimed = claims stored =
/// Accepted answers ≤ quantity. Target (issue 4): real ≥ 0.5× the reference's requests/s, p50/p99 reported.
/// </summary>
public static class FlashSaleHttpBenchmark
{
    public const double TargetRatio = 0.5;

    /// <summary>Options as for catalog, plus <c>--quantity N</c> (default 1,000) and <c>--connections N</c> up to 10,000 (default 2,000 buyers).</summary>
    public static Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var quantity = 1_000;
        var connections = 2_000;
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] is "--quantity" or "--connections" && i + 1 < args.Length && int.TryParse(args[i + 1], CultureInfo.InvariantCulture, out var value) && value is >= 1 and <= 10_000)
            {
                if (args[i] == "--quantity") quantity = value;
                else connections = value;
                i++;
                continue;
            }
            if (args[i] is "--quantity" or "--connections") throw new BenchmarkException($"{args[i]} takes a number from 1 to 10,000.");
            rest.Add(args[i]);
        }
        return RunAsync(CatalogBenchmark.Settings.Parse([.. rest]) with { Connections = connections }, quantity, cancellationToken);
    }

    private static async Task<int> RunAsync(CatalogBenchmark.Settings settings, int quantity, CancellationToken cancellationToken)
    {
        Wrk.Require();
        var serverDll = Path.Combine(CatalogBenchmark.RepositoryRoot(), "src", "LiveCross.Server", "bin", "Release", "net10.0", "LiveCross.Server.dll");
        if (!File.Exists(serverDll))
            throw new BenchmarkException($"{serverDll} is missing. Build the server first: dotnet build -c Release src/LiveCross.Server");
        CatalogBenchmark.PrintMachine(serverDll);
        await using var server = await ServerProcess.StartAsync(serverDll, new Dictionary<string, string>
        {
            ["DemoData"] = "true",
            ["Benchmarks:ReferenceEndpoints"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        }, cancellationToken);
        Console.WriteLine($"server: pid {server.Id} at {server.BaseAddress} (SQLite in a temporary folder, demo data)");

        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
        var setupResponse = await http.PostAsync($"/bench/flash/setup?buyers={settings.Connections}&quantity={quantity}", null, cancellationToken);
        var setupText = await setupResponse.Content.ReadAsStringAsync(cancellationToken);
        if (setupResponse.StatusCode != HttpStatusCode.OK) throw new BenchmarkException($"setup answered {(int)setupResponse.StatusCode}: {setupText}");
        using var setup = JsonDocument.Parse(setupText);
        var saleId = setup.RootElement.GetProperty("saleId").GetGuid();
        var tokens = setup.RootElement.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToList();
        Console.WriteLine($"sale {saleId}: {quantity:N0} units, {tokens.Count:N0} buyers with bearer tokens, {settings.Connections} connections (one buyer each)");

        var realPath = $"/api/v1/flash-sales/{saleId}/attempts";
        var referencePath = "/bench/reference/attempt";
        var script = Path.Combine(Path.GetTempPath(), $"livecross-flash-{Guid.NewGuid():N}.lua");
        var counts = Path.Combine(Path.GetTempPath(), $"livecross-flash-{Guid.NewGuid():N}.txt");
        await File.WriteAllTextAsync(script, Script(tokens, counts), cancellationToken);
        try
        {
            Console.WriteLine($"warm-up: {settings.Warmup.TotalSeconds:0} s on each endpoint");
            await Wrk.RunAsync(new Uri(server.BaseAddress, referencePath), settings.Connections, settings.Warmup, cancellationToken, script);
            var accepted = 0L;
            await Wrk.RunAsync(new Uri(server.BaseAddress, realPath), settings.Connections, settings.Warmup, cancellationToken, script);
            accepted += ReadAccepted(counts);

            var runs = new List<(string Name, int Round, WrkResult Wrk, double Cpu)>();
            for (var round = 1; round <= settings.Rounds; round++)
            {
                foreach (var (name, path) in new[] { ("reference", referencePath), ("real", realPath) })
                {
                    var before = server.CpuTime();
                    var wrk = await Wrk.RunAsync(new Uri(server.BaseAddress, path), settings.Connections, settings.Duration, cancellationToken, script);
                    var cpu = (server.CpuTime() - before).TotalMicroseconds / Math.Max(1, wrk.Requests);
                    if (name == "real") accepted += ReadAccepted(counts);
                    Console.WriteLine($"  {name,-9} round {round}: {wrk.RequestsPerSecond,9:N0} req/s  p50 {CatalogBenchmark.Ms(wrk.P50)}  p99 {CatalogBenchmark.Ms(wrk.P99)}  server CPU {cpu:N1} µs/req");
                    if (wrk.Errors > 0 || wrk.Non2xx > 0)
                        throw new BenchmarkException($"{name}: {wrk.Non2xx} non-2xx responses and {wrk.Errors} socket errors during the run.");
                    runs.Add((name, round, wrk, cpu));
                }
            }

            var sale = JsonDocument.Parse(await http.GetStringAsync($"/api/v1/flash-sales/{saleId}", cancellationToken)).RootElement;
            var claimed = sale.GetProperty("claimed").GetInt32();
            var stored = await StoredClaimsAsync(server, saleId, cancellationToken);
            if (claimed > quantity) throw new BenchmarkException($"OVERSOLD: claimed {claimed} of {quantity}");
            if (stored != claimed || accepted != claimed)
                throw new BenchmarkException($"claimed {claimed}, {stored} claims stored, {accepted} Accepted answers: they must be equal");
            Console.WriteLine($"checked: {accepted:N0} Accepted answers = {stored:N0} claims stored = claimed {claimed:N0} of {quantity:N0} (0 oversold, 0 lost)");

            Console.WriteLine();
            Console.WriteLine("| endpoint | round | req/s | p50 | p99 | server CPU µs/req |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|");
            foreach (var run in runs)
                Console.WriteLine($"| {run.Name} | {run.Round} | {run.Wrk.RequestsPerSecond:N0} | {CatalogBenchmark.Ms(run.Wrk.P50)} | {CatalogBenchmark.Ms(run.Wrk.P99)} | {run.Cpu:N1} |");
            var ratio = runs.Where(r => r.Name == "real").Average(r => r.Wrk.RequestsPerSecond) / runs.Where(r => r.Name == "reference").Average(r => r.Wrk.RequestsPerSecond);
            var met = ratio >= TargetRatio;
            Console.WriteLine();
            Console.WriteLine($"real/reference req/s with {settings.Connections} buyers: {ratio.ToString("0.00", CultureInfo.InvariantCulture)} target ≥ {TargetRatio:0.0}: {(met ? "PASS" : "FAIL")}");
            return met ? 0 : 1;
        }
        finally
        {
            File.Delete(script);
            File.Delete(counts);
        }
    }

    /// <summary>
    /// wrk's Lua (one thread): each request takes the next buyer's token and a new Idempotency-Key; Accepted answers are
    /// counted and written to <paramref name="counts"/> when the run ends.
    /// </summary>
    private static string Script(IReadOnlyList<string> tokens, string counts)
    {
        var lua = new StringBuilder();
        lua.AppendLine("local tokens = {");
        foreach (var token in tokens) lua.Append("  \"").Append(token).AppendLine("\",");
        lua.AppendLine("}");
        lua.AppendLine("""
            local n = 0
            accepted = 0
            local threads = {}
            setup = function(thread) table.insert(threads, thread) end
            local run = tostring(os.time()) .. tostring(math.random(1000000))
            local body = '{"quantity":1}'
            request = function()
              n = n + 1
              return wrk.format("POST", nil, {
                ["Content-Type"] = "application/json",
                ["Authorization"] = "Bearer " .. tokens[(n % #tokens) + 1],
                ["Idempotency-Key"] = run .. "-" .. n,
              }, body)
            end
            response = function(status, headers, body)
              if string.find(body, '"Accepted"', 1, true) then accepted = accepted + 1 end
            end
            """);
        // done() runs in wrk's main Lua state: the worker threads' counts are read through their handles.
        lua.AppendLine($"done = function(summary, latency, requests) local total = 0 for _, t in ipairs(threads) do total = total + t:get(\"accepted\") end local f = io.open(\"{counts}\", \"w\") f:write(tostring(total)) f:close() end");
        return lua.ToString();
    }

    private static long ReadAccepted(string counts) =>
        File.Exists(counts) ? long.Parse(File.ReadAllText(counts).Trim(), CultureInfo.InvariantCulture) : throw new BenchmarkException("wrk wrote no count of Accepted answers.");

    internal static async Task<int> StoredClaimsAsync(ServerProcess server, Guid saleId, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = server.BaseAddress };
        var login = await http.PostAsJsonAsync("/api/v1/account/login", new { email = "seller1@livecross.test", password = "LiveCross-demo-1" }, cancellationToken);
        if (login.StatusCode != HttpStatusCode.OK) throw new BenchmarkException($"seller sign-in answered {(int)login.StatusCode}");
        var token = (await login.Content.ReadFromJsonAsync<JsonElement>(cancellationToken)).GetProperty("accessToken").GetString();
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        var claims = await http.GetFromJsonAsync<JsonElement>($"/api/v1/flash-sales/{saleId}/claims", cancellationToken);
        return claims.GetProperty("count").GetInt32();
    }
}
