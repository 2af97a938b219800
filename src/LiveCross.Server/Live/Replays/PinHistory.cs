using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.Replays;

/// <summary>Keeps each pin of a live session, so that its replay can show when each product was presented.</summary>
public static class PinHistory
{
    /// <summary>Records a pin at <paramref name="at"/>; the pin it replaces ends then. A failure is logged, never the host's problem: the pin itself went out.</summary>
    public static async Task RecordAsync(IServiceScopeFactory scopes, Guid sessionId, Guid productId, Guid pinnedBy, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        try
        {
            var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            var open = await db.LivePins.Where(p => p.SessionId == sessionId && p.UnpinnedAt == null).ToListAsync(cancellationToken);
            foreach (var pin in open) pin.UnpinnedAt = at;
            db.LivePins.Add(new LivePin { SessionId = sessionId, ProductId = productId, PinnedBy = pinnedBy, PinnedAt = at });
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e)
        {
            scope.ServiceProvider.GetRequiredService<ILogger<LivePin>>().LogWarning(e, "The pin of product {ProductId} in session {SessionId} was shown but not kept for the replay", productId, sessionId);
        }
    }
}
