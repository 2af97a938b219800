using System.ComponentModel.DataAnnotations;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.Rooms;

/// <summary>
/// A room's counters kept in the database so they survive a node restart approximately: each node adds the likes it
/// took since its last write (so several nodes add up) and raises the peak to the most viewers it saw.
/// </summary>
public sealed class LiveRoomStats
{
    public Guid SessionId { get; set; }

    public long Likes { get; set; }

    public int PeakViewers { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public enum SanctionKind
{
    /// <summary>May watch but not chat, ask or like.</summary>
    Muted,

    /// <summary>May not join the room.</summary>
    Banned,
}

/// <summary>A host's mute or ban of a user, for one session.</summary>
public sealed class LiveRoomSanction
{
    public Guid SessionId { get; set; }

    public Guid UserId { get; set; }

    public SanctionKind Kind { get; set; }

    public Guid ByUserId { get; set; }

    public DateTimeOffset At { get; set; }
}

public sealed class RoomOptions : IValidatableObject
{
    public const string Section = "Rooms";

    public int MaxChatLength { get; set; } = 200;

    /// <summary>Chat lines a user may send at once (the token bucket's size).</summary>
    public int ChatBurst { get; set; } = 5;

    /// <summary>Chat lines a user may send per <see cref="ChatPeriod"/> once the burst is spent.</summary>
    public int ChatPerPeriod { get; set; } = 1;

    public TimeSpan ChatPeriod { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Like batches (each up to 50 likes) a user may send per second.</summary>
    public int LikeBatchesPerSecond { get; set; } = 5;

    /// <summary>Chat messages each room keeps for a client that joins or reconnects.</summary>
    public int ChatHistory { get; set; } = 50;

    /// <summary>How often a room may broadcast its counters and a flash sale's remaining quantity.</summary>
    public TimeSpan BroadcastInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often likes and the peak viewer count are written to the database.</summary>
    public TimeSpan PersistInterval { get; set; } = TimeSpan.FromSeconds(10);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (MaxChatLength is < 1 or > 2000) yield return new("Rooms:MaxChatLength must be between 1 and 2000.", [nameof(MaxChatLength)]);
        if (ChatBurst < 1 || ChatPerPeriod < 1 || ChatPeriod <= TimeSpan.Zero) yield return new("Rooms: the chat rate limit must be positive.", [nameof(ChatBurst)]);
        if (LikeBatchesPerSecond < 1) yield return new("Rooms:LikeBatchesPerSecond must be positive.", [nameof(LikeBatchesPerSecond)]);
        if (ChatHistory is < 1 or > 1000) yield return new("Rooms:ChatHistory must be between 1 and 1000.", [nameof(ChatHistory)]);
        if (BroadcastInterval < TimeSpan.FromMilliseconds(50)) yield return new("Rooms:BroadcastInterval must be at least 50 ms.", [nameof(BroadcastInterval)]);
        if (PersistInterval < TimeSpan.FromSeconds(1)) yield return new("Rooms:PersistInterval must be at least 1 s.", [nameof(PersistInterval)]);
    }
}

public static class RoomsModel
{
    public static void ConfigureModel(ModelBuilder builder)
    {
        builder.Entity<LiveRoomStats>(s =>
        {
            s.HasKey(x => x.SessionId);
            s.HasOne<Sessions.LiveSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<LiveRoomSanction>(s =>
        {
            s.HasKey(x => new { x.SessionId, x.UserId, x.Kind });
            s.Property(x => x.Kind).HasConversion<string>().HasMaxLength(20);
            s.HasOne<Sessions.LiveSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
