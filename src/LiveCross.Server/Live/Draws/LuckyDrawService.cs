using LiveCross.Domain.Live;
using LiveCross.Server.Platform.Database;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.Draws;

public enum EntryOutcome
{
    Entered,
    AlreadyEntered,

    /// <summary>The evidence does not meet the draw's rule (too few seconds, not the phrase).</summary>
    NotQualified,

    /// <summary>The draw has ended (or its time has run out and it is being drawn).</summary>
    Closed,
}

/// <summary>
/// Entries and the close of lucky draws, for the HTTP API, the room hub and the close job. The database is the source
/// of truth: an entry takes the draw row's shared lock (PostgreSQL <c>FOR SHARE</c>; SQLite's single writer), the close
/// its exclusive lock, so an entry either commits before the entrants are read or sees the draw closed — no entry is
/// recorded and then left out of the published list.
/// </summary>
public sealed class LuckyDrawService(LiveCrossDbContext db, IDataProtectionProvider protection, TimeProvider clock, ILogger<LuckyDrawService> logger)
{
    private const string SeedPurpose = "LiveCross.Live.Draws.Seed.v1";

    /// <summary>A new seed, sealed for storage, and its public commitment.</summary>
    public (string Sealed, string Commitment) NewSeed()
    {
        var seed = LuckyDrawFairness.NewSeed();
        return (protection.CreateProtector(SeedPurpose).Protect(Convert.ToHexStringLower(seed)), LuckyDrawFairness.Commitment(seed));
    }

    /// <summary>
    /// Records a viewer's entry when <paramref name="evidence"/> meets the draw's rule: for <c>watch</c> the seconds the
    /// caller measured the viewer in the room (server side), for <c>phrase</c> their chat message. Null for an unknown draw.
    /// </summary>
    public async Task<EntryOutcome?> EnterAsync(Guid drawId, Guid customerId, EntryEvidence evidence, CancellationToken cancellationToken)
    {
        try
        {
            return await db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
            {
                db.ChangeTracker.Clear();
                await using var transaction = await db.Database.BeginTransactionAsync(ct);
                if (db.Database.IsNpgsql()) await db.Database.ExecuteSqlAsync($"SELECT 1 FROM \"LuckyDraws\" WHERE \"Id\" = {drawId} FOR SHARE", ct);
                var draw = await db.LuckyDraws.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(d => d.Id == drawId, ct);
                if (draw is null) return (EntryOutcome?)null;
                if (draw.Status != LuckyDrawStatus.Open || clock.GetUtcNow() >= draw.EndsAt) return EntryOutcome.Closed;
                if (await db.LuckyDrawEntries.AnyAsync(e => e.DrawId == drawId && e.CustomerId == customerId, ct)) return EntryOutcome.AlreadyEntered;
                if (!draw.Rule.IsMetBy(evidence)) return EntryOutcome.NotQualified;
                db.LuckyDrawEntries.Add(new LuckyDrawEntry { DrawId = drawId, CustomerId = customerId, Evidence = Describe(evidence), EnteredAt = clock.GetUtcNow() });
                await db.SaveChangesAsync(ct);
                await transaction.CommitAsync(ct);
                return EntryOutcome.Entered;
            }, cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // The same viewer qualified twice at once (two hub messages, two nodes): one entry stands.
            return EntryOutcome.AlreadyEntered;
        }
    }

    /// <summary>
    /// Closes an open draw and draws its winners, once: under the row's exclusive lock, and conditional on the status and
    /// version it read, so two nodes (the job on each, or the seller's "end now") never both draw. True when this call drew.
    /// </summary>
    public Task<bool> CloseAsync(Guid drawId, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            db.ChangeTracker.Clear();
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.LockForUpdateAsync<LuckyDraw>(drawId, ct);
            var draw = await db.LuckyDraws.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(d => d.Id == drawId, ct);
            if (draw is null || draw.Status != LuckyDrawStatus.Open) return false;

            var customers = await db.LuckyDrawEntries.AsNoTracking().Where(e => e.DrawId == drawId).Select(e => e.CustomerId).ToListAsync(ct);
            var entrants = LuckyDrawFairness.Canonical(customers.Select(LuckyDrawEntry.Canonical));
            var seedHex = protection.CreateProtector(SeedPurpose).Unprotect(draw.SealedSeed);
            var outcome = LuckyDrawFairness.Draw(Convert.FromHexString(seedHex), entrants, draw.WinnerCount);
            var now = clock.GetUtcNow();

            var changed = await db.LuckyDraws.IgnoreQueryFilters()
                .Where(d => d.Id == drawId && d.Status == LuckyDrawStatus.Open && d.Version == draw.Version)
                .ExecuteUpdateAsync(s => s
                    .SetProperty(d => d.Status, LuckyDrawStatus.Drawn)
                    .SetProperty(d => d.RevealedSeed, seedHex)
                    .SetProperty(d => d.DrawnAt, now)
                    .SetProperty(d => d.EntrantCount, entrants.Count)
                    .SetProperty(d => d.Version, Guid.NewGuid()), ct);
            if (changed != 1) return false;
            for (var rank = 0; rank < outcome.Winners.Count; rank++)
            {
                var winner = Guid.Parse(outcome.Winners[rank]);
                var r = rank;
                await db.LuckyDrawEntries.Where(e => e.DrawId == drawId && e.CustomerId == winner).ExecuteUpdateAsync(s => s.SetProperty(e => e.WinnerRank, r), ct);
            }
            await transaction.CommitAsync(ct);
            logger.LogInformation("Lucky draw {DrawId} drawn: {Winners} winners among {Entrants} entrants", drawId, outcome.Winners.Count, entrants.Count);
            return true;
        }, cancellationToken);

    private static string Describe(EntryEvidence evidence) => evidence switch
    {
        EntryEvidence.Watched w => $"watched {w.Seconds} s",
        EntryEvidence.Chat c => c.Text.Length <= LuckyDrawEntry.MaxEvidence ? c.Text : c.Text[..LuckyDrawEntry.MaxEvidence],
        _ => "",
    };
}
