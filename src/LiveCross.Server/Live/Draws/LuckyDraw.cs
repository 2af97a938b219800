using System.Text.Json;
using LiveCross.Domain.Live;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace LiveCross.Server.Live.Draws;

public enum LuckyDrawStatus
{
    /// <summary>Taking entries until <see cref="LuckyDraw.EndsAt"/>; the seed is secret.</summary>
    Open,

    /// <summary>Closed and drawn: seed, entrants and winners are public.</summary>
    Drawn,
}

/// <summary>
/// A lucky draw (福袋) in a live session. Fairness is commit–reveal (<see cref="LuckyDrawFairness"/>): the seed is made
/// when the draw starts and only its SHA-256 is shown; the seed itself is kept encrypted with the platform's Data
/// Protection keys (<see cref="SealedSeed"/>) and written in the clear (<see cref="RevealedSeed"/>) only in the
/// transaction that draws the winners.
/// </summary>
public sealed class LuckyDraw : ISellerOwned
{
    public const int MaxPrize = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid SellerId { get; set; }
    public Guid SessionId { get; set; }

    public required string Prize { get; set; }

    /// <summary>The prize in other locales (locale → text); <see cref="Prize"/> is the fallback.</summary>
    public Dictionary<string, string> PrizeTranslations { get; set; } = [];

    public int WinnerCount { get; set; }
    public DrawEntryKind EntryKind { get; set; }
    public int WatchSeconds { get; set; }
    public string? Phrase { get; set; }
    public LuckyDrawStatus Status { get; set; }
    public DateTimeOffset StartsAt { get; set; }
    public DateTimeOffset EndsAt { get; set; }
    public DateTimeOffset? DrawnAt { get; set; }

    /// <summary>Lower-case hex SHA-256 of the seed, published from the start.</summary>
    public required string Commitment { get; set; }

    /// <summary>The seed (hex) protected with the platform's Data Protection keys; never shown.</summary>
    public required string SealedSeed { get; set; }

    /// <summary>The seed (hex), set in the same transaction that draws the winners; null while open.</summary>
    public string? RevealedSeed { get; set; }

    /// <summary>How many entered, set when drawn (while open it is counted).</summary>
    public int EntrantCount { get; set; }

    /// <summary>Changes with every change of state: the close is conditional on the version it read, so two nodes never both draw.</summary>
    public Guid Version { get; set; } = Guid.NewGuid();

    public DateTimeOffset CreatedAt { get; set; }

    public DrawEntryRule Rule => EntryKind == DrawEntryKind.Watch ? DrawEntryRule.Watch(WatchSeconds) : new DrawEntryRule(DrawEntryKind.Phrase, 0, Phrase);

    public string PrizeIn(string? locale) =>
        locale is not null && PrizeTranslations.TryGetValue(locale, out var text) ? text
        : locale is not null && locale.Contains('-', StringComparison.Ordinal) && PrizeTranslations.TryGetValue(locale.Split('-')[0], out var parent) ? parent
        : Prize;
}

/// <summary>One customer's entry. Unique per (draw, customer): a viewer enters once however often they qualify.</summary>
public sealed class LuckyDrawEntry
{
    public const int MaxEvidence = 200;

    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid DrawId { get; set; }
    public Guid CustomerId { get; set; }

    /// <summary>What qualified them ("watched 75 s", or the chat message), for the seller's records.</summary>
    public required string Evidence { get; set; }

    public DateTimeOffset EnteredAt { get; set; }

    /// <summary>0-based rank in the draw's winner list, null for entrants who did not win.</summary>
    public int? WinnerRank { get; set; }

    /// <summary>The entrant id as published: the customer id in lower-case "D" format.</summary>
    public static string Canonical(Guid customerId) => customerId.ToString("D");
}

public static class LuckyDrawsModel
{
    public static void ConfigureModel(ModelBuilder builder, LiveCrossDbContext db)
    {
        builder.Entity<LuckyDraw>(d =>
        {
            d.Property(x => x.Id).ValueGeneratedNever();
            d.HasQueryFilter(x => db.TenantSellerId == null || x.SellerId == db.TenantSellerId);
            d.Property(x => x.Prize).HasMaxLength(LuckyDraw.MaxPrize);
            d.Property(x => x.PrizeTranslations).HasConversion(
                v => JsonSerializer.Serialize(v, (JsonSerializerOptions?)null),
                s => JsonSerializer.Deserialize<Dictionary<string, string>>(s, (JsonSerializerOptions?)null) ?? new Dictionary<string, string>(),
                new ValueComparer<Dictionary<string, string>>(
                    (a, b) => a != null && b != null && a.Count == b.Count && !a.Except(b).Any(),
                    v => v.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value)),
                    v => new Dictionary<string, string>(v)));
            d.Property(x => x.EntryKind).HasConversion<string>().HasMaxLength(20);
            d.Property(x => x.Phrase).HasMaxLength(DrawEntryRule.MaxPhraseLength);
            d.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            d.Property(x => x.Commitment).HasMaxLength(64);
            d.Property(x => x.SealedSeed).HasMaxLength(1000);
            d.Property(x => x.RevealedSeed).HasMaxLength(64);
            d.Property(x => x.Version).IsConcurrencyToken();
            d.HasIndex(x => new { x.Status, x.EndsAt });
            d.HasIndex(x => x.SessionId);
            d.HasOne<Sessions.LiveSession>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Restrict);
            d.HasOne<Seller>().WithMany().HasForeignKey(x => x.SellerId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<LuckyDrawEntry>(e =>
        {
            e.Property(x => x.Id).ValueGeneratedNever();
            e.Property(x => x.Evidence).HasMaxLength(LuckyDrawEntry.MaxEvidence);
            e.HasIndex(x => new { x.DrawId, x.CustomerId }).IsUnique();
            e.HasOne<LuckyDraw>().WithMany().HasForeignKey(x => x.DrawId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
