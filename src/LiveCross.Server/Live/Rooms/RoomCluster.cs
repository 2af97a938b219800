using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiveCross.Server.Platform.Redis;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace LiveCross.Server.Live.Rooms;

/// <summary>What a joining client is given to catch up: the room's current number, the kept chat, what it missed, open questions.</summary>
public sealed record RoomHistory(long Seq, List<ChatMessage> Chat, List<ChatMessage> Missed, bool Complete, List<QuestionMessage> Questions);

/// <summary>
/// A room's state shared by the nodes through Redis (used only when <c>Redis:Configuration</c> is set). Under
/// <c>{prefix}:room:{id}:</c>: <c>seq</c> (INCR: messages from any node are numbered in one series), <c>chat</c> (the
/// last lines for joiners, a sorted set scored by number), <c>likes</c> (INCRBY of each node's batch), <c>viewers:{node}</c>
/// (each node's count, expiring unless its ticker refreshes it) with the set <c>nodes</c>, <c>markets</c> watched (for
/// pinned cards) and <c>ticker</c>, a lease naming the one node that broadcasts the room's counters and stock. Changes
/// other nodes must apply to their own <see cref="Room"/> go out as <see cref="RoomEvent"/>s (pub/sub).
/// </summary>
/// <remarks>
/// A node numbers and hands its messages to the backplane under a per-room gate, so its own messages go out in order;
/// messages of two nodes may cross by a few milliseconds, so a client that sees a gap waits a moment before it asks for
/// what it missed (<c>JoinRoom</c> with its last number), which the shared history answers.
/// </remarks>
public sealed class RoomCluster(RedisConnection redis, IHubContext<RoomHub> hub, IOptions<RoomOptions> options, ILogger<RoomCluster> logger)
{
    public const string EventsChannel = "rooms";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly TimeSpan KeepRoom = TimeSpan.FromDays(1);

    // Ordered by number so two nodes' lines land in order whoever wrote first; capped by rank after each add.
    private const string ForgetScript = """
        for _, member in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
          local ok, line = pcall(cjson.decode, member)
          if ok and line.id == ARGV[1] then
            redis.call('ZREM', KEYS[1], member)
            return 1
          end
        end
        return 0
        """;

    // A room's numbers never go back, even when Redis lost them (restarted without persistence): they go on from the
    // highest number this node has seen.
    private const string NextSeqScript = """
        if redis.call('EXISTS', KEYS[1]) == 0 then redis.call('SET', KEYS[1], ARGV[1]) end
        return redis.call('INCR', KEYS[1])
        """;

    // What a joiner is shown, read at once: the number, the kept chat, and the counters as the broadcaster last summed
    // them (likes; viewers on the other nodes), so a snapshot never lags the counters its viewers already saw.
    private const string HistoryScript = """
        local others = 0
        for _, node in ipairs(redis.call('SMEMBERS', KEYS[4])) do
          if node ~= ARGV[1] then others = others + tonumber(redis.call('GET', ARGV[2] .. node) or '0') end
        end
        return { tonumber(redis.call('GET', KEYS[1]) or '0'), redis.call('ZRANGE', KEYS[2], 0, -1), tonumber(redis.call('GET', KEYS[3]) or '-1'), others }
        """;

    // One round trip per room and tick: this node's viewers (expiring), its likes batch added, the sums over live nodes,
    // and the broadcaster's lease. Standalone Redis: the per-node keys are built from ARGV, not declared in KEYS.
    private const string CountersScript = """
        redis.call('SET', KEYS[1], ARGV[2], 'PX', ARGV[5])
        redis.call('SADD', KEYS[2], ARGV[1])
        if redis.call('EXISTS', KEYS[3]) == 0 then redis.call('SET', KEYS[3], ARGV[4]) end
        local likes = redis.call('INCRBY', KEYS[3], ARGV[3])
        local viewers = 0
        for _, node in ipairs(redis.call('SMEMBERS', KEYS[2])) do
          local count = redis.call('GET', ARGV[7] .. node)
          if count then viewers = viewers + tonumber(count) else redis.call('SREM', KEYS[2], node) end
        end
        local holder = redis.call('GET', KEYS[4])
        if not holder then
          redis.call('SET', KEYS[4], ARGV[1], 'PX', ARGV[5])
          holder = ARGV[1]
        elseif holder == ARGV[1] then
          redis.call('PEXPIRE', KEYS[4], ARGV[5])
        end
        for i = 5, #KEYS do redis.call('PEXPIRE', KEYS[i], ARGV[6]) end
        redis.call('PEXPIRE', KEYS[2], ARGV[6])
        redis.call('PEXPIRE', KEYS[3], ARGV[6])
        if holder == ARGV[1] then return { likes, viewers, 1 } end
        return { likes, viewers, 0 }
        """;

    private readonly ConditionalWeakTable<Room, SemaphoreSlim> _gates = new();
    private readonly ConcurrentDictionary<Guid, bool> _broadcaster = new();
    private readonly ConcurrentDictionary<Guid, long> _lastSeq = new();

    public bool Enabled => redis.Enabled;

    public string NodeId => redis.NodeId;

    private IDatabase Db => redis.Database;

    private RedisKey Key(Guid room, string name) => redis.Key($"room:{room:N}:{name}");

    /// <summary>Whether this node sends the room's counters, stock and discovered sales: always on one node; with Redis, the lease holder.</summary>
    public bool Broadcasts(Room room) => !Enabled || _broadcaster.GetValueOrDefault(room.Id);

    /// <summary>
    /// Takes the room's next number (or, for a message to one connection, repeats the current one) and hands what
    /// <paramref name="send"/> makes of it to SignalR; this node's messages go out in number order.
    /// </summary>
    public async Task<T> NumberAsync<T>(Room room, bool next, Func<long, (T Result, Task Sending)> send)
    {
        var gate = _gates.GetValue(room, _ => new SemaphoreSlim(1, 1));
        (T Result, Task Sending) numbered;
        await gate.WaitAsync();
        try
        {
            var seen = _lastSeq.GetValueOrDefault(room.Id);
            var seq = next
                ? (long)await Db.ScriptEvaluateAsync(NextSeqScript, [Key(room.Id, "seq")], [seen])
                : (long?)await Db.StringGetAsync(Key(room.Id, "seq")) ?? seen;
            if (seq > seen) _lastSeq[room.Id] = seq;
            numbered = send(seq);
        }
        finally
        {
            gate.Release();
        }
        await numbered.Sending;
        return numbered.Result;
    }

    public Task SendAsync<T>(Room room, string method, Func<long, T> message, string? connectionId) =>
        NumberAsync(room, connectionId is null, seq =>
        {
            var clients = connectionId is null ? hub.Clients.Group(room.Group) : hub.Clients.Client(connectionId);
            return (true, clients.SendAsync(method, message(seq)));
        });

    /// <summary>Sends a chat line and adds it to the shared history, under one number.</summary>
    public Task<ChatMessage> SendChatAsync(Room room, Func<long, ChatMessage> create) =>
        NumberAsync(room, true, seq =>
        {
            var message = create(seq);
            var chat = Key(room.Id, "chat");
            var remembered = Task.WhenAll(
                Db.SortedSetAddAsync(chat, JsonSerializer.Serialize(message, Json), seq),
                Db.SortedSetRemoveRangeByRankAsync(chat, 0, -(options.Value.ChatHistory + 1)));
            return (message, Task.WhenAll(remembered, hub.Clients.Group(room.Group).SendAsync(RoomEvents.Chat, message)));
        });

    public async Task<bool> DeleteChatAsync(Room room, Guid messageId)
    {
        var forgotten = (long)await Db.ScriptEvaluateAsync(ForgetScript, [Key(room.Id, "chat")], [messageId.ToString("D")]);
        if (forgotten == 0) return false;
        return await NumberAsync(room, true, seq =>
            (true, hub.Clients.Group(room.Group).SendAsync(RoomEvents.ChatDeleted, new ChatDeletedMessage(room.Id, seq, messageId))));
    }

    /// <summary>The room's current number and shared chat history for a client joining with <paramref name="market"/> (recorded for pinned cards).</summary>
    public async Task<RoomHistory> HistoryAsync(Room room, long? after, string market)
    {
        var watching = Db.SetAddAsync(Key(room.Id, "markets"), market);
        var result = (RedisResult[])(await Db.ScriptEvaluateAsync(HistoryScript,
            [Key(room.Id, "seq"), Key(room.Id, "chat"), Key(room.Id, "likes"), Key(room.Id, "nodes")], [NodeId, ViewersKeyPrefix(room)]))!;
        await watching;
        var seq = (long)result[0];
        if ((long)result[2] >= 0) room.ShareCounters((long)result[2], (int)(long)result[3]);
        var chat = ((string[])result[1]!).Select(m => JsonSerializer.Deserialize<ChatMessage>(m, Json)!).ToList();
        List<QuestionMessage> questions;
        lock (room.Gate) questions = room.History(null).Questions;
        if (after is not { } last) return new RoomHistory(seq, chat, [], true, questions);
        var missed = chat.Where(m => m.Seq > last).ToList();
        var complete = seq <= last || chat.Count < options.Value.ChatHistory || chat[0].Seq <= last + 1;
        return new RoomHistory(seq, chat, missed, complete, questions);
    }

    private string ViewersKeyPrefix(Room room) => redis.KeyPrefix + $"room:{room.Id:N}:viewers:";

    /// <summary>Every market a viewer joined the room with, on any node.</summary>
    public async Task<IReadOnlyList<string>> MarketsAsync(Room room) =>
        (await Db.SetMembersAsync(Key(room.Id, "markets"))).Select(m => m.ToString()).ToList();

    /// <summary>Each tick: shares this node's viewers and likes for every loaded room and takes the sums and the broadcaster lease back.</summary>
    public Task ShareCountersAsync(IEnumerable<Room> rooms) => Task.WhenAll(rooms.Select(ShareCountersAsync));

    private async Task ShareCountersAsync(Room room)
    {
        var local = room.Viewers.Count;
        var likes = room.TakeUnsharedLikes();
        try
        {
            RedisKey[] keys = [Key(room.Id, $"viewers:{NodeId}"), Key(room.Id, "nodes"), Key(room.Id, "likes"), Key(room.Id, "ticker"),
                Key(room.Id, "seq"), Key(room.Id, "chat"), Key(room.Id, "markets")];
            RedisValue[] values = [NodeId, local, likes, Math.Max(0, room.Likes - likes), (long)redis.NodeTimeout.TotalMilliseconds,
                (long)KeepRoom.TotalMilliseconds, ViewersKeyPrefix(room)];
            var result = (RedisResult[])(await Db.ScriptEvaluateAsync(CountersScript, keys, values))!;
            _broadcaster[room.Id] = (long)result[2] == 1;
            room.ShareCounters((long)result[0], Math.Max(0, (int)(long)result[1] - local));
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            room.ReturnUnsharedLikes(likes);
            logger.LogWarning(e, "Could not share the counters of room {RoomId} through Redis", room.Id);
        }
    }

    /// <summary>Tells the other nodes of a change to a room's state; they apply it to their own <see cref="Room"/> (<see cref="RoomClusterEvents"/>).</summary>
    public void Publish(RoomEvent change) => _ = PublishAsync(change with { Origin = NodeId });

    private async Task PublishAsync(RoomEvent change)
    {
        try
        {
            await redis.Subscriber.PublishAsync(redis.Channel(EventsChannel), JsonSerializer.Serialize(change, Json));
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not tell the other nodes of a change to room {RoomId}", change.RoomId);
        }
    }

    public static RoomEvent? Read(string json) => JsonSerializer.Deserialize<RoomEvent>(json, Json);
}

/// <summary>A change to a room made on one node that the other nodes apply to their own copy of the room.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(SanctionEvent), "sanction")]
[JsonDerivedType(typeof(PinEvent), "pin")]
[JsonDerivedType(typeof(QuestionEvent), "question")]
[JsonDerivedType(typeof(FlashSaleStartedEvent), "flashSaleStarted")]
[JsonDerivedType(typeof(FlashSaleEndedEvent), "flashSaleEnded")]
[JsonDerivedType(typeof(SessionStatusEvent), "sessionStatus")]
public abstract record RoomEvent(Guid RoomId)
{
    /// <summary>The node that made the change (and applied it already).</summary>
    public string Origin { get; init; } = "";
}

public sealed record SanctionEvent(Guid RoomId, Guid UserId, SanctionKind Sanction) : RoomEvent(RoomId);

public sealed record PinEvent(Guid RoomId, Guid ProductId) : RoomEvent(RoomId);

public sealed record QuestionEvent(Guid RoomId, QuestionMessage Question) : RoomEvent(RoomId);

public sealed record FlashSaleStartedEvent(Guid RoomId, Guid SellerId, RoomFlashSale Sale) : RoomEvent(RoomId);

public sealed record FlashSaleEndedEvent(Guid RoomId, Guid SaleId) : RoomEvent(RoomId);

public sealed record SessionStatusEvent(Guid RoomId, string Status) : RoomEvent(RoomId);

/// <summary>Applies the other nodes' <see cref="RoomEvent"/>s to the rooms loaded on this node (with Redis only).</summary>
public sealed class RoomClusterEvents(RedisConnection redis, RoomRegistry rooms, ILogger<RoomClusterEvents> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!redis.Enabled) return;
        var queue = await redis.Subscriber.SubscribeAsync(redis.Channel(RoomCluster.EventsChannel));
        // One queue, handled in the order published: a pin followed by another pin leaves the second.
        queue.OnMessage(async message =>
        {
            try
            {
                if (RoomCluster.Read(message.Message.ToString()) is { } change && change.Origin != redis.NodeId) await rooms.ApplyAsync(change);
            }
            catch (Exception e)
            {
                logger.LogWarning(e, "Could not apply a room change from another node");
            }
        });
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
