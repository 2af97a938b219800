using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Live.FlashSales;

/// <summary>
/// Gives the units of unpaid claims back to their sales once the claims' time to pay has passed, on every node. Each
/// sale is released under its lock (as <see cref="FlashSaleEngine"/> takes it), so a release and a batch of attempts
/// never interleave, and two nodes sweeping at once release each claim once; every node's engine hears of it (<see cref="FlashSaleReleases"/>).
/// </summary>
public sealed class ClaimExpiryJob(IServiceScopeFactory scopes, FlashSaleEngine engine, FlashSaleReleases releases, IOptions<FlashSaleOptions> options, TimeProvider clock, ILogger<ClaimExpiryJob> logger)
    : BackgroundService
{
    private const int SalesPerSweep = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
                var dropped = engine.DropEndedLanes();
                if (dropped > 0) logger.LogInformation("Freed the memory of {Count} ended flash sales", dropped);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Releasing expired flash-sale claims failed; retrying after the sweep interval");
            }
            try
            {
                await Task.Delay(options.Value.ExpirySweepInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass; returns the units released by this node.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        // The claims of committed batches become rows here at the latest (readers materialize them sooner).
        await FlashSaleClaimJournal.MaterializeAllAsync(db, logger, cancellationToken);
        var now = clock.GetUtcNow();
        var sales = await db.FlashSaleClaims.AsNoTracking()
            .Where(c => c.Status == ClaimStatus.Held && c.PayBefore <= now)
            .Select(c => c.SaleId).Distinct().OrderBy(id => id).Take(SalesPerSweep)
            .ToListAsync(cancellationToken);
        var released = 0;
        foreach (var saleId in sales)
        {
            var units = await ReleaseAsync(db, saleId, now, cancellationToken);
            if (units == 0) continue;
            released += units;
            releases.Released(saleId);
            logger.LogInformation("Flash sale {SaleId}: {Units} unpaid units went back to the sale", saleId, units);
        }
        return released;
    }

    private static Task<int> ReleaseAsync(LiveCrossDbContext db, Guid saleId, DateTimeOffset now, CancellationToken cancellationToken) =>
        db.Database.CreateExecutionStrategy().ExecuteAsync(async ct =>
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            await db.LockForUpdateAsync<FlashSale>(saleId, ct);
            var due = db.FlashSaleClaims.Where(c => c.SaleId == saleId && c.Status == ClaimStatus.Held && c.PayBefore <= now);
            var units = await due.SumAsync(c => c.Quantity, ct);
            if (units == 0) return 0;
            await due.ExecuteUpdateAsync(s => s.SetProperty(c => c.Status, ClaimStatus.Expired), ct);
            await db.FlashSales.IgnoreQueryFilters().Where(s => s.Id == saleId)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Claimed, x => x.Claimed - units).SetProperty(x => x.Revision, x => x.Revision + 1), ct);
            await transaction.CommitAsync(ct);
            return units;
        }, cancellationToken);
}
