using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Platform.Outbox;

/// <summary>
/// Delivers due outbox messages on every node. A message is claimed with a conditional update of its
/// lease, so two nodes never deliver the same message at the same time; a node that dies mid-delivery
/// leaves a lease that expires, and another node takes the message over (at-least-once delivery).
/// </summary>
public sealed class OutboxWorker(
    IServiceScopeFactory scopes,
    IEnumerable<IOutboxHandler> handlers,
    IOptions<OutboxOptions> options,
    TimeProvider clock,
    ILogger<OutboxWorker> logger) : BackgroundService
{
    private readonly Dictionary<string, IOutboxHandler> handlersByType = handlers.ToDictionary(h => h.MessageType, StringComparer.Ordinal);
    private readonly List<string> handledTypes = handlers.Select(h => h.MessageType).Distinct().ToList();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await DeliverDueAsync(stoppingToken) > 0 && !stoppingToken.IsCancellationRequested)
                {
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Outbox pass failed; retrying after the poll interval");
            }
            try
            {
                await Task.Delay(options.Value.PollInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: claims and delivers up to a batch of due messages; returns how many it claimed.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var now = clock.GetUtcNow();

        // Only types this node can deliver: during a rolling upgrade an older node must leave a newer node's messages alone, not fail them.
        var due = await db.OutboxMessages
            .Where(m => handledTypes.Contains(m.Type))
            .Where(m => m.DeliveredAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
            .OrderBy(m => m.NextAttemptAt)
            .Select(m => m.Id)
            .Take(settings.BatchSize)
            .ToListAsync(cancellationToken);

        var claimed = 0;
        foreach (var id in due)
        {
            DateTimeOffset? leaseEnd = clock.GetUtcNow() + settings.Lease;
            // The claim repeats every condition of the query above: another node may have tried the message meanwhile
            // and scheduled a retry, which must wait for its backoff rather than run again at once.
            var won = await db.OutboxMessages
                .Where(m => m.Id == id && m.DeliveredAt == null && m.FailedAt == null && m.NextAttemptAt <= now && (m.LockedUntil == null || m.LockedUntil < now))
                .ExecuteUpdateAsync(s => s.SetProperty(m => m.LockedUntil, leaseEnd), cancellationToken);
            if (won == 0) continue;
            claimed++;

            var message = await db.OutboxMessages.AsNoTracking().SingleAsync(m => m.Id == id, cancellationToken);
            await DeliverAsync(db, message, settings, cancellationToken);
        }
        return claimed;
    }

    private async Task DeliverAsync(LiveCrossDbContext db, OutboxMessage message, OutboxOptions settings, CancellationToken cancellationToken)
    {
        var attempts = message.Attempts + 1;
        if (!handlersByType.TryGetValue(message.Type, out var handler))
        {
            logger.LogError("Outbox message {MessageId} has type {Type}, which no handler delivers", message.Id, message.Type);
            await MarkAsync(db, message.Id, attempts, delivered: null, failed: clock.GetUtcNow(), next: message.NextAttemptAt, $"No handler for message type '{message.Type}'.", cancellationToken);
            return;
        }

        try
        {
            await handler.HandleAsync(message, cancellationToken);
            await MarkAsync(db, message.Id, attempts, delivered: clock.GetUtcNow(), failed: null, next: message.NextAttemptAt, error: null, cancellationToken);
            logger.LogInformation("Delivered outbox message {MessageId} ({Type}) on attempt {Attempt}", message.Id, message.Type, attempts);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var now = clock.GetUtcNow();
            var error = Truncate($"{e.GetType().Name}: {e.Message}", 2000);
            if (attempts >= settings.MaxAttempts)
            {
                logger.LogError(e, "Outbox message {MessageId} ({Type}) failed {Attempts} times; giving up", message.Id, message.Type, attempts);
                await MarkAsync(db, message.Id, attempts, delivered: null, failed: now, next: now, error, CancellationToken.None);
                return;
            }
            var next = now + settings.RetryDelay(attempts);
            logger.LogWarning(e, "Outbox message {MessageId} ({Type}) failed on attempt {Attempt}; next try at {NextAttemptAt}", message.Id, message.Type, attempts, next);
            await MarkAsync(db, message.Id, attempts, delivered: null, failed: null, next, error, CancellationToken.None);
        }
    }

    private static Task<int> MarkAsync(LiveCrossDbContext db, Guid id, int attempts, DateTimeOffset? delivered, DateTimeOffset? failed, DateTimeOffset next, string? error, CancellationToken cancellationToken) =>
        db.OutboxMessages.Where(m => m.Id == id).ExecuteUpdateAsync(s => s
            .SetProperty(m => m.Attempts, attempts)
            .SetProperty(m => m.DeliveredAt, delivered)
            .SetProperty(m => m.FailedAt, failed)
            .SetProperty(m => m.NextAttemptAt, next)
            .SetProperty(m => m.LastError, error)
            .SetProperty(m => m.LockedUntil, (DateTimeOffset?)null), cancellationToken);

    private static string Truncate(string text, int length) => text.Length <= length ? text : text[..length];
}
