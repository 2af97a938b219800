using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCross.Server.Live.FlashSales;
using LiveCross.Server.Live.Rooms;
using LiveCross.Server.Platform.Benchmarks;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCross.Bench;

/// <summary>
/// Flash-sale attempts over the room hub (<c>RoomHub.AttemptFlashSale</c>) by many signed-in buyers, one WebSocket
/// connection each, every buyer sending its next attempt as soon as the last is answered; against the bare hub's
/// <c>AttemptFlashSale</c> on the same server, which answers a fixed result of the same shape. Ends with the checks of
/// flash-http: claimed = claims stored = Accepted answers ≤ quantity. Target (issue 4): real ≥ 0.5× the bare hub's attempts/s.
/// </summary>
public static class FlashSaleHubBenchmark
{
    public const double TargetRatio = 0.5;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var o = HubClients.Options(args, new()
        {
            ["--buyers"] = (2_000, 1, 9_000),
            ["--quantity"] = (1_000, 1, 1_000_000),
            ["--duration"] = (8, 1, 120),
            ["--warmup"] = (3, 1, 60),
            ["--rounds"] = (2, 1, 10),
        });
        var buyers = o["--buyers"];
        var quantity = o["--quantity"];
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
        var setupResponse = await http.PostAsync($"{FlashSaleBenchmarkEndpoints.SetupPath}?buyers={buyers}&quantity={quantity}", null, cancellationToken);
        var setupText = await setupResponse.Content.ReadAsStringAsync(cancellationToken);
        if (setupResponse.StatusCode != HttpStatusCode.OK) throw new BenchmarkException($"setup answered {(int)setupResponse.StatusCode}: {setupText}");
        using var setup = JsonDocument.Parse(setupText);
        var saleId = setup.RootElement.GetProperty("saleId").GetGuid().ToString();
        var tokens = setup.RootElement.GetProperty("tokens").EnumerateArray().Select(t => t.GetString()!).ToList();

        var real = Array.Empty<HubConnection>();
        var bare = Array.Empty<HubConnection>();
        try
        {
            var clock = Stopwatch.StartNew();
            real = await HubClients.ConnectAsync(buyers, async (i, token) =>
            {
                var hub = HubClients.Build(server.BaseAddress, RoomHub.Path, tokens[i]);
                await hub.StartAsync(token);
                return hub;
            }, cancellationToken);
            bare = await HubClients.ConnectAsync(buyers, async (_, token) =>
            {
                var hub = HubClients.Build(server.BaseAddress, BareHub.Path, token: null);
                await hub.StartAsync(token);
                return hub;
            }, cancellationToken);
            Console.WriteLine($"sale {saleId}: {quantity:N0} units; {buyers:N0} signed-in buyers on the room hub and {buyers:N0} connections to the bare hub, connected in {clock.Elapsed.TotalSeconds:0.0} s");

            var run = Guid.NewGuid().ToString("N")[..8];
            var warmup = TimeSpan.FromSeconds(o["--warmup"]);
            var duration = TimeSpan.FromSeconds(o["--duration"]);
            Console.WriteLine($"warm-up: {warmup.TotalSeconds:0} s on each hub");
            await LoadAsync(server, bare, saleId, $"{run}-wb", warmup, cancellationToken);
            var accepted = (await LoadAsync(server, real, saleId, $"{run}-wr", warmup, cancellationToken)).Accepted;

            var runs = new List<Result>();
            for (var round = 1; round <= o["--rounds"]; round++)
            {
                foreach (var (name, hubs) in new[] { ("bare", bare), ("real", real) })
                {
                    var result = await LoadAsync(server, hubs, saleId, $"{run}-{name}{round}", duration, cancellationToken) with { Name = name, Round = round };
                    if (name == "real") accepted += result.Accepted;
                    Console.WriteLine($"  {name,-4} round {round}: {result.PerSecond,9:N0} attempts/s  p50 {HubClients.Ms(result.P50)}  p99 {HubClients.Ms(result.P99)}  server CPU {result.CpuMicros:N1} µs/attempt");
                    runs.Add(result);
                }
            }

            var sale = await http.GetFromJsonAsync<JsonElement>($"/api/v1/flash-sales/{saleId}", cancellationToken);
            var claimed = sale.GetProperty("claimed").GetInt32();
            var stored = await FlashSaleHttpBenchmark.StoredClaimsAsync(server, Guid.Parse(saleId), cancellationToken);
            if (claimed > quantity) throw new BenchmarkException($"OVERSOLD: claimed {claimed} of {quantity}");
            if (stored != claimed || accepted != claimed)
                throw new BenchmarkException($"claimed {claimed}, {stored} claims stored, {accepted} Accepted answers: they must be equal");
            Console.WriteLine($"checked: {accepted:N0} Accepted answers = {stored:N0} claims stored = claimed {claimed:N0} of {quantity:N0} (0 oversold, 0 lost)");

            Console.WriteLine();
            Console.WriteLine("| hub | round | attempts/s | p50 | p99 | server CPU µs/attempt |");
            Console.WriteLine("|---|---|---:|---:|---:|---:|");
            foreach (var r in runs)
                Console.WriteLine($"| {(r.Name == "real" ? "room hub AttemptFlashSale" : "bare hub")} | {r.Round} | {r.PerSecond:N0} | {HubClients.Ms(r.P50)} | {HubClients.Ms(r.P99)} | {r.CpuMicros:N1} |");
            var ratio = runs.Where(r => r.Name == "real").Average(r => r.PerSecond) / runs.Where(r => r.Name == "bare").Average(r => r.PerSecond);
            var met = ratio >= TargetRatio;
            Console.WriteLine();
            Console.WriteLine($"room/bare attempts/s with {buyers:N0} buyers: {ratio.ToString("0.00", CultureInfo.InvariantCulture)} target ≥ {TargetRatio:0.0}: {(met ? "PASS" : "FAIL")}");
            return met ? 0 : 1;
        }
        finally
        {
            await HubClients.DisposeAllAsync(real.Concat(bare));
        }
    }

    private sealed record Result(string Name, int Round, double PerSecond, double P50, double P99, double CpuMicros, long Accepted);

    /// <summary>Every connection sends an attempt, waits for the answer, and sends the next, until the time is up.</summary>
    private static async Task<Result> LoadAsync(ServerProcess server, HubConnection[] hubs, string saleId, string run, TimeSpan duration, CancellationToken cancellationToken)
    {
        var latencies = new List<double>[hubs.Length];
        var accepted = new long[hubs.Length];
        var cpuBefore = server.CpuTime();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(hubs.Select(async (hub, i) =>
        {
            var mine = latencies[i] = [];
            for (var n = 0; clock.Elapsed < duration; n++)
            {
                var started = Stopwatch.GetTimestamp();
                AttemptResponse answer;
                try
                {
                    answer = await hub.InvokeAsync<AttemptResponse>("AttemptFlashSale", saleId, $"{run}-{i}-{n}", 1, cancellationToken);
                }
                catch (Microsoft.AspNetCore.SignalR.HubException e)
                {
                    throw new BenchmarkException($"An attempt was answered with an error: {e.Message}");
                }
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (answer.Outcome == "Accepted") accepted[i]++;
            }
        }));
        var elapsed = clock.Elapsed;
        var cpu = server.CpuTime() - cpuBefore;
        var all = latencies.SelectMany(l => l).ToList();
        all.Sort();
        return new Result("", 0, all.Count / elapsed.TotalSeconds, HubClients.Percentile(all, 0.50), HubClients.Percentile(all, 0.99),
            cpu.TotalMicroseconds / Math.Max(1, all.Count), accepted.Sum());
    }
}
