namespace LiveCross.Server.Payments;

/// <summary>What the orders module asks the payments module to collect for one order.</summary>
/// <param name="Amount">In <paramref name="Currency"/>, already rounded to its minor units.</param>
/// <param name="Method">A payment method of the market, e.g. "card", "ideal", "pix" (see the market files).</param>
/// <param name="ReturnUrl">Local URL the shopper is sent back to after the hosted payment page.</param>
public sealed record PaymentRequest(
    Guid OrderId,
    string OrderNumber,
    decimal Amount,
    string Currency,
    string MarketCode,
    string Method,
    string Locale,
    string? CustomerEmail,
    string ReturnUrl);

/// <summary>A started payment: where to send the shopper (a hosted payment page) or the client secret for an embedded form.</summary>
public sealed record PaymentStart(Guid PaymentId, string Provider, string ProviderPaymentId, string? RedirectUrl, string? ClientSecret);

public enum PaymentOutcomeKind
{
    Succeeded,
    Failed,
    Refunded,
}

/// <summary>
/// A verified, de-duplicated fact from a provider (delivered by its webhook). Handlers receive each
/// provider event at most once; events may still arrive out of order, so a handler must ignore one that
/// no longer applies (a failure after a success, say).
/// </summary>
/// <param name="Amount">For <see cref="PaymentOutcomeKind.Refunded"/>, the amount refunded by this event.</param>
public sealed record PaymentOutcome(
    Guid OrderId,
    Guid PaymentId,
    string Provider,
    string ProviderPaymentId,
    string ProviderEventId,
    PaymentOutcomeKind Kind,
    decimal Amount,
    string Currency,
    DateTimeOffset OccurredAt,
    string? FailureReason);

/// <summary>Implemented by modules that react to payments (orders). Called inside the webhook's request, after the event is recorded.</summary>
public interface IPaymentOutcomeHandler
{
    Task HandleAsync(PaymentOutcome outcome, CancellationToken cancellationToken);
}
