namespace LiveCross.Server.Payments;

/// <summary>
/// A payment provider (the sandbox, Stripe). The payments module keeps the state; a provider starts
/// payments, makes refunds and turns its webhook requests into verified, provider-neutral events.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>"sandbox" or "stripe": stored on each payment and used in the webhook path.</summary>
    string Name { get; }

    /// <summary>Whether the provider can take a market's payment method (a code of the market files, e.g. "pix").</summary>
    bool Supports(string method);

    /// <summary>Registers the payment with the provider. <paramref name="payment"/> is not saved yet; its id is the idempotency key.</summary>
    Task<ProviderPaymentStart> StartAsync(Payment payment, string? customerEmail, CancellationToken cancellationToken);

    /// <summary>Refunds part or all of a paid payment. The same <paramref name="idempotencyKey"/> never refunds twice.</summary>
    Task<ProviderRefund> RefundAsync(Payment payment, decimal amount, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Checks a webhook request's signature and reads its events; a rejection says why, for the log.</summary>
    Task<WebhookRead> ReadWebhookAsync(IHeaderDictionary headers, string body, CancellationToken cancellationToken);
}

/// <param name="RedirectUrl">A hosted page to send the shopper to (local for the sandbox and for our Stripe page).</param>
/// <param name="ClientSecret">For an embedded form (Stripe.js); null for the sandbox.</param>
public sealed record ProviderPaymentStart(string ProviderPaymentId, string? RedirectUrl, string? ClientSecret);

public sealed record ProviderRefund(string ProviderRefundId, decimal Amount);

public enum ProviderEventKind
{
    Succeeded,
    Failed,
    RequiresAction,
    Refunded,

    /// <summary>An event type we do not act on; acknowledged so the provider stops sending it.</summary>
    Other,
}

/// <param name="RefundedTotal">For <see cref="ProviderEventKind.Refunded"/>: the payment's running refunded total.</param>
/// <param name="Method">For a success: the method the shopper paid with, when the provider says.</param>
public sealed record ProviderEvent(
    string EventId,
    string Type,
    ProviderEventKind Kind,
    string? ProviderPaymentId,
    DateTimeOffset OccurredAt,
    decimal? RefundedTotal = null,
    string? FailureReason = null,
    string? Method = null);

public sealed record WebhookRead(IReadOnlyList<ProviderEvent> Events, string? Rejection)
{
    public static WebhookRead Accepted(params ProviderEvent[] events) => new(events, null);

    public static WebhookRead Rejected(string reason) => new([], reason);
}

/// <summary>The provider refused or could not be reached; its message is safe to show to the caller.</summary>
public sealed class PaymentProviderException : Exception
{
    public PaymentProviderException()
    {
    }

    public PaymentProviderException(string message)
        : base(message)
    {
    }

    public PaymentProviderException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The provider said the request itself was wrong (e.g. more than is left to refund), not that it failed.</summary>
    public bool IsRefusal { get; init; }
}
