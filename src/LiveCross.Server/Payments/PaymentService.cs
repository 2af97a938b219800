using LiveCross.Domain.Monetary;
using LiveCross.Server.Markets;
using LiveCross.Server.Payments.Sandbox;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Payments;

/// <param name="Refunded">What this call refunded.</param>
/// <param name="RefundedTotal">Everything refunded on the payment so far, this call included.</param>
public sealed record PaymentRefund(Guid PaymentId, string ProviderRefundId, decimal Refunded, decimal RefundedTotal, string Currency, PaymentStatus Status);

/// <summary>
/// What the orders module calls: which methods a market offers, start a payment for an order, refund
/// part or all of it. Provider events come in through <see cref="PaymentWebhooks"/>.
/// </summary>
public sealed class PaymentService(
    LiveCrossDbContext db,
    PaymentProviders providers,
    MarketRegistry markets,
    PaymentWebhooks webhooks,
    TimeProvider clock,
    ILogger<PaymentService> logger)
{
    /// <summary>Stripe's limit (eight digits of minor units); kept for every provider so a switch refuses nothing new.</summary>
    public const long MaxMinorUnits = 99_999_999;

    /// <summary>The market's payment methods (codes of its market file) that the active provider takes; cards everywhere. Empty for an unknown market.</summary>
    public IReadOnlyList<string> MethodsFor(string? marketCode)
    {
        if (!markets.TryGet(marketCode, out var market)) return [];
        return market.PaymentMethods
            .Prepend("card")
            .Distinct(StringComparer.Ordinal)
            .Where(providers.Active.Supports)
            .ToList();
    }

    /// <summary>The problems <see cref="StartAsync"/> would refuse <paramref name="request"/> for, keyed by the request's property names (camelCase).</summary>
    public ValidationErrors Validate(PaymentRequest request)
    {
        var errors = new ValidationErrors();
        errors.Require(request.OrderId != Guid.Empty, "orderId", "Required.");
        errors.Require(!string.IsNullOrWhiteSpace(request.OrderNumber) && request.OrderNumber.Length <= 64, "orderNumber", "Required, at most 64 characters.");
        if (!markets.TryGet(request.MarketCode, out var market))
        {
            errors.Add("marketCode", $"There is no market '{request.MarketCode}'.");
        }
        else if (!MethodsFor(market.Code).Contains(request.Method, StringComparer.Ordinal))
        {
            errors.Add("method", $"'{request.Method}' is not a payment method offered in {market.Code}. Offered: {string.Join(", ", MethodsFor(market.Code))}.");
        }
        if (!CurrencyCode.TryParse(request.Currency, out var currency) || request.Currency != currency.Value)
        {
            errors.Add("currency", $"'{request.Currency}' is not a supported ISO 4217 currency code (upper case).");
        }
        else if (request.Amount <= 0)
        {
            errors.Add("amount", "Must be more than zero.");
        }
        else if (!new Money(request.Amount, currency).IsRoundedToMinorUnits)
        {
            errors.Add("amount", $"{currency} has {currency.MinorUnits} decimal places; the amount has more.");
        }
        else if (new Money(request.Amount, currency).ToMinorUnits() > MaxMinorUnits)
        {
            errors.Add("amount", "Too large for one payment.");
        }
        errors.Require(RedirectHttpResult.IsLocalUrl(request.ReturnUrl) && request.ReturnUrl.Length <= 2000, "returnUrl", "Must be a local URL of this site (starting with one '/').");
        errors.Require(request.CustomerEmail is null || request.CustomerEmail.Length <= 256, "customerEmail", "At most 256 characters.");
        return errors;
    }

    /// <summary>
    /// Creates a payment for an order with the active provider and says where the shopper pays. Throws a
    /// <see cref="ProblemException"/>: 400 naming the field of <paramref name="request"/> that is wrong, 409
    /// when the order is already paid, 502 when the provider refused.
    /// </summary>
    public async Task<PaymentStart> StartAsync(PaymentRequest request, CancellationToken cancellationToken)
    {
        var errors = Validate(request);
        if (errors.Any) throw ProblemException.Invalid(errors);
        if (await db.Payments.AnyAsync(p => p.OrderId == request.OrderId && (p.Status == PaymentStatus.Succeeded || p.Status == PaymentStatus.PartiallyRefunded || p.Status == PaymentStatus.Refunded), cancellationToken))
            throw new ProblemException(StatusCodes.Status409Conflict, "The order is already paid.", $"Order {request.OrderNumber} has a successful payment.");

        var provider = providers.Active;
        var payment = new Payment
        {
            OrderId = request.OrderId,
            OrderNumber = request.OrderNumber.Trim(),
            Provider = provider.Name,
            Method = request.Method,
            MarketCode = request.MarketCode.ToUpperInvariant(),
            Amount = request.Amount,
            Currency = request.Currency,
            ReturnUrl = request.ReturnUrl,
        };
        ProviderPaymentStart started;
        try
        {
            started = await provider.StartAsync(payment, request.CustomerEmail, cancellationToken);
        }
        catch (PaymentProviderException e)
        {
            logger.LogWarning(e, "{Provider} refused to start a payment for order {OrderNumber}", provider.Name, request.OrderNumber);
            throw new ProblemException(StatusCodes.Status502BadGateway, "The payment provider refused the payment.", e.Message);
        }
        payment.ProviderPaymentId = started.ProviderPaymentId;
        db.Payments.Add(payment);
        await db.SaveChangesAsync(cancellationToken);
        logger.LogInformation("Started {Provider} payment {PaymentId} ({ProviderPaymentId}) of {Amount} {Currency} for order {OrderNumber}",
            provider.Name, payment.Id, payment.ProviderPaymentId, payment.Amount, payment.Currency, payment.OrderNumber);
        return new PaymentStart(payment.Id, provider.Name, started.ProviderPaymentId, started.RedirectUrl, started.ClientSecret);
    }

    public Task<Payment?> FindAsync(Guid paymentId, CancellationToken cancellationToken) =>
        db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken);

    /// <summary>
    /// Refunds <paramref name="amount"/> of a paid payment (part or the rest). The outcome handlers get a
    /// Refunded outcome in the same unit of work, as for a refund made at the provider. Throws a
    /// <see cref="ProblemException"/>: 404 unknown payment, 409 not paid, 400 "amount" when it is not more
    /// than zero in the currency's minor units or more than what is left.
    /// </summary>
    public async Task<PaymentRefund> RefundAsync(Guid paymentId, decimal amount, CancellationToken cancellationToken)
    {
        var payment = await db.Payments.AsNoTracking().SingleOrDefaultAsync(p => p.Id == paymentId, cancellationToken)
            ?? throw new ProblemException(StatusCodes.Status404NotFound, "Payment not found.", $"There is no payment {paymentId}.");
        if (!payment.IsPaid)
            throw new ProblemException(StatusCodes.Status409Conflict, "The payment is not paid.", $"Payment {paymentId} is {payment.Status}; only a paid payment can be refunded.");
        var money = new Money(amount, payment.CurrencyCode);
        if (amount <= 0) throw ProblemException.Invalid("amount", "Must be more than zero.");
        if (!money.IsRoundedToMinorUnits) throw ProblemException.Invalid("amount", $"{payment.Currency} has {payment.CurrencyCode.MinorUnits} decimal places; the amount has more.");
        if (amount > payment.RefundableAmount)
            throw ProblemException.Invalid("amount", $"At most {payment.RefundableAmount} {payment.Currency} is left to refund.");

        var provider = providers.Get(payment.Provider);
        // One refund per state of the payment we decided on: two requests racing on the same state send the
        // same key, and the provider makes one refund for both.
        var idempotencyKey = $"refund-{payment.Id:N}-{payment.Version:N}";
        ProviderRefund refund;
        try
        {
            refund = await provider.RefundAsync(payment, amount, idempotencyKey, cancellationToken);
        }
        catch (PaymentProviderException e) when (e.IsRefusal)
        {
            throw ProblemException.Invalid("amount", $"The payment provider refused the refund: {e.Message}");
        }
        catch (PaymentProviderException e)
        {
            logger.LogWarning(e, "{Provider} failed to refund payment {PaymentId}", provider.Name, payment.Id);
            throw new ProblemException(StatusCodes.Status502BadGateway, "The payment provider could not refund.", e.Message);
        }

        var recorded = await webhooks.ApplyAsync(provider.Name, new ProviderEvent(
            $"refund:{refund.ProviderRefundId}", "refund.created", ProviderEventKind.Refunded, payment.ProviderPaymentId,
            clock.GetUtcNow(), RefundedTotal: payment.RefundedAmount + refund.Amount), cancellationToken);
        if (recorded == ApplyResult.Duplicate)
            throw new ProblemException(StatusCodes.Status409Conflict, "The payment was refunded by another request at the same time.", "Reload the payment and try again if there is still something to refund.");
        var after = await db.Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId, cancellationToken);
        logger.LogInformation("Refunded {Amount} {Currency} of payment {PaymentId} ({ProviderRefundId})", refund.Amount, payment.Currency, payment.Id, refund.ProviderRefundId);
        return new PaymentRefund(payment.Id, refund.ProviderRefundId, refund.Amount, after.RefundedAmount, payment.Currency, after.Status);
    }
}

/// <summary>The providers this node can talk to: the sandbox always, Stripe when configured; <see cref="Active"/> takes new payments.</summary>
public sealed class PaymentProviders(IEnumerable<IPaymentProvider> all, IOptions<PaymentsOptions> options)
{
    private readonly IReadOnlyList<IPaymentProvider> _all = all.ToList();

    public IPaymentProvider Active => Get(options.Value.Provider == PaymentProviderKind.Stripe ? StripeProvider.ProviderName : SandboxProvider.ProviderName);

    public IPaymentProvider? Find(string? name) => _all.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    public IPaymentProvider Get(string name) => Find(name) ?? throw new InvalidOperationException($"The payment provider '{name}' is not configured on this node.");
}
