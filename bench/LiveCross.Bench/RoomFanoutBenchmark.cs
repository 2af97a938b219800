using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCross.Server.Live.Rooms;
using LiveCross.Server.Platform.Benchmarks;
using Microsoft.AspNetCore.SignalR.Client;

namespace LiveCross.Bench;

/// <summary>
/// Room broadcast to thousands of viewers on one node, against a bare SignalR hub in the same run on the same server.
/// N anonymous viewers join the demo live room over WebSockets and N more join the bare hub's one group; a bench-only
/// trigger sends a stream of chat, counters and stock messages through <see cref="RoomRegistry"/> (numbering, gate, the
/// room's group) or the same payloads through the bare hub. Each viewer checks the sequence numbers (no gap) and notes
/// when each message arrived; the trigger answers when it handed each message to SignalR. Targets (issue 4): room
/// deliveries/s ≥ 0.7× the bare hub's, p99 delivery latency &lt; 200 ms, &lt; 35 KB of server memory per viewer.
/// </summary>
public static class RoomFanoutBenchmark
{
    public const double TargetRatio = 0.7;
    public const double TargetP99Ms = 200;
    public const double TargetKbPerViewer = 35;

    private const int WarmViewers = 50;
    private const int WarmBurst = 50;
    private const int WarmPaced = 20;

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(90);

    private static readonly string[] Events =
    [
        RoomEvents.Chat, RoomEvents.ChatDeleted, RoomEvents.Counters, RoomEvents.Pinned, RoomEvents.Question,
        RoomEvents.FlashSale, RoomEvents.FlashSaleStock, RoomEvents.Moderated,
    ];

    public static async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var (client, rest) = ClientOption(args);
        var o = HubClients.Options(rest, new()
        {
            ["--viewers"] = (5_000, 1, 9_000),
            ["--burst"] = (200, 3, RoomFanoutBenchmarkEndpoints.MaxMessages),
            ["--paced"] = (100, 3, RoomFanoutBenchmarkEndpoints.MaxMessages),
            // 5 messages a second to every viewer, as the documented runs: with the viewers on the same two cores, 10 a
            // second (50,000 deliveries/s) keeps the cores busy enough that both hubs' p99 passes 200 ms (2026-12-04 run).
            ["--interval-ms"] = (200, 1, RoomFanoutBenchmarkEndpoints.MaxIntervalMs),
            // Even, so that each hub goes first in as many rounds as the other (see the loop below).
            ["--rounds"] = (4, 1, 10),
        });
        var viewers = o["--viewers"];
        if (o["--rounds"] % 2 == 1 && o["--rounds"] > 1)
            Console.WriteLine($"note: {o["--rounds"]} rounds: the bare hub goes first in one round more than the room (an even number balances the order)");
        var serverDll = Path.Combine(CatalogBenchmark.RepositoryRoot(), "src", "LiveCross.Server", "bin", "Release", "net10.0", "LiveCross.Server.dll");
        if (!File.Exists(serverDll))
            throw new BenchmarkException($"{serverDll} is missing. Build the server first: dotnet build -c Release src/LiveCross.Server");
        CatalogBenchmark.PrintMachine(serverDll);
        // The lean viewers' receive loops run on the socket event threads instead of hopping to the thread pool: the work
        // after a read is a few hundred nanoseconds, less than the hop. Read once, at the first socket, so set before the
        // server is started (which must not inherit it: it is measured as deployed).
        var serverInlineCompletions = Environment.GetEnvironmentVariable(InlineCompletions);
        if (client == LeanClient) Environment.SetEnvironmentVariable(InlineCompletions, "1");
        await using var server = await ServerProcess.StartAsync(serverDll, new Dictionary<string, string>
        {
            ["DemoData"] = "true",
            ["Benchmarks:ReferenceEndpoints"] = "true",
            ["Logging:LogLevel:Default"] = "Warning",
        }, cancellationToken, new Dictionary<string, string?> { [InlineCompletions] = serverInlineCompletions });
        Console.WriteLine($"server: pid {server.Id} at {server.BaseAddress} (SQLite in a temporary folder, demo data)");
        Console.WriteLine(client == LeanClient
            ? "client: lean (raw WebSockets speaking the JSON hub protocol, one receive loop and buffer per viewer)"
            : "client: signalr (Microsoft.AspNetCore.SignalR.Client HubConnection per viewer)");
        using var http = new HttpClient { BaseAddress = server.BaseAddress, Timeout = TimeSpan.FromMinutes(10) };
        var sessionId = await LiveSessionAsync(http, cancellationToken);
        await using var lean = new LeanHubClient(server.BaseAddress);

        async Task<Viewer> JoinRoomAsync(int _, CancellationToken token)
        {
            var viewer = new Viewer();
            if (client == LeanClient)
            {
                viewer.Connection = await lean.ConnectAsync(RoomHub.Path, viewer.Received, token);
                await viewer.JoinAsync("JoinRoom", $"[\"{sessionId}\",null,\"DE\"]", token);
                return viewer;
            }
            var hub = viewer.Listen(HubClients.Build(server.BaseAddress, RoomHub.Path, token: null));
            await hub.StartAsync(token);
            viewer.Joined((await hub.InvokeAsync<Numbered>("JoinRoom", sessionId.ToString(), null, "DE", token)).Seq);
            return viewer;
        }
        async Task<Viewer> JoinBareAsync(int _, CancellationToken token)
        {
            var viewer = new Viewer();
            if (client == LeanClient)
            {
                viewer.Connection = await lean.ConnectAsync(BareHub.Path, viewer.Received, token);
                await viewer.JoinAsync("Join", "[]", token);
                return viewer;
            }
            var hub = viewer.Listen(HubClients.Build(server.BaseAddress, BareHub.Path, token: null));
            await hub.StartAsync(token);
            viewer.Joined(await hub.InvokeAsync<long>("Join", token));
            return viewer;
        }

        // A few viewers of each first, then gone: the room is loaded and both paths' code and caches warmed, so the memory
        // measured next is what each further viewer costs, not the first one's one-time work.
        var warm = (await HubClients.ConnectAsync(WarmViewers, JoinRoomAsync, cancellationToken)).Concat(await HubClients.ConnectAsync(WarmViewers, JoinBareAsync, cancellationToken));
        await HubClients.DisposeAllAsync(warm.Select(v => v.Connection));

        var memory = new List<ServerMemory> { await HubClients.ServerMemoryAsync(server, cancellationToken) };
        var room = Array.Empty<Viewer>();
        var bare = Array.Empty<Viewer>();
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            room = await HubClients.ConnectAsync(viewers, JoinRoomAsync, cancellationToken);
            Console.WriteLine($"{viewers:N0} viewers joined room {sessionId} in {clock.Elapsed.TotalSeconds:0.0} s");
            memory.Add(await HubClients.ServerMemoryAsync(server, cancellationToken));

            clock.Restart();
            bare = await HubClients.ConnectAsync(viewers, JoinBareAsync, cancellationToken);
            Console.WriteLine($"{viewers:N0} viewers joined the bare hub in {clock.Elapsed.TotalSeconds:0.0} s");
            memory.Add(await HubClients.ServerMemoryAsync(server, cancellationToken));

            var roomMemory = Memory(memory[0], memory[1], viewers);
            var bareMemory = Memory(memory[1], memory[2], viewers);
            Console.WriteLine($"server memory per viewer: room {roomMemory.Rss:N1} KB resident ({roomMemory.Managed:N1} KB managed heap, of which {roomMemory.Pooled:N1} KB idle pool blocks), bare {bareMemory.Rss:N1} KB ({bareMemory.Managed:N1} KB, {bareMemory.Pooled:N1} KB)");

            // An unmeasured round first, both hubs to all their viewers: the first stream after the joins runs the send
            // paths' code before the JIT has optimised it and grows the connections' buffers; measured, it was the
            // slowest burst of most runs (the room's ratio in round 1 was the lowest in five of six runs), whichever hub.
            foreach (var hub in new[] { "bare", "room" })
            {
                await RunPhaseAsync(server, http, hub, "burst", 0, ViewersOf(hub), Trigger(hub, WarmBurst, 0), cancellationToken);
                await RunPhaseAsync(server, http, hub, "paced", 0, ViewersOf(hub), Trigger(hub, WarmPaced, o["--interval-ms"]), cancellationToken);
            }
            Viewer[] ViewersOf(string hub) => hub == "bare" ? bare : room;
            string Trigger(string hub, int messages, int interval) => hub == "bare"
                ? $"{RoomFanoutBenchmarkEndpoints.BareTriggerPath}?messages={messages}&intervalMs={interval}"
                : $"/bench/rooms/{sessionId}/fanout?messages={messages}&intervalMs={interval}";

            var results = new List<Phase>();
            for (var round = 1; round <= o["--rounds"]; round++)
            {
                foreach (var (kind, messages, interval) in new[] { ("burst", o["--burst"], 0), ("paced", o["--paced"], o["--interval-ms"]) })
                {
                    // Bare first in odd rounds, room first in even ones: whatever one stream leaves behind that the
                    // collection before the next does not clear (the clients' backlog, the sockets' buffers) falls on
                    // each hub equally often.
                    var bareFirst = round % 2 == 1;
                    foreach (var hub in bareFirst ? new[] { "bare", "room" } : ["room", "bare"])
                    {
                        results.Add(await RunPhaseAsync(server, http, hub, kind, round, ViewersOf(hub), Trigger(hub, messages, interval), cancellationToken));
                    }
                }
            }

            Console.WriteLine();
            Console.WriteLine($"| hub | stream | round | messages | deliveries/s | p50 | p99 | server CPU µs/delivery | client CPU µs/delivery |");
            Console.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---:|");
            foreach (var r in results)
                Console.WriteLine($"| {r.Hub} | {r.Kind} | {r.Round} | {r.Messages:N0} | {r.DeliveriesPerSecond:N0} | {HubClients.Ms(r.P50)} | {HubClients.Ms(r.P99)} | {r.CpuMicrosPerDelivery:N2} | {r.ClientCpuMicrosPerDelivery:N2} |");
            Console.WriteLine($"| memory per viewer | room {roomMemory.Rss:N1} KB resident, {roomMemory.Managed:N1} KB managed, {roomMemory.Pooled:N1} KB idle pool | bare {bareMemory.Rss:N1} KB resident, {bareMemory.Managed:N1} KB managed, {bareMemory.Pooled:N1} KB idle pool | | | | | | |");

            var missing = results.Where(r => r.Missing > 0).ToList();
            if (missing.Count > 0)
                throw new BenchmarkException("Messages missed: " + string.Join("; ", missing.Select(r => $"{r.Hub} {r.Kind} round {r.Round}: {r.Missing:N0} deliveries missing")));
            Console.WriteLine($"checked: every viewer received every message of every stream, in order (0 gaps in the sequence numbers)");

            double Burst(string hub) => results.Where(r => r.Hub == hub && r.Kind == "burst").Average(r => r.DeliveriesPerSecond);
            double BurstIn(string hub, int round) => results.Single(r => r.Hub == hub && r.Kind == "burst" && r.Round == round).DeliveriesPerSecond;
            // Each round's room/bare ratio compares two phases a few seconds apart; the verdict takes the median round, so
            // one round in which the shared cores favoured one phase (seen: the bare hub at 81k and 348k deliveries/s in
            // one run) neither passes nor fails the run alone. Every round's figures are printed above.
            var roundRatios = Enumerable.Range(1, o["--rounds"]).Select(r => BurstIn("room", r) / BurstIn("bare", r)).Order().ToList();
            var ratio = roundRatios.Count % 2 == 1 ? roundRatios[roundRatios.Count / 2] : (roundRatios[roundRatios.Count / 2 - 1] + roundRatios[roundRatios.Count / 2]) / 2;
            var p99 = results.Where(r => r.Hub == "room" && r.Kind == "paced").Max(r => r.P99);
            var ratioMet = ratio >= TargetRatio;
            var p99Met = p99 < TargetP99Ms;
            var memoryMet = roomMemory.Rss < TargetKbPerViewer;
            Console.WriteLine();
            Console.WriteLine($"room/bare deliveries/s (burst) per round: {string.Join(", ", Enumerable.Range(1, o["--rounds"]).Select(r => (BurstIn("room", r) / BurstIn("bare", r)).ToString("0.00", CultureInfo.InvariantCulture)))}; over all rounds' mean rates {(Burst("room") / Burst("bare")).ToString("0.00", CultureInfo.InvariantCulture)}");
            Console.WriteLine($"room/bare deliveries/s (burst), median round: {ratio.ToString("0.00", CultureInfo.InvariantCulture)} target ≥ {TargetRatio:0.0}: {Verdict(ratioMet)}");
            Console.WriteLine($"room p99 delivery latency (paced, worst round): {HubClients.Ms(p99)} target < {TargetP99Ms:0} ms: {Verdict(p99Met)}");
            Console.WriteLine($"room server memory per viewer: {roomMemory.Rss:N1} KB target < {TargetKbPerViewer:0} KB: {Verdict(memoryMet)}");
            return ratioMet && p99Met && memoryMet ? 0 : 1;
        }
        finally
        {
            await HubClients.DisposeAllAsync(room.Concat(bare).Select(v => v.Connection));
        }
    }

    private const string LeanClient = "lean";
    private const string InlineCompletions = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";
    private const string SignalRClient = "signalr";

    /// <summary><c>--client lean</c> (the default) or <c>--client signalr</c>, taken out of the other options.</summary>
    private static (string Client, string[] Others) ClientOption(string[] args)
    {
        var at = Array.IndexOf(args, "--client");
        if (at < 0) return (LeanClient, args);
        if (at + 1 >= args.Length || args[at + 1] is not (LeanClient or SignalRClient))
            throw new BenchmarkException($"--client is {LeanClient} or {SignalRClient}.");
        return (args[at + 1], [.. args[..at], .. args[(at + 2)..]]);
    }

    private static string Verdict(bool met) => met ? "PASS" : "FAIL";

    private static (double Rss, double Managed, double Pooled) Memory(ServerMemory before, ServerMemory after, int viewers) =>
        ((after.Rss - before.Rss) / 1024.0 / viewers, (after.Managed - before.Managed) / 1024.0 / viewers, (after.Pooled - before.Pooled) / 1024.0 / viewers);

    /// <summary>This process's CPU time: the viewers' connections, which share the machine with the server.</summary>
    private static TimeSpan ClientCpuTime() => CpuTime.OfProcess(Environment.ProcessId) ?? TimeSpan.Zero;

    private static async Task<Guid> LiveSessionAsync(HttpClient http, CancellationToken cancellationToken)
    {
        var listing = await http.GetFromJsonAsync<JsonElement>("/api/v1/live-sessions", cancellationToken);
        var live = listing.GetProperty("live");
        if (live.GetArrayLength() == 0) throw new BenchmarkException("The demo data has no live session.");
        return live[0].GetProperty("id").GetGuid();
    }

    private sealed record Phase(
        string Hub, string Kind, int Round, int Messages, double DeliveriesPerSecond, double P50, double P99, double CpuMicrosPerDelivery, double ClientCpuMicrosPerDelivery,
        long Missing);

    private static async Task<Phase> RunPhaseAsync(
        ServerProcess server, HttpClient http, string hub, string kind, int round, Viewer[] viewers, string trigger, CancellationToken cancellationToken)
    {
        foreach (var viewer in viewers) viewer.TakeLog();
        // Both processes start each stream from a collected heap: the stream that ran second in a round was the slower one
        // in every round of the 2026-12-04 runs, whichever hub, as if it paid for the first one's garbage.
        (await http.PostAsync(RoomFanoutBenchmarkEndpoints.CollectPath, null, cancellationToken)).EnsureSuccessStatusCode();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
        var cpuBefore = server.CpuTime();
        var clientCpuBefore = ClientCpuTime();
        var response = await http.PostAsync(trigger, null, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
            throw new BenchmarkException($"{trigger} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        var sent = (await response.Content.ReadFromJsonAsync<FanoutSent>(cancellationToken))!;
        var last = sent.Seqs[^1];
        var deadline = DateTime.UtcNow + Patience;
        while (viewers.Any(v => v.Last < last) && DateTime.UtcNow < deadline) await Task.Delay(50, cancellationToken);
        var cpu = server.CpuTime() - cpuBefore;
        var clientCpu = ClientCpuTime() - clientCpuBefore;

        var sentAt = new Dictionary<long, long>(sent.Seqs.Length);
        for (var i = 0; i < sent.Seqs.Length; i++) sentAt[sent.Seqs[i]] = sent.SentAtTicks[i];
        var latencies = new List<double>(viewers.Length * sent.Seqs.Length);
        var lastArrival = 0L;
        var missing = 0L;
        foreach (var viewer in viewers)
        {
            missing += viewer.TakeGaps() + Math.Max(0, last - viewer.Last);
            foreach (var (seq, ticks) in viewer.TakeLog())
            {
                if (!sentAt.TryGetValue(seq, out var at)) continue;
                latencies.Add(TimeSpan.FromTicks(ticks - at).TotalMilliseconds);
                lastArrival = Math.Max(lastArrival, ticks);
            }
        }
        latencies.Sort();
        var seconds = TimeSpan.FromTicks(lastArrival - sent.SentAtTicks[0]).TotalSeconds;
        var phase = new Phase(hub, kind, round, sent.Seqs.Length, latencies.Count / Math.Max(seconds, 1e-6),
            HubClients.Percentile(latencies, 0.50), HubClients.Percentile(latencies, 0.99), cpu.TotalMicroseconds / Math.Max(1, latencies.Count),
            clientCpu.TotalMicroseconds / Math.Max(1, latencies.Count), missing);
        Console.WriteLine($"  {hub,-4} {kind} {(round == 0 ? "warm-up (not counted)" : $"round {round}")}: {phase.DeliveriesPerSecond,10:N0} deliveries/s  p50 {HubClients.Ms(phase.P50)}  p99 {HubClients.Ms(phase.P99)}  server CPU {phase.CpuMicrosPerDelivery:N2} µs/delivery  client CPU {phase.ClientCpuMicrosPerDelivery:N2} µs/delivery  missing {missing:N0}");
        return phase;
    }

    private sealed class NotConnected : IAsyncDisposable
    {
        public static readonly NotConnected Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Only the number of a message is read (the rest of the payload is skipped by the JSON reader).</summary>
    private sealed record Numbered(long Seq);

    /// <summary>One viewer: counts gaps in the sequence numbers from the one it joined at, and logs when each message arrived.</summary>
    private sealed class Viewer
    {
        private readonly Lock _gate = new();
        private readonly List<long> _early = [];
        private List<(long Seq, long Ticks)> _log = [];
        private long _last = -1;

        public IAsyncDisposable Connection { get; set; } = NotConnected.Instance;

        /// <summary>Logs every room event a SignalR client connection receives.</summary>
        public HubConnection Listen(HubConnection hub)
        {
            Connection = hub;
            foreach (var name in Events) hub.On<Numbered>(name, m => Received(m.Seq, DateTime.UtcNow.Ticks));
            return hub;
        }

        private long _gaps;

        public long Last
        {
            get
            {
                lock (_gate) return _last;
            }
        }

        /// <summary>Joins over its lean connection; a refused join closes the connection, so a retry does not leave it open.</summary>
        public async Task JoinAsync(string method, string argumentsJson, CancellationToken cancellationToken)
        {
            var connection = (LeanHubConnection)Connection;
            try
            {
                Joined(await connection.InvokeForSeqAsync(method, argumentsJson, cancellationToken));
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }
        }

        /// <summary>The number the viewer joined at; messages that came before the answer are counted from it.</summary>
        public void Joined(long seq)
        {
            lock (_gate)
            {
                _last = seq;
                foreach (var early in _early) Count(early);
                _early.Clear();
            }
        }

        /// <summary>Numbers skipped since the last call.</summary>
        public long TakeGaps()
        {
            lock (_gate)
            {
                var gaps = _gaps;
                _gaps = 0;
                return gaps;
            }
        }

        public List<(long Seq, long Ticks)> TakeLog()
        {
            lock (_gate)
            {
                var log = _log;
                _log = new List<(long, long)>(log.Count);
                return log;
            }
        }

        public void Received(long seq, long ticks)
        {
            lock (_gate)
            {
                _log.Add((seq, ticks));
                if (_last < 0) _early.Add(seq);
                else Count(seq);
            }
        }

        // A message numbered at or before the join (sent while the viewer was joining) is not a gap.
        private void Count(long seq)
        {
            if (seq <= _last) return;
            _gaps += seq - _last - 1;
            _last = seq;
        }
    }
}
