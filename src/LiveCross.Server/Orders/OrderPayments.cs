using LiveCross.Domain.Orders;
using LiveCross.Server.Catalog;
using LiveCross.Server.Payments;
using LiveCross.Server.Platform.Http;

namespace LiveCross.Server.Orders;

public sealed record StartPaymentInput(string? Method);

/// <summary>A started payment as the buyer's client sees it: where to pay (a hosted page) or the secret of an embedded form.</summary>
public sealed record OrderPaymentDto(Guid PaymentId, string Provider, string Method, MoneyDto Amount, string? RedirectUrl, string? ClientSecret);

/// <summary>
/// Starts the payment of an order that waits for one: the amount due at checkout (duty and tax collected at the border
/// are not in it), in the order's currency, with a method the order's market offers. The shopper comes back to the order page.
/// </summary>
public sealed class OrderPayments(PaymentService payments, OrderAccessTokens tokens)
{
    /// <summary>Throws a <see cref="ProblemException"/> (400 for a method the market does not offer, 409 when the order is not waiting for payment).</summary>
    public async Task<OrderPaymentDto> StartAsync(Order order, string? method, string? accessToken, CancellationToken cancellationToken)
    {
        if (order.Status != OrderStatus.PendingPayment)
            throw new ProblemException(StatusCodes.Status409Conflict, "The order is not waiting for payment.",
                $"Order {order.Number} is {OrderViews.StatusName(order.Status).Replace('_', ' ')}; only an order waiting for payment can be paid.");
        var chosen = string.IsNullOrWhiteSpace(method) ? "card" : method.Trim().ToLowerInvariant();
        var request = new PaymentRequest(order.Id, order.Number, order.Charges.AmountDue, order.Currency, order.MarketCode, chosen, order.Locale, order.Email,
            tokens.PagePath(order, order.CustomerId is null ? accessToken : null));
        if (!payments.MethodsFor(order.MarketCode).Contains(chosen, StringComparer.Ordinal))
            throw ProblemException.Invalid("method", $"'{method}' is not a payment method offered in {order.MarketCode}. Offered: {string.Join(", ", payments.MethodsFor(order.MarketCode))}.");
        var started = await payments.StartAsync(request, cancellationToken);
        return new OrderPaymentDto(started.PaymentId, started.Provider, chosen, MoneyDto.From(order.Charges.AmountDue, order.Currency), started.RedirectUrl, started.ClientSecret);
    }
}
