using System.Collections.Frozen;
using LiveCross.Domain.Monetary;
using Microsoft.Extensions.Options;
using Stripe;

namespace LiveCross.Server.Payments;

/// <summary>
/// Stripe through Stripe.net: a PaymentIntent per payment (amount in the currency's minor units, the
/// method the shopper chose as its only payment method type, our ids in its metadata), refunds against
/// it, and webhooks verified with the endpoint's signing secret. The shopper pays on our page
/// <c>/pay/stripe/{paymentId}</c>, which mounts Stripe.js with the client secret.
/// </summary>
public sealed class StripeProvider(StripeClient client, IOptions<PaymentsOptions> options, TimeProvider clock, ILogger<StripeProvider> logger) : IPaymentProvider
{
    public const string ProviderName = "stripe";
    public const string SignatureHeader = "Stripe-Signature";

    /// <summary>Stripe's own tolerance for webhook timestamps.</summary>
    public const long SignatureToleranceSeconds = 300;

    /// <summary>
    /// Market-file method codes → Stripe payment method types. Apple Pay and Google Pay are wallets of the
    /// "card" type at Stripe. Methods not listed (e.g. mada, VNPAY, Interac) are not offered while Stripe is the provider.
    /// </summary>
    public static readonly FrozenDictionary<string, string> MethodTypes = new Dictionary<string, string>
    {
        ["card"] = "card",
        ["applepay"] = "card",
        ["googlepay"] = "card",
        ["ideal"] = "ideal",
        ["pix"] = "pix",
        ["paynow"] = "paynow",
        ["konbini"] = "konbini",
        ["promptpay"] = "promptpay",
        ["grabpay"] = "grabpay",
        ["fpx"] = "fpx",
        ["boleto"] = "boleto",
        ["oxxo"] = "oxxo",
        ["blik"] = "blik",
        ["klarna"] = "klarna",
        ["afterpay"] = "afterpay_clearpay",
        ["clearpay"] = "afterpay_clearpay",
        ["affirm"] = "affirm",
        ["zip"] = "zip",
        ["paypal"] = "paypal",
        ["kakaopay"] = "kakao_pay",
        ["naverpay"] = "naver_pay",
        ["samsungpay"] = "samsung_pay",
        ["mobilepay"] = "mobilepay",
        ["bizum"] = "bizum",
        ["satispay"] = "satispay",
        ["paypay"] = "paypay",
        ["qris"] = "qris",
        ["duitnow"] = "duitnow",
        ["gcash"] = "gcash",
        ["gopay"] = "gopay",
        ["momo"] = "momo",
        ["shopeepay"] = "shopeepay",
        ["touchngo"] = "touch_n_go",
        ["truemoney"] = "truemoney",
        ["tamara"] = "tamara",
        ["sofort"] = "sofort",
    }.ToFrozenDictionary();

    public string Name => ProviderName;

    public bool Supports(string method) => MethodTypes.ContainsKey(method);

    public static string PagePath(Guid paymentId) => $"/pay/stripe/{paymentId}";

    public async Task<ProviderPaymentStart> StartAsync(Payment payment, string? customerEmail, CancellationToken cancellationToken)
    {
        var create = new PaymentIntentCreateOptions
        {
            Amount = new Money(payment.Amount, payment.CurrencyCode).ToMinorUnits(),
            Currency = payment.Currency.ToLowerInvariant(),
            AllowedPaymentMethodTypes = [MethodTypes[payment.Method]],
            Description = $"Order {payment.OrderNumber}",
            ReceiptEmail = customerEmail,
            Metadata = new Dictionary<string, string>
            {
                ["order_id"] = payment.OrderId.ToString(),
                ["order_number"] = payment.OrderNumber,
                ["payment_id"] = payment.Id.ToString(),
                ["market"] = payment.MarketCode,
            },
        };
        var intent = await CallAsync(() => client.V1.PaymentIntents.CreateAsync(create, new RequestOptions { IdempotencyKey = $"payment-{payment.Id:N}" }, cancellationToken));
        return new ProviderPaymentStart(intent.Id, PagePath(payment.Id), intent.ClientSecret);
    }

    /// <summary>The PaymentIntent as Stripe has it now (for the page that mounts Stripe.js: its client secret and status).</summary>
    public Task<PaymentIntent> GetIntentAsync(string providerPaymentId, CancellationToken cancellationToken) =>
        CallAsync(() => client.V1.PaymentIntents.GetAsync(providerPaymentId, cancellationToken: cancellationToken));

    public async Task<ProviderRefund> RefundAsync(Payment payment, decimal amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        var create = new RefundCreateOptions
        {
            PaymentIntent = payment.ProviderPaymentId,
            Amount = new Money(amount, payment.CurrencyCode).ToMinorUnits(),
            Metadata = new Dictionary<string, string> { ["payment_id"] = payment.Id.ToString(), ["order_number"] = payment.OrderNumber },
        };
        var refund = await CallAsync(() => client.V1.Refunds.CreateAsync(create, new RequestOptions { IdempotencyKey = idempotencyKey }, cancellationToken));
        if (refund.Status is "failed" or "canceled") throw new PaymentProviderException($"Stripe refund {refund.Id} is {refund.Status}.");
        return new ProviderRefund(refund.Id, MinorUnits.FromMinorUnits(refund.Amount, payment.CurrencyCode).Amount);
    }

    public Task<WebhookRead> ReadWebhookAsync(IHeaderDictionary headers, string body, CancellationToken cancellationToken)
    {
        var signature = headers[SignatureHeader].ToString();
        if (string.IsNullOrWhiteSpace(signature)) return Task.FromResult(WebhookRead.Rejected("Stripe-Signature header missing"));
        Event stripeEvent;
        try
        {
            // The endpoint's API version is set in Stripe's dashboard and may differ from Stripe.net's; only
            // fields that are stable across versions are read below.
            stripeEvent = EventUtility.ConstructEvent(body, signature, options.Value.Stripe.WebhookSecret, SignatureToleranceSeconds, clock.GetUtcNow().ToUnixTimeSeconds(), throwOnApiVersionMismatch: false);
        }
        catch (StripeException e)
        {
            return Task.FromResult(WebhookRead.Rejected(e.Message));
        }
        catch (Newtonsoft.Json.JsonException e)
        {
            return Task.FromResult(WebhookRead.Rejected("signed body is not a Stripe event: " + e.Message));
        }
        return Task.FromResult(WebhookRead.Accepted(ToProviderEvent(stripeEvent)));
    }

    private ProviderEvent ToProviderEvent(Event e)
    {
        var occurredAt = new DateTimeOffset(DateTime.SpecifyKind(e.Created, DateTimeKind.Utc));
        switch (e.Data.Object)
        {
            case PaymentIntent intent when e.Type == EventTypes.PaymentIntentSucceeded:
                return new ProviderEvent(e.Id, e.Type, ProviderEventKind.Succeeded, intent.Id, occurredAt);
            case PaymentIntent intent when e.Type == EventTypes.PaymentIntentPaymentFailed:
                return new ProviderEvent(e.Id, e.Type, ProviderEventKind.Failed, intent.Id, occurredAt,
                    FailureReason: intent.LastPaymentError?.DeclineCode ?? intent.LastPaymentError?.Code ?? intent.LastPaymentError?.Message ?? "payment_failed");
            case PaymentIntent intent when e.Type == EventTypes.PaymentIntentRequiresAction:
                return new ProviderEvent(e.Id, e.Type, ProviderEventKind.RequiresAction, intent.Id, occurredAt);
            case Charge charge when e.Type == EventTypes.ChargeRefunded && charge.PaymentIntentId is not null && CurrencyCode.TryParse(charge.Currency, out var currency):
                return new ProviderEvent(e.Id, e.Type, ProviderEventKind.Refunded, charge.PaymentIntentId, occurredAt,
                    RefundedTotal: MinorUnits.FromMinorUnits(charge.AmountRefunded, currency).Amount);
            default:
                logger.LogDebug("Stripe event {EventId} of type {Type} is not acted on", e.Id, e.Type);
                return new ProviderEvent(e.Id, e.Type, ProviderEventKind.Other, null, occurredAt);
        }
    }

    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException e) when (e.StripeError?.Type is "invalid_request_error" or "card_error" or "idempotency_error")
        {
            throw new PaymentProviderException(e.StripeError.Message ?? e.Message, e) { IsRefusal = true };
        }
        catch (StripeException e)
        {
            throw new PaymentProviderException(e.Message, e);
        }
        catch (HttpRequestException e)
        {
            throw new PaymentProviderException("Stripe could not be reached.", e);
        }
    }
}
