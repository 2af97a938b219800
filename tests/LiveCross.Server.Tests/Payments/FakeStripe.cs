using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LiveCross.Server.Tests.Payments;

/// <summary>
/// A local stand-in for Stripe's HTTP API on a random loopback port, speaking its protocol: form-encoded
/// requests with a bearer secret key and idempotency keys, JSON objects back, Stripe's error shape, and
/// webhook events signed with Stripe's scheme (<c>Stripe-Signature: t=…,v1=HMAC-SHA256("t.body")</c>).
/// Implements what the adapter uses: create and read PaymentIntents, create refunds.
/// </summary>
public sealed class FakeStripe : IAsyncDisposable
{
    public const string SecretKey = "sk_test_livecross_fake";
    public const string WebhookSecret = "whsec_livecross_fake_0123456789";

    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, JsonObject> _intents = new();
    private readonly ConcurrentDictionary<string, (string Fingerprint, string Response, int Status)> _idempotent = new();
    private readonly ConcurrentQueue<(string Path, Dictionary<string, string> Form)> _requests = new();
    private readonly Lock _gate = new();

    private FakeStripe(WebApplication app) => _app = app;

    public string BaseUrl { get; private set; } = "";

    /// <summary>Every request body received, in order (form fields by their Stripe names, e.g. "metadata[order_id]").</summary>
    public IReadOnlyList<(string Path, Dictionary<string, string> Form)> Requests => _requests.ToList();

    public static async Task<FakeStripe> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var fake = new FakeStripe(app);
        app.MapPost("/v1/payment_intents", (Delegate)fake.CreateIntentAsync);
        app.MapGet("/v1/payment_intents/{id}", (Delegate)fake.GetIntent);
        app.MapPost("/v1/refunds", (Delegate)fake.CreateRefundAsync);
        await app.StartAsync();
        fake.BaseUrl = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return fake;
    }

    public JsonObject Intent(string id) => _intents[id];

    /// <summary>What Stripe does when the shopper completes Stripe.js: the intent succeeds and a payment_intent.succeeded event is made.</summary>
    public string Succeed(string intentId)
    {
        lock (_gate)
        {
            var intent = _intents[intentId];
            intent["status"] = "succeeded";
            intent["amount_received"] = intent["amount"]!.GetValue<long>();
            return Event("payment_intent.succeeded", intent.DeepClone());
        }
    }

    public string Fail(string intentId, string declineCode = "card_declined")
    {
        lock (_gate)
        {
            var intent = _intents[intentId];
            intent["status"] = "requires_payment_method";
            intent["last_payment_error"] = new JsonObject { ["type"] = "card_error", ["code"] = "card_declined", ["decline_code"] = declineCode, ["message"] = "Your card was declined." };
            return Event("payment_intent.payment_failed", intent.DeepClone());
        }
    }

    /// <summary>A charge.refunded event for the intent's charge, with its running refunded total (as after a refund made in Stripe's dashboard too).</summary>
    public string ChargeRefunded(string intentId, long? extraRefundedInDashboard = null)
    {
        lock (_gate)
        {
            var intent = _intents[intentId];
            var refunded = (intent["amount_refunded_total"]?.GetValue<long>() ?? 0) + (extraRefundedInDashboard ?? 0);
            intent["amount_refunded_total"] = refunded;
            var amount = intent["amount"]!.GetValue<long>();
            var charge = new JsonObject
            {
                ["id"] = "ch_" + intentId[3..],
                ["object"] = "charge",
                ["amount"] = amount,
                ["amount_captured"] = amount,
                ["amount_refunded"] = refunded,
                ["currency"] = intent["currency"]!.GetValue<string>(),
                ["captured"] = true,
                ["paid"] = true,
                ["payment_intent"] = intentId,
                ["refunded"] = refunded >= amount,
                ["status"] = "succeeded",
                ["livemode"] = false,
                ["created"] = Now(),
                ["metadata"] = new JsonObject(),
            };
            return Event("charge.refunded", charge);
        }
    }

    /// <summary>The Stripe-Signature header Stripe would send with <paramref name="body"/>.</summary>
    public static string Sign(string body, string secret = WebhookSecret, DateTimeOffset? at = null)
    {
        var t = (at ?? DateTimeOffset.UtcNow).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var v1 = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
        return $"t={t},v1={v1}";
    }

    private static string Event(string type, JsonNode data) => new JsonObject
    {
        ["id"] = "evt_" + Guid.NewGuid().ToString("N")[..24],
        ["object"] = "event",
        ["api_version"] = "2026-10-28.endive",
        ["created"] = Now(),
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["request"] = new JsonObject { ["id"] = null, ["idempotency_key"] = null },
        ["type"] = type,
        ["data"] = new JsonObject { ["object"] = data },
    }.ToJsonString();

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private async Task<IResult> CreateIntentAsync(HttpContext context)
    {
        var form = await ReadAsync(context);
        if (form is null) return Unauthorized();
        return Idempotent(context, form, () =>
        {
            if (!long.TryParse(form.GetValueOrDefault("amount"), out var amount) || amount < 1)
                return Error("amount", "parameter_invalid_integer", "Invalid positive integer");
            if (form.GetValueOrDefault("currency") is not { Length: 3 } currency || currency != currency.ToLowerInvariant())
                return Error("currency", "parameter_invalid_string", "Invalid currency");
            var id = "pi_" + Guid.NewGuid().ToString("N")[..24];
            var types = form.Where(f => f.Key.StartsWith("allowed_payment_method_types[", StringComparison.Ordinal) || f.Key.StartsWith("payment_method_types[", StringComparison.Ordinal))
                .OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => (JsonNode)f.Value).ToArray();
            var metadata = new JsonObject();
            foreach (var (key, value) in form.Where(f => f.Key.StartsWith("metadata[", StringComparison.Ordinal))) metadata[key[9..^1]] = value;
            var intent = new JsonObject
            {
                ["id"] = id,
                ["object"] = "payment_intent",
                ["amount"] = amount,
                ["amount_received"] = 0,
                ["currency"] = currency,
                ["status"] = "requires_payment_method",
                ["client_secret"] = $"{id}_secret_{Guid.NewGuid():N}",
                ["description"] = form.GetValueOrDefault("description"),
                ["receipt_email"] = form.GetValueOrDefault("receipt_email"),
                ["payment_method_types"] = new JsonArray(types.Length == 0 ? ["card"] : types),
                ["metadata"] = metadata,
                ["livemode"] = false,
                ["created"] = Now(),
                ["last_payment_error"] = null,
            };
            _intents[id] = intent;
            return (intent.ToJsonString(), StatusCodes.Status200OK);
        });
    }

    private IResult GetIntent(string id, HttpContext context)
    {
        if (!Authorized(context)) return Unauthorized();
        if (!_intents.TryGetValue(id, out var intent))
        {
            var (body, status) = Error("intent", "resource_missing", $"No such payment_intent: '{id}'", StatusCodes.Status404NotFound);
            return Results.Content(body, "application/json", Encoding.UTF8, status);
        }
        lock (_gate) return Results.Content(Public(intent).ToJsonString(), "application/json", Encoding.UTF8, StatusCodes.Status200OK);
    }

    private async Task<IResult> CreateRefundAsync(HttpContext context)
    {
        var form = await ReadAsync(context);
        if (form is null) return Unauthorized();
        // Runs under the idempotency lock, so two refunds of one intent cannot both pass the amount check.
        return Idempotent(context, form, () =>
        {
            if (form.GetValueOrDefault("payment_intent") is not { } intentId || !_intents.TryGetValue(intentId, out var intent))
                return Error("payment_intent", "resource_missing", "No such payment_intent");
            if (intent["status"]!.GetValue<string>() != "succeeded")
                return Error("payment_intent", "charge_not_refundable", "This PaymentIntent does not have a successful charge to refund.");
            var total = intent["amount"]!.GetValue<long>();
            var refunded = intent["amount_refunded_total"]?.GetValue<long>() ?? 0;
            var amount = form.TryGetValue("amount", out var text) ? long.Parse(text, CultureInfo.InvariantCulture) : total - refunded;
            if (amount < 1 || refunded + amount > total)
                return Error("amount", "amount_too_large", $"Refund amount ({amount}) is greater than unrefunded amount on charge ({total - refunded}).");
            intent["amount_refunded_total"] = refunded + amount;
            var refund = new JsonObject
            {
                ["id"] = "re_" + Guid.NewGuid().ToString("N")[..24],
                ["object"] = "refund",
                ["amount"] = amount,
                ["currency"] = intent["currency"]!.GetValue<string>(),
                ["payment_intent"] = intentId,
                ["charge"] = "ch_" + intentId[3..],
                ["status"] = "succeeded",
                ["created"] = Now(),
                ["metadata"] = new JsonObject(),
            };
            return (refund.ToJsonString(), StatusCodes.Status200OK);
        });
    }

    private static JsonObject Public(JsonObject intent)
    {
        var copy = intent.DeepClone().AsObject();
        copy.Remove("amount_refunded_total");
        return copy;
    }

    private async Task<Dictionary<string, string>?> ReadAsync(HttpContext context)
    {
        if (!Authorized(context)) return null;
        var form = (await context.Request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
        _requests.Enqueue((context.Request.Path, form));
        return form;
    }

    private static bool Authorized(HttpContext context) => context.Request.Headers.Authorization.ToString() == $"Bearer {SecretKey}";

    private static IResult Unauthorized() => Results.Content(
        new JsonObject { ["error"] = new JsonObject { ["type"] = "invalid_request_error", ["message"] = "Invalid API Key provided." } }.ToJsonString(),
        "application/json", Encoding.UTF8, StatusCodes.Status401Unauthorized);

    /// <summary>Stripe's idempotency: the same key with the same parameters gets the first answer again; with other parameters, an error.</summary>
    private IResult Idempotent(HttpContext context, Dictionary<string, string> form, Func<(string Body, int Status)> create)
    {
        var key = context.Request.Headers["Idempotency-Key"].ToString();
        var fingerprint = context.Request.Path + "?" + string.Join('&', form.OrderBy(f => f.Key, StringComparer.Ordinal).Select(f => $"{f.Key}={f.Value}"));
        (string Body, int Status) answer;
        lock (_gate)
        {
            if (key.Length > 0 && _idempotent.TryGetValue(key, out var earlier))
            {
                answer = earlier.Fingerprint == fingerprint
                    ? (earlier.Response, earlier.Status)
                    : Error("idempotency_key", "idempotency_key_in_use", "Keys for idempotent requests can only be used with the same parameters they were first used with.", StatusCodes.Status400BadRequest, "idempotency_error");
            }
            else
            {
                answer = create();
                if (key.Length > 0) _idempotent[key] = (fingerprint, answer.Body, answer.Status);
            }
        }
        context.Response.Headers["Request-Id"] = "req_" + Guid.NewGuid().ToString("N")[..14];
        return Results.Content(answer.Body, "application/json", Encoding.UTF8, answer.Status);
    }

    private static (string Body, int Status) Error(string param, string code, string message, int status = StatusCodes.Status400BadRequest, string type = "invalid_request_error") =>
        (new JsonObject { ["error"] = new JsonObject { ["type"] = type, ["code"] = code, ["param"] = param, ["message"] = message } }.ToJsonString(), status);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
