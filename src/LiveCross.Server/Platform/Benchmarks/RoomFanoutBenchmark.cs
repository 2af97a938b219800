using System.Diagnostics.Metrics;
using LiveCross.Server.Live.FlashSales;
using LiveCross.Server.Live.Rooms;
using Microsoft.AspNetCore.SignalR;

namespace LiveCross.Server.Platform.Benchmarks;

/// <summary>
/// The reference for bench/LiveCross.Bench room-fanout and flash-hub: a SignalR hub with no authentication, no rooms and
/// no state but one group and a message number, answering an attempt with a fixed result of the real shape.
/// </summary>
public sealed class BareHub : Hub
{
    public const string Path = "/bench/hubs/bare";
    public const string Group = "bare";

    private static readonly AttemptResponse FixedAttempt = new("SoldOut", null, null);
    private static long _seq;

    public static long Seq => Interlocked.Read(ref _seq);

    public static long NextSeq() => Interlocked.Increment(ref _seq);

    /// <summary>Joins the one group; answers the current message number, as a room's snapshot does.</summary>
    public async Task<long> Join()
    {
        await Groups.AddToGroupAsync(Context.ConnectionId, Group);
        return Seq;
    }

    public AttemptResponse AttemptFlashSale(string? saleId, string? requestKey, int? quantity) => FixedAttempt;
}

/// <summary>What a fan-out trigger sent: each message's number and when it was handed to SignalR (UTC ticks).</summary>
public sealed record FanoutSent(long[] Seqs, long[] SentAtTicks);

/// <summary>
/// Bench-only triggers that send a bounded stream of room messages (chat, counters, stock in turn): through the real
/// path (<see cref="RoomRegistry"/>: the room's numbering, gate and group) or through the bare hub with the same payloads.
/// Mapped only with <c>Benchmarks:ReferenceEndpoints</c>.
/// </summary>
public static class RoomFanoutBenchmarkEndpoints
{
    public const string RoomTriggerPath = "/bench/rooms/{sessionId:guid}/fanout";
    public const string BareTriggerPath = "/bench/bare/fanout";
    public const string MemoryPath = "/bench/memory";
    public const string CollectPath = "/bench/collect";
    public const int MaxMessages = 10_000;
    public const int MaxIntervalMs = 1_000;

    private static readonly Guid BenchUser = new("0190a5c2-7b1e-7c3d-9f00-000000000b0b");

    public static WebApplication MapRoomFanoutBenchmark(this WebApplication app)
    {
        app.MapHub<BareHub>(BareHub.Path).AllowAnonymous();
        app.MapPost(RoomTriggerPath, RoomAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost(BareTriggerPath, BareAsync).ExcludeFromDescription().DisableAntiforgery();
        var pools = new MemoryPoolGauge();
        app.Lifetime.ApplicationStopped.Register(pools.Dispose);
        // An aggressive full collection first: the managed heap then counts live objects only, and the collector hands
        // free memory back to the system, so the process's resident set is not padded by garbage and spare regions.
        app.MapPost(MemoryPath, () =>
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            return TypedResults.Ok(new { managedBytes = GC.GetTotalMemory(forceFullCollection: true), pooledBytes = pools.PooledBytes });
        }).ExcludeFromDescription().DisableAntiforgery();
        // A plain full collection between two measured streams, so that neither inherits the other's garbage.
        app.MapPost(CollectPath, () =>
        {
            GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true);
            GC.WaitForPendingFinalizers();
            return TypedResults.NoContent();
        }).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> RoomAsync(Guid sessionId, int messages, int intervalMs, RoomRegistry rooms, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Invalid(messages, intervalMs) is { } problem) return problem;
        var room = await rooms.GetAsync(sessionId, cancellationToken);
        if (room is null) return TypedResults.Problem($"There is no live or scheduled session {sessionId}.", statusCode: StatusCodes.Status404NotFound);
        var saleId = Guid.CreateVersion7();
        var sent = await SendStreamAsync(messages, intervalMs, clock, async (i, sentAt) =>
        {
            switch (i % 3)
            {
                case 0:
                    var chat = await rooms.SendChatAsync(room, BenchUser, "Bench host", $"Line {i} of the bench stream");
                    return chat.Seq;
                case 1:
                    var counted = 0L;
                    await rooms.SendAsync(room, RoomEvents.Counters, seq => new CountersMessage(room.Id, counted = seq, room.Likes, room.Viewers.Count));
                    return counted;
                default:
                    var stocked = 0L;
                    await rooms.SendAsync(room, RoomEvents.FlashSaleStock, seq => new FlashSaleStockMessage(room.Id, stocked = seq, saleId, messages - i, "active"));
                    return stocked;
            }
        }, cancellationToken);
        return TypedResults.Ok(sent);
    }

    private static async Task<IResult> BareAsync(int messages, int intervalMs, IHubContext<BareHub> hub, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Invalid(messages, intervalMs) is { } problem) return problem;
        var roomId = Guid.CreateVersion7();
        var saleId = Guid.CreateVersion7();
        var group = hub.Clients.Group(BareHub.Group);
        var sent = await SendStreamAsync(messages, intervalMs, clock, async (i, sentAt) =>
        {
            var seq = BareHub.NextSeq();
            object message = (i % 3) switch
            {
                0 => new ChatMessage(roomId, seq, Guid.CreateVersion7(), BenchUser, "Bench host", $"Line {i} of the bench stream", sentAt),
                1 => new CountersMessage(roomId, seq, 0, 5_000),
                _ => new FlashSaleStockMessage(roomId, seq, saleId, messages - i, "active"),
            };
            var method = (i % 3) switch { 0 => RoomEvents.Chat, 1 => RoomEvents.Counters, _ => RoomEvents.FlashSaleStock };
            await group.SendAsync(method, message, CancellationToken.None);
            return seq;
        }, cancellationToken);
        return TypedResults.Ok(sent);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult? Invalid(int messages, int intervalMs) =>
        messages is < 1 or > MaxMessages || intervalMs is < 0 or > MaxIntervalMs
            ? TypedResults.Problem($"messages 1..{MaxMessages:N0}, intervalMs 0..{MaxIntervalMs}", statusCode: StatusCodes.Status400BadRequest)
            : null;

    /// <summary>Sends message after message, each awaited (SignalR's own back-pressure), at most one per interval when one is given.</summary>
    private static async Task<FanoutSent> SendStreamAsync(
        int messages, int intervalMs, TimeProvider clock, Func<int, DateTimeOffset, Task<long>> send, CancellationToken cancellationToken)
    {
        var seqs = new long[messages];
        var sentAt = new long[messages];
        var start = clock.GetUtcNow();
        for (var i = 0; i < messages; i++)
        {
            if (intervalMs > 0)
            {
                var due = start.AddMilliseconds((double)i * intervalMs) - clock.GetUtcNow();
                if (due > TimeSpan.Zero) await Task.Delay(due, clock, cancellationToken);
            }
            var now = clock.GetUtcNow();
            sentAt[i] = now.UtcTicks;
            seqs[i] = await send(i, now);
        }
        return new FanoutSent(seqs, sentAt);
    }
}

/// <summary>
/// Bytes the server's memory pools (Kestrel's and its transports') hold idle for reuse, summed from the pools' own
/// up-down counter since start. They are part of the managed heap and the resident set without being any connection's
/// state: blocks a broadcast to thousands of connections rented at once and gave back, kept for the next one until the
/// pools' idle eviction (every 10 s) releases them. Created before the server starts, so it sees every change.
/// </summary>
public sealed class MemoryPoolGauge : IDisposable
{
    private const string MeterName = "Microsoft.AspNetCore.MemoryPool";
    private const string PooledInstrument = "aspnetcore.memory_pool.pooled";

    private readonly MeterListener _listener = new();
    private long _pooled;

    public MemoryPoolGauge()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == MeterName && instrument.Name == PooledInstrument) listener.EnableMeasurementEvents(instrument);
        };
        _listener.SetMeasurementEventCallback<long>((_, bytes, _, _) => Interlocked.Add(ref _pooled, bytes));
        _listener.Start();
    }

    public long PooledBytes => Interlocked.Read(ref _pooled);

    public void Dispose() => _listener.Dispose();
}
