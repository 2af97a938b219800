using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace LiveCross.Bench;

/// <summary>
/// <c>POST /api/v1/quotes/landed-cost</c> with three described items (validation, the calculator, a signed token)
/// against a reference POST endpoint on the same server that reads the same body and writes a precomputed quote of
/// the same size. Target (issue 3): real ≥ 0.5× the reference's requests/s.
/// </summary>
public static class QuoteHttpBenchmark
{
    public const string RealPath = "/api/v1/quotes/landed-cost";
    public const string ReferencePath = "/bench/reference/quote";
    public const double TargetRatio = 0.5;

    public const string Body =
        """{"destination":"DE","date":"2026-11-24","sellerRegistrations":["IOSS"],"items":[{"hsCode":"851830","originCountry":"CN","description":"Earbuds","unitPrice":29.90,"quantity":2},{"hsCode":"610910","originCountry":"CN","description":"T-shirt","unitPrice":12.50,"quantity":1},{"hsCode":"854442","originCountry":"CN","description":"USB-C cable","unitPrice":8.90,"quantity":1}],"shipping":6.00}""";

    public static async Task<int> RunAsync(CatalogBenchmark.Settings settings, CancellationToken cancellationToken)
    {
        Wrk.Require();
        var serverDll = Path.Combine(CatalogBenchmark.RepositoryRoot(), "src", "LiveCross.Server", "bin", "Release", "net10.0", "LiveCross.Server.dll");
        if (!File.Exists(serverDll))
            throw new BenchmarkException($"{serverDll} is missing. Build the server first: dotnet build -c Release src/LiveCross.Server");
        CatalogBenchmark.PrintMachine(serverDll);
        var script = Path.Combine(Path.GetTempPath(), $"livecross-quote-{Guid.NewGuid():N}.lua");
        // wrk's Lua: long-bracket string, so the JSON needs no escaping.
        await File.WriteAllTextAsync(script, $"wrk.method = \"POST\"\nwrk.headers[\"Content-Type\"] = \"application/json\"\nwrk.body = [[{Body}]]\n", cancellationToken);
        try
        {
            await using var server = await ServerProcess.StartAsync(serverDll, new Dictionary<string, string>
            {
                ["DemoData"] = "false",
                ["Benchmarks:ReferenceEndpoints"] = "true",
                ["Logging:LogLevel:Default"] = "Warning",
            }, cancellationToken);
            Console.WriteLine($"server: pid {server.Id} at {server.BaseAddress} (SQLite in a temporary folder)");
            var real = new Uri(server.BaseAddress, RealPath);
            var reference = new Uri(server.BaseAddress, ReferencePath);
            await VerifyAsync(real, reference, cancellationToken);

            Console.WriteLine($"warm-up: {settings.Warmup.TotalSeconds:0} s on each endpoint");
            await Wrk.RunAsync(reference, settings.Connections, settings.Warmup, cancellationToken, script);
            await Wrk.RunAsync(real, settings.Connections, settings.Warmup, cancellationToken, script);

            var runs = new List<(string Name, int Round, WrkResult Wrk, double CpuPerRequest)>();
            for (var round = 1; round <= settings.Rounds; round++)
            {
                foreach (var (name, url) in new[] { ("reference", reference), ("real", real) })
                {
                    var before = server.CpuTime();
                    var wrk = await Wrk.RunAsync(url, settings.Connections, settings.Duration, cancellationToken, script);
                    var cpu = (server.CpuTime() - before).TotalMicroseconds / wrk.Requests;
                    Console.WriteLine($"  {name,-9} round {round}: {wrk.RequestsPerSecond,9:N0} req/s  p50 {CatalogBenchmark.Ms(wrk.P50)}  p99 {CatalogBenchmark.Ms(wrk.P99)}  server CPU {cpu:N1} µs/req");
                    if (wrk.Errors > 0 || wrk.Non2xx > 0)
                        throw new BenchmarkException($"{name}: {wrk.Non2xx} non-2xx responses and {wrk.Errors} socket errors during the run.");
                    runs.Add((name, round, wrk, cpu));
                }
            }

            Console.WriteLine();
            Console.WriteLine("| endpoint | round | req/s | p50 | p99 | server CPU µs/req |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|");
            foreach (var run in runs)
                Console.WriteLine($"| {run.Name} `POST {(run.Name == "real" ? RealPath : ReferencePath)}` | {run.Round} | {run.Wrk.RequestsPerSecond:N0} | {CatalogBenchmark.Ms(run.Wrk.P50)} | {CatalogBenchmark.Ms(run.Wrk.P99)} | {run.CpuPerRequest:N1} |");
            var ratio = runs.Where(r => r.Name == "real").Average(r => r.Wrk.RequestsPerSecond) / runs.Where(r => r.Name == "reference").Average(r => r.Wrk.RequestsPerSecond);
            var met = ratio >= TargetRatio;
            Console.WriteLine();
            Console.WriteLine($"real/reference req/s: {ratio.ToString("0.00", CultureInfo.InvariantCulture)} target ≥ {TargetRatio:0.0}: {(met ? "PASS" : "FAIL")}");
            return met ? 0 : 1;
        }
        finally
        {
            File.Delete(script);
        }
    }

    /// <summary>Before timing: the real quote is right (DE, IOSS, VAT at checkout, a token) and the reference answers with a body of about the same size.</summary>
    private static async Task VerifyAsync(Uri real, Uri reference, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var realBody = await PostAsync(http, real, cancellationToken);
        var referenceBody = await PostAsync(http, reference, cancellationToken);
        using var quote = JsonDocument.Parse(realBody);
        var root = quote.RootElement;
        // 2 × 29.90 + 12.50 + 8.90 = 81.20 goods + 6.00 shipping: VAT 19% × 87.20 = 16.568 → 16.57; €3 × 3 subheadings = 9.00.
        Check(root.GetProperty("tax").GetDecimal() == 16.57m, $"the real quote's tax is {root.GetProperty("tax")}, not 16.57");
        Check(root.GetProperty("duty").GetDecimal() == 9.00m, $"the real quote's duty is {root.GetProperty("duty")}, not 9.00");
        Check(root.GetProperty("scheme").GetString() == "IOSS", "the real quote is not under IOSS");
        Check(root.GetProperty("token").GetString() is { Length: > 100 }, "the real quote has no token");
        var sizeRatio = referenceBody.Length / (double)realBody.Length;
        Check(sizeRatio is >= 0.9 and <= 1.1, $"the reference body is {referenceBody.Length} bytes, the real one {realBody.Length}");
        Console.WriteLine($"verified: real quote total {root.GetProperty("total")} EUR, {realBody.Length} bytes; reference {referenceBody.Length} bytes");
    }

    private static async Task<byte[]> PostAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        using var content = new StringContent(Body, Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(url, content, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        Check(response.StatusCode == HttpStatusCode.OK, $"POST {url} answered {(int)response.StatusCode}: {Encoding.UTF8.GetString(body)}");
        return body;
    }

    private static void Check(bool condition, string problem)
    {
        if (!condition) throw new BenchmarkException($"wrong response, not timing: {problem}.");
    }
}
