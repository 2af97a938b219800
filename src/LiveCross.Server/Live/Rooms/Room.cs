using System.Collections.Concurrent;
using System.Threading.RateLimiting;

namespace LiveCross.Server.Live.Rooms;

/// <summary>A connection watching a room: who (null when anonymous) and for which market it wants prices.</summary>
public sealed record RoomViewer(string ConnectionId, Guid? UserId, string Market);

/// <summary>The pinned product and its card per market, each computed once per pin.</summary>
public sealed class RoomPin(Guid productId)
{
    public Guid ProductId { get; } = productId;

    public ConcurrentDictionary<string, Lazy<Task<PinnedCard>>> Cards { get; } = new(StringComparer.Ordinal);
}

/// <summary>
/// One live session's room on this node. The sequence number is per room and per node: it only grows, and every
/// message is numbered and handed to SignalR under <see cref="Gate"/>, so clients receive them in order. With several
/// nodes (Redis) <see cref="RoomCluster"/> numbers messages, keeps the chat history and sums the counters instead; this
/// node-local state is the embedded default.
/// </summary>
public sealed class Room : IDisposable
{
    private long _seq;
    private long _likes;
    private long _likesUnsaved;
    private long _likesUnshared;
    private int _otherNodesViewers;
    private int _peakViewers;
    private int _countersDirty = 1;
    private readonly LinkedList<ChatMessage> _chat = new();
    private readonly Dictionary<Guid, QuestionMessage> _questions = [];
    private readonly int _chatHistory;

    public Room(Guid id, Guid sellerId, Guid hostAccountId, string status, IReadOnlySet<Guid> lineUp, long likes, int peakViewers, RoomOptions options)
    {
        Id = id;
        SellerId = sellerId;
        HostAccountId = hostAccountId;
        Status = status;
        LineUp = lineUp;
        _likes = likes;
        _peakViewers = peakViewers;
        _chatHistory = options.ChatHistory;
        // One partitioned limiter per room: a token bucket per user, replenished by one shared timer (not one per user),
        // and AttemptAcquire is O(1) and never waits, so a flood is refused without slowing anyone else.
        ChatLimiter = PartitionedRateLimiter.Create<Guid, Guid>(user => RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.ChatBurst,
            TokensPerPeriod = options.ChatPerPeriod,
            ReplenishmentPeriod = options.ChatPeriod,
            QueueLimit = 0,
            AutoReplenishment = false,
        }));
        LikeLimiter = PartitionedRateLimiter.Create<Guid, Guid>(user => RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = options.LikeBatchesPerSecond,
            TokensPerPeriod = options.LikeBatchesPerSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = false,
        }));
    }

    public Guid Id { get; }

    public Guid SellerId { get; }

    public Guid HostAccountId { get; }

    /// <summary>The session's status (scheduled, live, ended): refreshed from the database every second.</summary>
    public string Status { get; set; }

    public IReadOnlySet<Guid> LineUp { get; }

    public string Group => GroupOf(Id);

    public static string GroupOf(Guid roomId) => $"room:{roomId:N}";

    public static string MarketGroupOf(Guid roomId, string market) => $"room:{roomId:N}:{market}";

    /// <summary>Orders numbering and sending; held only while handing a message to SignalR, never across I/O.</summary>
    public object Gate { get; } = new();

    public PartitionedRateLimiter<Guid> ChatLimiter { get; }

    public PartitionedRateLimiter<Guid> LikeLimiter { get; }

    public ConcurrentDictionary<string, RoomViewer> Viewers { get; } = new(StringComparer.Ordinal);

    public ConcurrentDictionary<Guid, byte> Muted { get; } = new();

    public ConcurrentDictionary<Guid, byte> Banned { get; } = new();

    public RoomPin? Pin { get; set; }

    public RoomFlashSale? FlashSale { get; set; }

    public DateTimeOffset LastActivity { get; set; }

    public long Seq => Interlocked.Read(ref _seq);

    public long Likes => Interlocked.Read(ref _likes);

    public int PeakViewers => Volatile.Read(ref _peakViewers);

    /// <summary>Viewers of the room on every node: this node's connections plus the others' as of the last shared count.</summary>
    public int TotalViewers => Viewers.Count + Volatile.Read(ref _otherNodesViewers);

    /// <summary>The next sequence number; call under <see cref="Gate"/>.</summary>
    public long NextSeq() => Interlocked.Increment(ref _seq);

    public void AddLikes(int count)
    {
        Interlocked.Add(ref _likes, count);
        Interlocked.Add(ref _likesUnsaved, count);
        Interlocked.Add(ref _likesUnshared, count);
        Volatile.Write(ref _countersDirty, 1);
    }

    /// <summary>Likes taken since they were last added to the shared (Redis) total; given back if that fails.</summary>
    public long TakeUnsharedLikes() => Interlocked.Exchange(ref _likesUnshared, 0);

    public void ReturnUnsharedLikes(long likes) => Interlocked.Add(ref _likesUnshared, likes);

    /// <summary>The totals over every node, read from Redis: the room's likes, and the viewers connected to the other nodes.</summary>
    public void ShareCounters(long likes, int otherNodesViewers)
    {
        var changed = Likes != likes + Interlocked.Read(ref _likesUnshared) || Volatile.Read(ref _otherNodesViewers) != otherNodesViewers;
        Interlocked.Exchange(ref _likes, likes + Interlocked.Read(ref _likesUnshared));
        Volatile.Write(ref _otherNodesViewers, otherNodesViewers);
        if (changed) ViewersChanged();
    }

    public void ViewersChanged()
    {
        var now = TotalViewers;
        int peak;
        while (now > (peak = Volatile.Read(ref _peakViewers)) && Interlocked.CompareExchange(ref _peakViewers, now, peak) != peak)
        {
        }
        Volatile.Write(ref _countersDirty, 1);
    }

    /// <summary>True once per change of likes or viewers: the broadcast timer sends the counters then.</summary>
    public bool TakeCountersDirty() => Interlocked.Exchange(ref _countersDirty, 0) == 1;

    /// <summary>Likes taken since the last write to the database; the writer gives them back if the write fails.</summary>
    public long TakeUnsavedLikes() => Interlocked.Exchange(ref _likesUnsaved, 0);

    public void ReturnUnsavedLikes(long likes) => Interlocked.Add(ref _likesUnsaved, likes);

    /// <summary>Keeps a message for joiners; call under <see cref="Gate"/>.</summary>
    public void Remember(ChatMessage message)
    {
        _chat.AddLast(message);
        while (_chat.Count > _chatHistory) _chat.RemoveFirst();
    }

    /// <summary>Forgets a deleted message; call under <see cref="Gate"/>.</summary>
    public bool Forget(Guid messageId)
    {
        for (var node = _chat.First; node is not null; node = node.Next)
        {
            if (node.Value.Id != messageId) continue;
            _chat.Remove(node);
            return true;
        }
        return false;
    }

    public void RememberQuestion(QuestionMessage question)
    {
        _questions[question.Id] = question;
        if (_questions.Count <= 200) return;
        var oldest = _questions.Values.Where(q => q.Answered).MinBy(q => q.Seq) ?? _questions.Values.MinBy(q => q.Seq)!;
        _questions.Remove(oldest.Id);
    }

    public QuestionMessage? FindQuestion(Guid id) => _questions.GetValueOrDefault(id);

    /// <summary>The last chat messages, the ones after <paramref name="after"/>, and whether those reach back that far; call under <see cref="Gate"/>.</summary>
    public (List<ChatMessage> Chat, List<ChatMessage> Missed, bool Complete, List<QuestionMessage> Questions) History(long? after)
    {
        var chat = _chat.ToList();
        var questions = _questions.Values.Where(q => !q.Answered || q.Highlighted).OrderBy(q => q.Seq).TakeLast(20).ToList();
        if (after is not { } last) return (chat, [], true, questions);
        var missed = chat.Where(m => m.Seq > last).ToList();
        // Complete when the kept history starts at or before the first message the client lacks (deleted lines aside).
        var complete = _seq <= last || chat.Count < _chatHistory || chat[0].Seq <= last + 1;
        return (chat, missed, complete, questions);
    }

    public void Dispose()
    {
        ChatLimiter.Dispose();
        LikeLimiter.Dispose();
    }
}
