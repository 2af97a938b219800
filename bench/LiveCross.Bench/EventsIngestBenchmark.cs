using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;

namespace LiveCross.Bench;

/// <summary>
/// <c>POST /api/v1/events</c> with 500-event batches from N concurrent loopback clients (each its own anonymous client
/// id), a bounded number of batches within a bounded time. Bodies are made before the clock starts so the client
/// spends the shared cores on sending only. Afterwards the server's writer is flushed and the DuckDB table counted:
/// stored rows must equal the events accepted. Target (issue 5): ≥ 50,000 events/s.
/// </summary>
public static class EventsIngestBenchmark
{
    public const double TargetEventsPerSecond = 50_000;
    private const int EventsPerBatch = 500;

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var clients = Option(args, "--clients", 8, 1, 256);
        var batches = Option(args, "--batches", 600, 1, 20_000);
        var seconds = Option(args, "--max-seconds", 120, 5, 600);
        var serverDll = Path.Combine(CatalogBenchmark.RepositoryRoot(), "src", "LiveCross.Server", "bin", "Release", "net10.0", "LiveCross.Server.dll");
        if (!File.Exists(serverDll))
            throw new BenchmarkException($"{serverDll} is missing. Build the server first: dotnet build -c Release src/LiveCross.Server");
        CatalogBenchmark.PrintMachine(serverDll);
        await using var server = await ServerProcess.StartAsync(serverDll, new Dictionary<string, string>
        {
            ["DemoData"] = "false",
            ["Benchmarks:ReferenceEndpoints"] = "true",
            ["Events:RequestsPerSecond"] = "1000000",
            ["Events:Burst"] = "1000000",
            ["Logging:LogLevel:Default"] = "Warning",
        }, cancellationToken);
        Console.WriteLine($"server: pid {server.Id} at {server.BaseAddress}; {clients} clients, {batches:N0} batches of {EventsPerBatch} events (at most {seconds} s)");

        var bodies = Enumerable.Range(0, batches).Select(Body).ToArray();
        using var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients };
        using var http = new HttpClient(handler) { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        await PostAsync(http, Body(-1), "warmup-client-0001", cancellationToken);

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(TimeSpan.FromSeconds(seconds));
        var next = -1;
        var latencies = new List<double>[clients];
        var accepted = new long[clients];
        var cpuBefore = server.CpuTime();
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, clients).Select(async c =>
        {
            latencies[c] = [];
            var clientId = $"bench-client-{c:D4}";
            int i;
            while ((i = Interlocked.Increment(ref next)) < batches && !deadline.IsCancellationRequested)
            {
                var started = Stopwatch.GetTimestamp();
                accepted[c] += await PostAsync(http, bodies[i], clientId, deadline.Token);
                latencies[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            }
        }));
        var elapsed = clock.Elapsed;
        var cpu = server.CpuTime() - cpuBefore;
        var sent = latencies.Sum(l => l.Count);

        using var stored = JsonDocument.Parse(await http.GetStringAsync("/bench/events/stored", cancellationToken));
        var rows = stored.RootElement.GetProperty("rows").GetInt64();
        var enqueued = stored.RootElement.GetProperty("enqueued").GetInt64();
        var processed = stored.RootElement.GetProperty("processed").GetInt64();
        var total = accepted.Sum();
        var all = latencies.SelectMany(l => l).Order().ToList();
        var rate = total / elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"sent {sent:N0} batches, accepted {total:N0} events in {elapsed.TotalSeconds:0.00} s: {rate:N0} events/s; per batch p50 {Percentile(all, 0.50):0.0} ms, p99 {Percentile(all, 0.99):0.0} ms; server CPU {cpu.TotalSeconds:0.00} s ({cpu.TotalMicroseconds / Math.Max(1, total):0.00} µs per event)"));
        Console.WriteLine($"store: {rows:N0} rows (1 warm-up batch of {EventsPerBatch} included), writer enqueued {enqueued:N0}, processed {processed:N0}");
        var lost = total + EventsPerBatch - rows;
        if (lost != 0 || enqueued != processed)
        {
            Console.WriteLine($"FAIL: count in ≠ count stored ({lost:N0} missing) or writer processed ≠ enqueued");
            return 2;
        }
        var pass = rate >= TargetEventsPerSecond;
        Console.WriteLine($"count in = count stored; {rate:N0} events/s (target ≥ {TargetEventsPerSecond:N0}): {(pass ? "PASS" : "FAIL")}");
        return pass ? 0 : 1;
    }

    private static async Task<long> PostAsync(HttpClient http, byte[] body, string clientId, CancellationToken cancellationToken)
    {
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/events") { Content = content };
        request.Headers.Add("X-LiveCross-Client", clientId);
        using var response = await http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK) throw new BenchmarkException($"POST /api/v1/events answered {(int)response.StatusCode}: {text}");
        using var answer = JsonDocument.Parse(text);
        var rejected = answer.RootElement.GetProperty("rejected").GetArrayLength();
        if (rejected > 0) throw new BenchmarkException($"{rejected} events of a batch were rejected: {text}");
        return answer.RootElement.GetProperty("accepted").GetInt64();
    }

    /// <summary>A batch as the tracker sends it: view starts, progress, tag clicks and product views over a few hundred videos.</summary>
    private static byte[] Body(int batch)
    {
        var now = DateTimeOffset.UtcNow.AddSeconds(-5).ToString("O", CultureInfo.InvariantCulture);
        var builder = new StringBuilder("[");
        for (var i = 0; i < EventsPerBatch; i++)
        {
            if (i > 0) builder.Append(',');
            var video = new Guid(batch * 7919 + i % 300, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]);
            var product = new Guid(i % 1000, 0, 0, [0, 0, 0, 0, 0, 0, 0, 2]);
            builder.Append(CultureInfo.InvariantCulture, $"{{\"eventId\":\"b{batch}-e{i}\",\"occurredAt\":\"{now}\",");
            builder.Append((i % 4) switch
            {
                0 => $"\"type\":\"view_start\",\"videoId\":\"{video}\"}}",
                1 => $"\"type\":\"watch_progress\",\"videoId\":\"{video}\",\"percent\":50,\"watchSeconds\":12.5}}",
                2 => $"\"type\":\"tag_click\",\"videoId\":\"{video}\",\"productId\":\"{product}\"}}",
                _ => $"\"type\":\"product_view\",\"productId\":\"{product}\"}}",
            });
        }
        return Encoding.UTF8.GetBytes(builder.Append(']').ToString());
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];

    private static int Option(string[] args, string name, int fallback, int min, int max)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0) return fallback;
        if (at + 1 < args.Length && int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value) && value >= min && value <= max) return value;
        throw new BenchmarkException($"{name} takes a number from {min} to {max}.");
    }
}
