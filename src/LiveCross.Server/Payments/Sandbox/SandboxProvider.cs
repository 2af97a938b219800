using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using LiveCross.Domain.Payments;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Outbox;

namespace LiveCross.Server.Payments.Sandbox;

/// <summary>What the sandbox sends to the webhook endpoint; shaped like a real provider's event.</summary>
public sealed record SandboxEvent(string Id, string Type, long Created, SandboxEventData Data);

/// <param name="AmountRefunded">The payment's running refunded total, as real providers report it.</param>
public sealed record SandboxEventData(string Payment, decimal Amount, string Currency, decimal AmountRefunded, string? Method, string? FailureCode);

/// <summary>The outbox payload: the exact webhook body, signed when it is sent (like a real provider, at each attempt).</summary>
public sealed record SandboxWebhookMessage(string Body);

/// <summary>
/// The default provider: behaves like a real one without leaving the process. A hosted payment page
/// (<c>/pay/sandbox/{paymentId}</c>) takes test cards and simulates the market's local methods; what the
/// shopper does there reaches the app only as signed webhooks, delivered asynchronously through the outbox.
/// </summary>
public sealed class SandboxProvider(LiveCrossDbContext db, SandboxSecret secret, TimeProvider clock) : IPaymentProvider
{
    public const string ProviderName = "sandbox";
    public const string SignatureHeader = "LiveCross-Sandbox-Signature";
    public const string WebhookMessageType = "payments.sandbox-webhook";

    public const string Succeeded = "payment.succeeded";
    public const string Failed = "payment.failed";
    public const string RequiresAction = "payment.requires_action";
    public const string Refunded = "payment.refunded";

    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => ProviderName;

    public bool Supports(string method) => true;

    public static string PagePath(Guid paymentId) => $"/pay/sandbox/{paymentId}";

    public Task<ProviderPaymentStart> StartAsync(Payment payment, string? customerEmail, CancellationToken cancellationToken) =>
        Task.FromResult(new ProviderPaymentStart("sbx_" + payment.Id.ToString("N"), PagePath(payment.Id), null));

    public async Task<ProviderRefund> RefundAsync(Payment payment, decimal amount, string idempotencyKey, CancellationToken cancellationToken)
    {
        if (amount > payment.RefundableAmount) throw new PaymentProviderException($"The refund exceeds the {payment.RefundableAmount} {payment.Currency} left.") { IsRefusal = true };
        var refundId = "sbx_re_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(idempotencyKey)))[..24];
        // Like a real provider, the refund is also announced by a webhook; it reports the running total, so
        // it changes nothing once this refund is recorded.
        Enqueue(payment, Refunded, refundedTotal: payment.RefundedAmount + amount, method: null, failureCode: null, eventId: "evt_" + refundId);
        await db.SaveChangesAsync(cancellationToken);
        return new ProviderRefund(refundId, amount);
    }

    /// <summary>What the shopper did on the hosted page, sent later as a signed webhook.</summary>
    public async Task ReportAsync(Payment payment, string type, string method, string? failureCode, CancellationToken cancellationToken)
    {
        Enqueue(payment, type, payment.RefundedAmount, method, failureCode, eventId: null);
        await db.SaveChangesAsync(cancellationToken);
    }

    private void Enqueue(Payment payment, string type, decimal refundedTotal, string? method, string? failureCode, string? eventId)
    {
        var now = clock.GetUtcNow();
        var sandboxEvent = new SandboxEvent(
            eventId ?? "evt_sbx_" + Guid.NewGuid().ToString("N"),
            type,
            now.ToUnixTimeSeconds(),
            new SandboxEventData(payment.ProviderPaymentId!, payment.Amount, payment.Currency, refundedTotal, method, failureCode));
        db.Enqueue(WebhookMessageType, new SandboxWebhookMessage(JsonSerializer.Serialize(sandboxEvent, Json)), now);
    }

    public async Task<WebhookRead> ReadWebhookAsync(IHeaderDictionary headers, string body, CancellationToken cancellationToken)
    {
        var check = WebhookSignature.Verify(headers[SignatureHeader], body, await secret.GetAsync(cancellationToken), clock.GetUtcNow(), WebhookSignature.DefaultTolerance);
        if (check != SignatureCheck.Valid) return WebhookRead.Rejected($"signature {check.ToString().ToLowerInvariant()}");
        SandboxEvent? e;
        try
        {
            e = JsonSerializer.Deserialize<SandboxEvent>(body, Json);
        }
        catch (JsonException)
        {
            return WebhookRead.Rejected("signed body is not a sandbox event");
        }
        if (e?.Data is null || string.IsNullOrEmpty(e.Id) || string.IsNullOrEmpty(e.Type)) return WebhookRead.Rejected("signed body is not a sandbox event");
        var kind = e.Type switch
        {
            Succeeded => ProviderEventKind.Succeeded,
            Failed => ProviderEventKind.Failed,
            RequiresAction => ProviderEventKind.RequiresAction,
            Refunded => ProviderEventKind.Refunded,
            _ => ProviderEventKind.Other,
        };
        return WebhookRead.Accepted(new ProviderEvent(
            e.Id, e.Type, kind, e.Data.Payment, DateTimeOffset.FromUnixTimeSeconds(e.Created),
            RefundedTotal: kind == ProviderEventKind.Refunded ? e.Data.AmountRefunded : null,
            FailureReason: e.Data.FailureCode,
            Method: e.Data.Method));
    }

    /// <summary>A QR-like pattern for QR-code methods (PIX, PayNow, PromptPay…): the same payment always draws the same picture.</summary>
    public static bool[,] QrPattern(Guid paymentId, int size = 21)
    {
        var bits = SHA256.HashData(paymentId.ToByteArray());
        var cells = new bool[size, size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                var finder = IsFinder(x, y) || IsFinder(size - 1 - x, y) || IsFinder(x, size - 1 - y);
                var i = (y * size + x) % (bits.Length * 8);
                cells[y, x] = finder ? FinderCell(x, y, size) : (bits[i / 8] >> (i % 8) & 1) == 1 ^ ((x * y + x + y) % 3 == 0);
            }
        }
        return cells;
    }

    private static bool IsFinder(int x, int y) => x < 7 && y < 7;

    private static bool FinderCell(int x, int y, int size)
    {
        var fx = x >= size - 7 ? size - 1 - x : x;
        var fy = y >= size - 7 ? size - 1 - y : y;
        var ring = Math.Max(Math.Abs(fx - 3), Math.Abs(fy - 3));
        return ring != 2;
    }

    /// <summary>A convenience-store slip number (Konbini, Boleto, OXXO): twelve digits derived from the payment.</summary>
    public static string SlipNumber(Guid paymentId)
    {
        var digits = SHA256.HashData(paymentId.ToByteArray()).Take(12).Select(b => (char)('0' + b % 10));
        var text = new string(digits.ToArray());
        return string.Create(CultureInfo.InvariantCulture, $"{text[..4]}-{text[4..8]}-{text[8..]}");
    }
}
