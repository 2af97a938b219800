using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LiveCross.Domain.Payments;
using LiveCross.Server.Payments;
using LiveCross.Server.Payments.Sandbox;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Outbox;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Payments;

/// <summary>What payment tests do: start a payment as checkout would, act on the hosted page as a shopper, wait for webhooks, read the outcome.</summary>
public sealed partial class PaymentTestKit(LiveCrossApp app)
{
    public const string SandboxWebhook = "/api/v1/payments/webhooks/sandbox";
    public const string StripeWebhook = "/api/v1/payments/webhooks/stripe";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static JsonObject Request(string market, string currency, decimal amount, string method = "card", Guid? orderId = null, string? returnUrl = null)
    {
        var order = orderId ?? Guid.CreateVersion7();
        return new JsonObject
        {
            ["orderId"] = order,
            ["orderNumber"] = "LC-" + order.ToString("N")[..10].ToUpperInvariant(),
            ["amount"] = amount,
            ["currency"] = currency,
            ["marketCode"] = market,
            ["method"] = method,
            ["locale"] = "en",
            ["customerEmail"] = Unique.Email("buyer"),
            ["returnUrl"] = returnUrl ?? $"/orders/{order}",
        };
    }

    public Task<HttpResponseMessage> CheckoutAsync(JsonObject request)
    {
        var client = app.CreateClient();
        return client.SendJsonAsync(HttpMethod.Post, OrdersStandIn.Checkout, request);
    }

    public async Task<PaymentStart> StartAsync(JsonObject request)
    {
        var body = await (await CheckoutAsync(request)).ShouldBeJsonAsync(HttpStatusCode.Created);
        return body.Deserialize<PaymentStart>(Json)!;
    }

    public async Task<HttpResponseMessage> RefundAsync(Guid paymentId, decimal amount)
    {
        using var client = app.CreateClient();
        return await client.SendJsonAsync(HttpMethod.Post, OrdersStandIn.Refund, new JsonObject { ["paymentId"] = paymentId, ["amount"] = amount });
    }

    /// <summary>A browser: keeps cookies, does not follow redirects (so a test sees where it is sent).</summary>
    public HttpClient Browser() => app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    public static async Task<string> PageAsync(HttpClient browser, string url)
    {
        var response = await browser.GetAsync(url, Api.Cancel);
        var html = await response.Content.ReadAsStringAsync(Api.Cancel);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, $"GET {url}: {html}");
        return html;
    }

    /// <summary>Loads <paramref name="url"/>, fills the form with data-testid <paramref name="form"/> (its hidden fields and antiforgery token kept) and submits it with <paramref name="fields"/>.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient browser, string url, string form, params (string Name, string Value)[] fields)
    {
        var html = await PageAsync(browser, url);
        var match = Regex.Match(html, $"<form(?<attributes>[^>]*data-testid=\"{form}\"[^>]*)>(?<body>.*?)</form>", RegexOptions.Singleline);
        match.Success.ShouldBeTrue($"no form '{form}' on {url}: {html}");
        var action = WebUtility.HtmlDecode(Regex.Match(match.Groups["attributes"].Value, "action=\"(?<a>[^\"]*)\"").Groups["a"].Value);
        var values = HiddenInputs().Matches(match.Groups["body"].Value)
            .ToDictionary(m => WebUtility.HtmlDecode(m.Groups["name"].Value), m => WebUtility.HtmlDecode(m.Groups["value"].Value));
        foreach (var (name, value) in fields) values[name] = value;
        return await browser.PostAsync(action.Length > 0 ? action : url, new FormUrlEncodedContent(values), Api.Cancel);
    }

    /// <summary>Where a redirect sends the browser, as a path on this site (and fails when it leaves the site).</summary>
    public static string RedirectPath(HttpResponseMessage response)
    {
        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = new Uri(new Uri("http://localhost/"), response.Headers.Location!);
        location.Host.ShouldBe("localhost", "a redirect must stay on the site");
        return location.PathAndQuery;
    }

    [GeneratedRegex("<input type=\"hidden\" name=\"(?<name>[^\"]+)\" value=\"(?<value>[^\"]*)\"")]
    private static partial Regex HiddenInputs();

    public async Task<Payment> PaymentAsync(Guid paymentId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>().Payments.AsNoTracking().SingleAsync(p => p.Id == paymentId, Api.Cancel);
    }

    /// <summary>The outcomes the (recording) orders module was given for a payment, in order.</summary>
    public async Task<IReadOnlyList<PaymentOutcome>> OutcomesAsync(Guid paymentId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Type == RecordingOutcomeHandler.MessageType)
            .ToListAsync(Api.Cancel);
        return rows.Select(m => m.ReadPayload<RecordedOutcome>()).OrderBy(r => r.Sequence).Select(r => r.Outcome).Where(o => o.PaymentId == paymentId).ToList();
    }

    public async Task<int> EventCountAsync(Guid paymentId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>().PaymentEvents.CountAsync(e => e.PaymentId == paymentId, Api.Cancel);
    }

    /// <summary>Waits (at most 15 s, polling) until the background worker has applied webhooks so that <paramref name="until"/> holds.</summary>
    public async Task<Payment> WaitForAsync(Guid paymentId, Func<Payment, bool> until)
    {
        Payment payment = await PaymentAsync(paymentId);
        for (var i = 0; i < 150 && !until(payment); i++)
        {
            await Task.Delay(100, Api.Cancel);
            payment = await PaymentAsync(paymentId);
        }
        until(payment).ShouldBeTrue($"payment {paymentId} is {payment.Status}, refunded {payment.RefundedAmount}, after waiting for its webhooks");
        return payment;
    }

    /// <summary>Waits (at most 15 s) until every sandbox webhook in the outbox has been delivered.</summary>
    public Task DrainSandboxWebhooksAsync() => app.WaitForOutboxAsync(SandboxProvider.WebhookMessageType);

    /// <summary>The sandbox webhook bodies sent so far for a payment, oldest first.</summary>
    public async Task<IReadOnlyList<string>> SandboxWebhookBodiesAsync(string providerPaymentId)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var rows = await scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>().OutboxMessages.AsNoTracking()
            .Where(m => m.Type == SandboxProvider.WebhookMessageType).ToListAsync(Api.Cancel);
        return rows.OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).Select(m => m.ReadPayload<SandboxWebhookMessage>().Body).Where(b => b.Contains(providerPaymentId, StringComparison.Ordinal)).ToList();
    }

    public async Task<string> SandboxSecretAsync()
    {
        await using var scope = app.Services.CreateAsyncScope();
        return (await scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>().SharedSecrets.AsNoTracking().SingleAsync(s => s.Name == SandboxSecret.Name, Api.Cancel)).Value;
    }

    /// <summary>A sandbox event body as the sandbox writes them.</summary>
    public static string SandboxEventBody(Payment payment, string type, decimal refundedTotal = 0m, string? failureCode = null, string? eventId = null) =>
        JsonSerializer.Serialize(new SandboxEvent(
            eventId ?? "evt_test_" + Guid.NewGuid().ToString("N"), type, DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            new SandboxEventData(payment.ProviderPaymentId!, payment.Amount, payment.Currency, refundedTotal, "card", failureCode)), WebJson);

    private static readonly JsonSerializerOptions WebJson = new(JsonSerializerDefaults.Web);

    /// <summary>POSTs a body to the sandbox webhook endpoint with a signature header (made with the real secret unless one is given).</summary>
    public async Task<HttpResponseMessage> PostSandboxWebhookAsync(string body, string? signature = null, bool sign = true)
    {
        using var client = app.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, SandboxWebhook) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (sign) request.Headers.Add(SandboxProvider.SignatureHeader, signature ?? WebhookSignature.CreateHeader(await SandboxSecretAsync(), DateTimeOffset.UtcNow, body));
        return await client.SendAsync(request, Api.Cancel);
    }
}
