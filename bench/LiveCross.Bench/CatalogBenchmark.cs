using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace LiveCross.Bench;

/// <summary>
/// The public product list for DE (EF Core, localization, currency conversion) against a reference endpoint
/// on the same server that writes a precomputed copy of the same page. Targets (walking-skeleton issue):
/// real ≥ 0.4× the reference's requests/s, real p99 ≤ 5 ms, at 64 connections.
/// </summary>
public static class CatalogBenchmark
{
    public const string RealPath = "/api/v1/products?market=DE&locale=de";
    public const string ReferencePath = "/bench/reference/products";
    public const int ExpectedItems = 24;
    public const double TargetRatio = 0.4;
    public static readonly TimeSpan TargetP99 = TimeSpan.FromMilliseconds(5);

    public sealed record Settings(TimeSpan Duration, TimeSpan Warmup, int Connections, int Rounds)
    {
        public static Settings Parse(string[] args)
        {
            var settings = new Settings(TimeSpan.FromSeconds(15), TimeSpan.FromSeconds(5), 64, 2);
            for (var i = 0; i < args.Length; i++)
            {
                var value = i + 1 < args.Length ? args[i + 1] : throw new BenchmarkException($"{args[i]} needs a value.");
                settings = args[i] switch
                {
                    "--duration" => settings with { Duration = TimeSpan.FromSeconds(Bounded(value, 1, 120, args[i])) },
                    "--warmup" => settings with { Warmup = TimeSpan.FromSeconds(Bounded(value, 1, 60, args[i])) },
                    "--connections" => settings with { Connections = Bounded(value, 1, 1024, args[i]) },
                    "--rounds" => settings with { Rounds = Bounded(value, 1, 10, args[i]) },
                    _ => throw new BenchmarkException($"Unknown option {args[i]}."),
                };
                i++;
            }
            return settings;
        }

        private static int Bounded(string value, int min, int max, string name) =>
            int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min && n <= max
                ? n
                : throw new BenchmarkException($"{name} is a whole number from {min} to {max}.");
    }

    private sealed record Run(string Endpoint, int Round, WrkResult Wrk, TimeSpan Cpu, TimeSpan MachineBusy, TimeSpan Elapsed)
    {
        public double CpuMicrosecondsPerRequest => Cpu.TotalMicroseconds / Wrk.Requests;

        /// <summary>CPU used by processes other than the server and wrk, as a share of all cores: the noise in this run.</summary>
        public double OtherShare => Math.Max(0, (MachineBusy - Cpu - Wrk.Cpu) / (Elapsed * Environment.ProcessorCount));

        public bool Disturbed => OtherShare > MaxOtherShare;
    }

    /// <summary>Above this, other processes took enough CPU that the run should be repeated on a quiet machine.</summary>
    public const double MaxOtherShare = 0.05;

    public static async Task<int> RunAsync(Settings settings, CancellationToken cancellationToken)
    {
        Wrk.Require();
        var serverDll = Path.Combine(RepositoryRoot(), "src", "LiveCross.Server", "bin", "Release", "net10.0", "LiveCross.Server.dll");
        if (!File.Exists(serverDll))
            throw new BenchmarkException($"{serverDll} is missing. Build the server first: dotnet build -c Release src/LiveCross.Server");

        PrintMachine(serverDll);
        await using var server = await ServerProcess.StartAsync(serverDll, new Dictionary<string, string>
        {
            ["DemoData"] = "true",
            ["Benchmarks:ReferenceEndpoints"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        }, cancellationToken);
        Console.WriteLine($"server: pid {server.Id} at {server.BaseAddress} (SQLite in a temporary folder, demo data)");

        var real = new Uri(server.BaseAddress, RealPath);
        var reference = new Uri(server.BaseAddress, ReferencePath);
        await VerifyAsync(real, reference, cancellationToken);

        Console.WriteLine($"warm-up: {settings.Warmup.TotalSeconds:0} s on each endpoint");
        await Wrk.RunAsync(reference, settings.Connections, settings.Warmup, cancellationToken);
        await Wrk.RunAsync(real, settings.Connections, settings.Warmup, cancellationToken);

        var runs = new List<Run>();
        for (var round = 1; round <= settings.Rounds; round++)
        {
            foreach (var (name, url) in new[] { ("reference", reference), ("real", real) })
            {
                var (before, machineBefore, started) = (server.CpuTime(), CpuTime.OfMachine(), DateTime.UtcNow);
                var wrk = await Wrk.RunAsync(url, settings.Connections, settings.Duration, cancellationToken);
                var run = new Run(name, round, wrk, server.CpuTime() - before, CpuTime.OfMachine() - machineBefore, DateTime.UtcNow - started);
                Console.WriteLine($"  {run.Endpoint,-9} round {round}: {wrk.RequestsPerSecond,9:N0} req/s  p50 {Ms(wrk.P50)}  p99 {Ms(wrk.P99)}  other processes {run.OtherShare:P0} of the CPU  ({wrk.Command})");
                if (wrk.Errors > 0 || wrk.Non2xx > 0)
                    throw new BenchmarkException($"{name}: {wrk.Non2xx} non-2xx responses and {wrk.Errors} socket errors during the run.");
                runs.Add(run);
            }
        }
        return Report(settings, runs);
    }

    /// <summary>Before any timing: the real page is what a German shopper should get, and the reference is the same page.</summary>
    private static async Task VerifyAsync(Uri real, Uri reference, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        var realBody = await GetAsync(http, real, cancellationToken);
        var referenceBody = await GetAsync(http, reference, cancellationToken);

        using var page = JsonDocument.Parse(realBody);
        var root = page.RootElement;
        Check(root.GetProperty("currency").GetString() == "EUR", $"the real page's currency is {root.GetProperty("currency")}, not EUR");
        Check(root.GetProperty("locale").GetString() == "de", $"the real page's locale is {root.GetProperty("locale")}, not de");
        var items = root.GetProperty("items").EnumerateArray().ToList();
        Check(items.Count == ExpectedItems, $"the real page has {items.Count} items, not {ExpectedItems}");
        foreach (var item in items)
        {
            var price = item.GetProperty("price");
            var amount = price.GetProperty("amount").GetDecimal();
            Check(price.GetProperty("currency").GetString() == "EUR", $"item {item.GetProperty("id")} is priced in {price.GetProperty("currency")}, not EUR");
            Check(amount > 0 && decimal.Round(amount, 2) == amount, $"item {item.GetProperty("id")} costs {amount} EUR, not a positive amount in cents");
            Check(item.GetProperty("title").GetString() is { Length: > 0 }, $"item {item.GetProperty("id")} has no title");
        }

        using var fixedPage = JsonDocument.Parse(referenceBody);
        var referenceItems = fixedPage.RootElement.GetProperty("items").GetArrayLength();
        Check(referenceItems == items.Count, $"the reference page has {referenceItems} items, the real one {items.Count}");
        var sizeRatio = referenceBody.Length / (double)realBody.Length;
        Check(sizeRatio is >= 0.9 and <= 1.1, $"the reference page is {referenceBody.Length} bytes, the real one {realBody.Length} (more than 10% apart)");
        Console.WriteLine($"verified: real page {items.Count} items priced in EUR, {realBody.Length} bytes; reference {referenceItems} items, {referenceBody.Length} bytes");
    }

    private static async Task<byte[]> GetAsync(HttpClient http, Uri url, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(url, cancellationToken);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken);
        Check(response.StatusCode == HttpStatusCode.OK, $"GET {url} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(body)}");
        Check(response.Content.Headers.ContentType?.MediaType == "application/json", $"GET {url} answered {response.Content.Headers.ContentType}, not JSON");
        return body;
    }

    private static int Report(Settings settings, List<Run> runs)
    {
        Console.WriteLine();
        Console.WriteLine($"| endpoint | round | req/s | p50 | p99 | server CPU µs/req | other processes' CPU |");
        Console.WriteLine($"|---|---|---:|---:|---:|---:|---:|");
        foreach (var run in runs)
        {
            var path = run.Endpoint == "real" ? RealPath : ReferencePath;
            Console.WriteLine($"| {run.Endpoint} `{path}` | {run.Round} | {run.Wrk.RequestsPerSecond:N0} | {Ms(run.Wrk.P50)} | {Ms(run.Wrk.P99)} | {run.CpuMicrosecondsPerRequest:N1} | {run.OtherShare:P0}{(run.Disturbed ? " (disturbed)" : "")} |");
        }

        var real = runs.Where(r => r.Endpoint == "real").ToList();
        var reference = runs.Where(r => r.Endpoint == "reference").ToList();
        var ratio = real.Average(r => r.Wrk.RequestsPerSecond) / reference.Average(r => r.Wrk.RequestsPerSecond);
        var worstP99 = real.Max(r => r.Wrk.P99);
        var ratioMet = ratio >= TargetRatio;
        var p99Met = worstP99 <= TargetP99;
        Console.WriteLine();
        Console.WriteLine($"real/reference req/s: {ratio:0.00} (per round: {string.Join(", ", real.Zip(reference, (a, b) => (a.Wrk.RequestsPerSecond / b.Wrk.RequestsPerSecond).ToString("0.00", CultureInfo.InvariantCulture)))}) " +
                          $"target ≥ {TargetRatio:0.0}: {(ratioMet ? "PASS" : "FAIL")}");
        Console.WriteLine($"real p99 (worst round): {Ms(worstP99)} target ≤ {TargetP99.TotalMilliseconds:0} ms at {settings.Connections} connections: {(p99Met ? "PASS" : "FAIL")}");
        Console.WriteLine($"CPU per request: real {real.Average(r => r.CpuMicrosecondsPerRequest):N1} µs, reference {reference.Average(r => r.CpuMicrosecondsPerRequest):N1} µs (server process only; wrk runs on the same cores)");
        if (runs.Any(r => r.Disturbed))
            Console.WriteLine($"warning: other processes used more than {MaxOtherShare:P0} of the CPU in a run marked disturbed; repeat on a quiet machine before trusting its figures.");
        return ratioMet && p99Met ? 0 : 1;
    }

    internal static void PrintMachine(string serverDll)
    {
        var cpu = File.Exists("/proc/cpuinfo")
            ? File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim()
            : null;
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores ({cpu ?? RuntimeInformation.ProcessArchitecture.ToString()}), {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}; wrk and the server share the cores");
        Console.WriteLine($"server: {serverDll} (built {File.GetLastWriteTimeUtc(serverDll):yyyy-MM-dd HH:mm} UTC); load average before the run {LoadAverage()}");
    }

    /// <summary>The 1-minute load average: above the core count, other processes competed for the CPU during the run.</summary>
    private static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? File.ReadAllText("/proc/loadavg").Split(' ')[0] : "?";

    internal static string RepositoryRoot()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "LiveCross.slnx"))) return dir.FullName;
            }
        }
        throw new BenchmarkException("Run the benchmark from inside the LiveCross repository (LiveCross.slnx was not found).");
    }

    private static void Check(bool condition, string problem)
    {
        if (!condition) throw new BenchmarkException($"wrong response, not timing: {problem}.");
    }

    internal static string Ms(TimeSpan t) => $"{t.TotalMilliseconds.ToString("0.00", CultureInfo.InvariantCulture)} ms";
}
