using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Payments;

public enum ApplyResult
{
    Applied,
    Ignored,
    Deferred,

    /// <summary>The event was received before: nothing changed this time.</summary>
    Duplicate,
}

public enum WebhookResult
{
    Processed,
    UnknownProvider,
    Rejected,
}

/// <summary>
/// Provider events, from webhooks and from our own refunds: verified, de-duplicated by the provider's
/// event id, applied to the payment by its status rules, and handed to every
/// <see cref="IPaymentOutcomeHandler"/> in the same transaction as the event record, so a handler sees an
/// event exactly when the event is recorded, and never twice.
/// </summary>
public sealed class PaymentWebhooks(
    LiveCrossDbContext db,
    PaymentProviders providers,
    IEnumerable<IPaymentOutcomeHandler> handlers,
    TimeProvider clock,
    ILogger<PaymentWebhooks> logger)
{
    private const int ConcurrencyRetries = 5;

    public async Task<WebhookResult> ProcessAsync(string providerName, IHeaderDictionary headers, string body, CancellationToken cancellationToken)
    {
        var provider = providers.Find(providerName);
        if (provider is null) return WebhookResult.UnknownProvider;
        var read = await provider.ReadWebhookAsync(headers, body, cancellationToken);
        if (read.Rejection is not null)
        {
            logger.LogWarning("Rejected a {Provider} webhook: {Reason}", provider.Name, read.Rejection);
            return WebhookResult.Rejected;
        }
        foreach (var providerEvent in read.Events) await ApplyAsync(provider.Name, providerEvent, cancellationToken);
        return WebhookResult.Processed;
    }

    /// <summary>Records and applies one verified event. Safe to call again with the same event, at once or later.</summary>
    public async Task<ApplyResult> ApplyAsync(string provider, ProviderEvent providerEvent, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var strategy = db.Database.CreateExecutionStrategy();
                var result = await strategy.ExecuteAsync(() => ApplyOnceAsync(provider, providerEvent, cancellationToken));
                logger.LogInformation("{Provider} event {EventId} ({Type}): {Result}", provider, providerEvent.EventId, providerEvent.Type, result);
                return result;
            }
            catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
            {
                // Another request recorded the same event between our check and our insert.
                db.ChangeTracker.Clear();
                logger.LogInformation("{Provider} event {EventId} was recorded by a concurrent delivery", provider, providerEvent.EventId);
                return ApplyResult.Duplicate;
            }
            catch (DbUpdateConcurrencyException) when (attempt < ConcurrencyRetries)
            {
                // Another event for the same payment was applied meanwhile: apply this one to the new state.
                db.ChangeTracker.Clear();
            }
        }
    }

    private async Task<ApplyResult> ApplyOnceAsync(string provider, ProviderEvent providerEvent, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await db.PaymentEvents.AnyAsync(e => e.Provider == provider && e.ProviderEventId == providerEvent.EventId, cancellationToken))
            return ApplyResult.Duplicate;

        var payment = providerEvent.ProviderPaymentId is null
            ? null
            : await db.Payments.SingleOrDefaultAsync(p => p.Provider == provider && p.ProviderPaymentId == providerEvent.ProviderPaymentId, cancellationToken);
        var record = new PaymentEvent
        {
            Provider = provider,
            ProviderEventId = providerEvent.EventId,
            Type = providerEvent.Type,
            PaymentId = payment?.Id,
            RefundedTotal = providerEvent.RefundedTotal,
            ReceivedAt = clock.GetUtcNow(),
            Result = PaymentEventResult.Ignored,
        };
        db.PaymentEvents.Add(record);
        var outcomes = payment is null ? [] : await ApplyToAsync(payment, providerEvent, record, cancellationToken);
        if (payment is null && providerEvent.Kind != ProviderEventKind.Other)
            logger.LogWarning("{Provider} event {EventId} names payment {ProviderPaymentId}, which is not ours; acknowledged and ignored", provider, providerEvent.EventId, providerEvent.ProviderPaymentId);
        // Saved before the handlers run, so a concurrent copy of the event fails here on the unique key.
        await db.SaveChangesAsync(cancellationToken);

        foreach (var outcome in outcomes)
        {
            foreach (var handler in handlers) await handler.HandleAsync(outcome, cancellationToken);
        }
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return record.Result switch
        {
            PaymentEventResult.Applied => ApplyResult.Applied,
            PaymentEventResult.Deferred => ApplyResult.Deferred,
            _ => ApplyResult.Ignored,
        };
    }

    private async Task<List<PaymentOutcome>> ApplyToAsync(Payment payment, ProviderEvent e, PaymentEvent record, CancellationToken cancellationToken)
    {
        var outcomes = new List<PaymentOutcome>();
        switch (e.Kind)
        {
            case ProviderEventKind.Succeeded when payment.MarkSucceeded():
                record.Result = PaymentEventResult.Applied;
                if (e.Method is { Length: > 0 and <= 30 } method) payment.Method = method;
                outcomes.Add(Outcome(payment, e.EventId, PaymentOutcomeKind.Succeeded, payment.Amount, e.OccurredAt, null));
                outcomes.AddRange(await ApplyDeferredRefundsAsync(payment, cancellationToken));
                break;
            case ProviderEventKind.Failed when payment.MarkFailed(e.FailureReason):
                record.Result = PaymentEventResult.Applied;
                outcomes.Add(Outcome(payment, e.EventId, PaymentOutcomeKind.Failed, payment.Amount, e.OccurredAt, payment.FailureReason));
                break;
            case ProviderEventKind.RequiresAction when payment.MarkRequiresAction():
                record.Result = PaymentEventResult.Applied;
                break;
            case ProviderEventKind.Refunded when payment.IsPaid:
                var added = payment.RaiseRefundedTotal(e.RefundedTotal ?? 0m);
                if (added > 0)
                {
                    record.Result = PaymentEventResult.Applied;
                    outcomes.Add(Outcome(payment, e.EventId, PaymentOutcomeKind.Refunded, added, e.OccurredAt, null));
                }
                break;
            case ProviderEventKind.Refunded when payment.IsOpen:
                // A refund can only follow a success, so its success event is still on the way: keep the
                // refund and apply it right after the success, instead of paying an order that was refunded.
                record.Result = PaymentEventResult.Deferred;
                break;
        }
        return outcomes;
    }

    private async Task<List<PaymentOutcome>> ApplyDeferredRefundsAsync(Payment payment, CancellationToken cancellationToken)
    {
        var deferred = await db.PaymentEvents
            .Where(e => e.PaymentId == payment.Id && e.Result == PaymentEventResult.Deferred)
            .ToListAsync(cancellationToken);
        if (deferred.Count == 0) return [];
        var latest = deferred.MaxBy(e => e.RefundedTotal ?? 0m)!;
        foreach (var e in deferred) e.Result = PaymentEventResult.Ignored;
        var added = payment.RaiseRefundedTotal(latest.RefundedTotal ?? 0m);
        if (added <= 0) return [];
        latest.Result = PaymentEventResult.Applied;
        return [Outcome(payment, latest.ProviderEventId, PaymentOutcomeKind.Refunded, added, latest.ReceivedAt, null)];
    }

    private static PaymentOutcome Outcome(Payment payment, string eventId, PaymentOutcomeKind kind, decimal amount, DateTimeOffset occurredAt, string? failureReason) =>
        new(payment.OrderId, payment.Id, payment.Provider, payment.ProviderPaymentId!, eventId, kind, amount, payment.Currency, occurredAt, failureReason);
}
