using LiveCross.Domain.Live;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Tenancy;

namespace LiveCross.Server.Live.Sessions;

/// <summary>Where a live session's picture comes from while it is live.</summary>
public enum LiveSource
{
    /// <summary>Not live, or live by the host's word: viewers see the prepared demo video.</summary>
    Manual,

    /// <summary>A broadcaster publishes over RTMP to the media server, which writes HLS.</summary>
    Rtmp,
}

/// <summary>
/// A seller's live-shopping session: scheduled for some markets with a host and a product line-up, then live,
/// then ended. Its stream key is kept only as a keyed hash (<see cref="StreamKeys"/>).
/// </summary>
public sealed class LiveSession : ISellerOwned, ITimestamped, IVersioned
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SellerId { get; set; }

    /// <summary>The account presenting: staff of the seller, or a creator.</summary>
    public Guid HostAccountId { get; set; }

    public LiveSessionStatus Status { get; set; } = LiveSessionStatus.Scheduled;

    public LiveSource Source { get; set; } = LiveSource.Manual;

    /// <summary>Locale of the seller's own title: the last fallback when a translation is missing.</summary>
    public string DefaultLocale { get; set; } = "en";

    public DateTimeOffset ScheduledStart { get; set; }

    public DateTimeOffset? StartedAt { get; set; }

    public DateTimeOffset? EndedAt { get; set; }

    /// <summary>HMAC-SHA256 (hex) of the stream key; the key itself is shown once and never stored.</summary>
    public required string StreamKeyHash { get; set; }

    /// <summary>The key's last four characters, so a seller can tell which key an encoder holds.</summary>
    public required string StreamKeyHint { get; set; }

    public List<LiveSessionTitle> Titles { get; set; } = [];

    public List<LiveSessionMarket> Markets { get; set; } = [];

    public List<LiveSessionProduct> Products { get; set; } = [];

    public List<LiveSessionTransition> Transitions { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }

    public Guid Version { get; set; }

    /// <summary>Applies a move of the state machine: status, start and end times, and the history row.</summary>
    public LiveSessionMove Apply(LiveSessionMove move, LiveSource source = LiveSource.Manual)
    {
        if (move is not LiveSessionMove.Accepted { Change: var change }) return move;
        Status = change.To;
        if (change.To == LiveSessionStatus.Live)
        {
            StartedAt = change.At;
            Source = source;
        }
        if (change.To == LiveSessionStatus.Ended) EndedAt = change.At;
        Transitions.Add(new LiveSessionTransition { SessionId = Id, From = change.From, To = change.To, Actor = change.Actor, At = change.At, Reason = change.Reason });
        return move;
    }

    public void SetStreamKey(string key, string secret)
    {
        StreamKeyHash = StreamKeys.Hash(key, secret);
        StreamKeyHint = key[^4..];
    }
}

public sealed class LiveSessionTitle
{
    public Guid SessionId { get; set; }

    public required string Locale { get; set; }

    public required string Title { get; set; }
}

public sealed class LiveSessionMarket
{
    public Guid SessionId { get; set; }

    public required string MarketCode { get; set; }
}

/// <summary>A product of the planned line-up, in the order the host means to present them.</summary>
public sealed class LiveSessionProduct
{
    public Guid SessionId { get; set; }

    public int Position { get; set; }

    public Guid ProductId { get; set; }
}

/// <summary>One move of the session's lifecycle, kept with who made it, when and why.</summary>
public sealed class LiveSessionTransition
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid SessionId { get; set; }

    public LiveSessionStatus From { get; set; }

    public LiveSessionStatus To { get; set; }

    public required string Actor { get; set; }

    public DateTimeOffset At { get; set; }

    public required string Reason { get; set; }
}
