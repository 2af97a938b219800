using LiveCross.Domain.Orders;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Orders;

/// <summary>
/// Cancels unpaid orders whose payment window has passed and gives their stock back, on every node. The
/// deadline is stored with the order, so an order placed before a restart (or on a node that has gone) is
/// still picked up; nodes sweeping at once are kept apart by the order's version: one cancels, the others
/// find it changed and move on.
/// </summary>
public sealed class ReservationExpiryJob(IServiceScopeFactory scopes, IOptions<OrdersOptions> options, TimeProvider clock, ILogger<ReservationExpiryJob> logger) : BackgroundService
{
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await SweepAsync(stoppingToken) > 0 && !stoppingToken.IsCancellationRequested)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Expiring unpaid orders failed; retrying after the sweep interval");
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

    /// <summary>One pass: cancels up to a batch of expired unpaid orders; returns how many this node cancelled.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var lifecycle = scope.ServiceProvider.GetRequiredService<OrderLifecycle>();
        var now = clock.GetUtcNow();
        var due = await db.Orders.AsNoTracking()
            .Where(o => o.Status == OrderStatus.PendingPayment && o.ReservationExpiresAt <= now)
            .OrderBy(o => o.ReservationExpiresAt)
            .Select(o => o.Id)
            .Take(BatchSize)
            .ToListAsync(cancellationToken);
        var cancelled = 0;
        foreach (var id in due)
        {
            if (await lifecycle.ExpireAsync(id, cancellationToken)) cancelled++;
        }
        if (cancelled > 0) logger.LogInformation("Cancelled {Count} unpaid orders whose payment window had passed", cancelled);
        return cancelled;
    }
}
