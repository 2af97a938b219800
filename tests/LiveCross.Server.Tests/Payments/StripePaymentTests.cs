using System.Net;
using System.Text;
using LiveCross.Server.Payments;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.Extensions.Logging;

namespace LiveCross.Server.Tests.Payments;

/// <summary>The app with Payments:Provider=Stripe, its Stripe.net client pointed at a local fake of Stripe's API.</summary>
public abstract class StripeFixture(TestDatabase database) : PaymentsFixture(database)
{
    private FakeStripe? _stripe;

    public FakeStripe Stripe => _stripe ?? throw new InvalidOperationException("The fake Stripe did not start.");

    protected override async Task ConfigureAsync(LiveCrossApp app)
    {
        _stripe = await FakeStripe.StartAsync();
        app.WithSetting("Payments:Provider", "Stripe")
            .WithSetting("Payments:Stripe:SecretKey", FakeStripe.SecretKey)
            .WithSetting("Payments:Stripe:WebhookSecret", FakeStripe.WebhookSecret)
            .WithSetting("Payments:Stripe:ApiBase", _stripe.BaseUrl)
            .WithSetting("Payments:Stripe:PublishableKey", "pk_test_livecross_fake");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_stripe is not null) await _stripe.DisposeAsync();
    }
}

public sealed class StripeSqliteFixture() : StripeFixture(TestDatabase.Sqlite);

public sealed class StripePostgresFixture() : StripeFixture(TestDatabase.Postgres);

/// <summary>The Stripe adapter: PaymentIntents in minor units, refunds, and webhooks verified with the endpoint secret.</summary>
public abstract class StripePaymentTests(StripeFixture fixture)
{
    private readonly PaymentTestKit _kit = new(fixture.App);

    private FakeStripe Stripe => fixture.Stripe;

    private async Task<HttpResponseMessage> PostWebhookAsync(string body, string? signature)
    {
        using var client = fixture.App.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, PaymentTestKit.StripeWebhook) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.Add("Stripe-Signature", signature);
        return await client.SendAsync(request, Api.Cancel);
    }

    private Task<HttpResponseMessage> DeliverAsync(string eventBody) => PostWebhookAsync(eventBody, FakeStripe.Sign(eventBody));

    private async Task<Payment> PaidAsync(string market, string currency, decimal amount)
    {
        var start = await _kit.StartAsync(PaymentTestKit.Request(market, currency, amount));
        await (await DeliverAsync(Stripe.Succeed(start.ProviderPaymentId))).ShouldBeJsonAsync();
        return await _kit.PaymentAsync(start.PaymentId);
    }

    [Fact]
    public async Task Starting_a_payment_creates_a_payment_intent_in_minor_units_with_the_order_in_its_metadata()
    {
        var request = PaymentTestKit.Request("DE", "EUR", 12.34m);

        var start = await _kit.StartAsync(request);

        start.Provider.ShouldBe("stripe");
        start.ProviderPaymentId.ShouldStartWith("pi_");
        start.ClientSecret.ShouldStartWith($"{start.ProviderPaymentId}_secret_");
        start.RedirectUrl.ShouldBe($"/pay/stripe/{start.PaymentId}");
        var form = Stripe.Requests.Last(r => r.Path == "/v1/payment_intents").Form;
        form["amount"].ShouldBe("1234");
        form["currency"].ShouldBe("eur");
        form["allowed_payment_method_types[0]"].ShouldBe("card");
        form["metadata[order_id]"].ShouldBe(request["orderId"]!.GetValue<Guid>().ToString());
        form["metadata[payment_id]"].ShouldBe(start.PaymentId.ToString());
    }

    [Theory]
    [InlineData("JP", "JPY", "1980", "konbini", "1980", "konbini")]
    [InlineData("KR", "KRW", "35000", "card", "35000", "card")]
    [InlineData("NL", "EUR", "0.50", "ideal", "50", "ideal")]
    [InlineData("BR", "BRL", "99.90", "pix", "9990", "pix")]
    public async Task Amounts_are_sent_in_the_currencys_minor_units_with_the_chosen_method(string market, string currency, string amount, string method, string minorUnits, string stripeType)
    {
        await _kit.StartAsync(PaymentTestKit.Request(market, currency, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture), method));

        var form = Stripe.Requests.Last(r => r.Path == "/v1/payment_intents").Form;
        form["amount"].ShouldBe(minorUnits);
        form["currency"].ShouldBe(currency.ToLowerInvariant());
        form["allowed_payment_method_types[0]"].ShouldBe(stripeType);
    }

    [Fact]
    public async Task Our_payment_page_reads_the_intent_from_stripe_and_hands_its_client_secret_to_stripe_js()
    {
        var start = await _kit.StartAsync(PaymentTestKit.Request("SG", "SGD", 42.00m));
        using var browser = _kit.Browser();

        var page = await PaymentTestKit.PageAsync(browser, start.RedirectUrl!);

        page.ShouldContain($"data-client-secret=\"{start.ClientSecret}\"");
        page.ShouldContain("data-publishable-key=\"pk_test_livecross_fake\"");
        page.ShouldContain("42.00");
        page.ShouldContain("id=\"pay-button\"");
        page.ShouldMatch("<button id=\"pay-button\"[^>]* disabled[ >]"); // pay-stripe.js enables it once Stripe's form is mounted
        page.ShouldContain("data-unavailable=\"");
    }

    [Fact]
    public async Task A_signed_payment_intent_succeeded_event_pays_the_order_once_even_when_replayed()
    {
        var start = await _kit.StartAsync(PaymentTestKit.Request("GB", "GBP", 25.00m));
        var succeeded = Stripe.Succeed(start.ProviderPaymentId);

        await (await DeliverAsync(succeeded)).ShouldBeJsonAsync();
        await (await DeliverAsync(succeeded)).ShouldBeJsonAsync();

        (await _kit.PaymentAsync(start.PaymentId)).Status.ShouldBe(PaymentStatus.Succeeded);
        var outcome = (await _kit.OutcomesAsync(start.PaymentId)).ShouldHaveSingleItem();
        (outcome.Kind, outcome.Amount, outcome.Provider).ShouldBe((PaymentOutcomeKind.Succeeded, 25.00m, "stripe"));
    }

    [Fact]
    public async Task A_failure_event_fails_an_open_payment_but_not_a_paid_one()
    {
        var open = await _kit.StartAsync(PaymentTestKit.Request("US", "USD", 8.00m));
        var paid = await PaidAsync("US", "USD", 9.00m);

        await (await DeliverAsync(Stripe.Fail(open.ProviderPaymentId, "insufficient_funds"))).ShouldBeJsonAsync();
        await (await DeliverAsync(Stripe.Fail(paid.ProviderPaymentId!))).ShouldBeJsonAsync();

        var failed = await _kit.PaymentAsync(open.PaymentId);
        (failed.Status, failed.FailureReason).ShouldBe((PaymentStatus.Failed, "insufficient_funds"));
        (await _kit.PaymentAsync(paid.Id)).Status.ShouldBe(PaymentStatus.Succeeded);
        (await _kit.OutcomesAsync(paid.Id)).Select(o => o.Kind).ShouldBe([PaymentOutcomeKind.Succeeded]);
    }

    [Fact]
    public async Task A_bad_stripe_signature_is_refused_and_logged_and_changes_nothing()
    {
        var start = await _kit.StartAsync(PaymentTestKit.Request("AU", "AUD", 30.00m));
        var succeeded = Stripe.Succeed(start.ProviderPaymentId);

        var wrongSecret = await PostWebhookAsync(succeeded, FakeStripe.Sign(succeeded, "whsec_someone_else"));
        var stale = await PostWebhookAsync(succeeded, FakeStripe.Sign(succeeded, at: DateTimeOffset.UtcNow.AddMinutes(-10)));
        var missing = await PostWebhookAsync(succeeded, null);

        await wrongSecret.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await stale.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await missing.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await _kit.PaymentAsync(start.PaymentId)).Status.ShouldBe(PaymentStatus.Pending);
        (await _kit.OutcomesAsync(start.PaymentId)).ShouldBeEmpty();
        fixture.Logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.StartsWith("Rejected a stripe webhook", StringComparison.Ordinal)).ShouldBeGreaterThanOrEqualTo(3);
    }

    [Fact]
    public async Task Refunds_go_to_stripe_in_minor_units_and_its_charge_refunded_events_add_only_what_is_new()
    {
        var payment = await PaidAsync("JP", "JPY", 5000m);

        var partial = await (await _kit.RefundAsync(payment.Id, 1200m)).ShouldBeJsonAsync();

        partial.GetProperty("providerRefundId").GetString()!.ShouldStartWith("re_");
        var form = Stripe.Requests.Last(r => r.Path == "/v1/refunds").Form;
        (form["payment_intent"], form["amount"]).ShouldBe((payment.ProviderPaymentId!, "1200"));
        await (await DeliverAsync(Stripe.ChargeRefunded(payment.ProviderPaymentId!))).ShouldBeJsonAsync();
        (await _kit.PaymentAsync(payment.Id)).RefundedAmount.ShouldBe(1200m);

        // A further 800 refunded in Stripe's dashboard reaches us only by its event.
        await (await DeliverAsync(Stripe.ChargeRefunded(payment.ProviderPaymentId!, extraRefundedInDashboard: 800))).ShouldBeJsonAsync();
        var rest = await (await _kit.RefundAsync(payment.Id, 3000m)).ShouldBeJsonAsync();

        rest.GetProperty("status").GetString().ShouldBe("Refunded");
        (await _kit.OutcomesAsync(payment.Id)).Select(o => (o.Kind, o.Amount))
            .ShouldBe([(PaymentOutcomeKind.Succeeded, 5000m), (PaymentOutcomeKind.Refunded, 1200m), (PaymentOutcomeKind.Refunded, 800m), (PaymentOutcomeKind.Refunded, 3000m)]);
    }

    [Fact]
    public async Task A_refund_stripe_refuses_is_a_problem_naming_the_amount()
    {
        var payment = await PaidAsync("GB", "GBP", 20.00m);
        // Refunded in Stripe's dashboard, and its event not here yet: our books still show 20.00 refundable.
        await (await _kit.RefundAsync(payment.Id, 5.00m)).ShouldBeJsonAsync();
        Stripe.ChargeRefunded(payment.ProviderPaymentId!, extraRefundedInDashboard: 1500);

        var refused = await (await _kit.RefundAsync(payment.Id, 15.00m)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "amount");

        refused.GetProperty("errors").GetProperty("amount")[0].GetString()!.ShouldContain("greater than unrefunded amount");
        (await _kit.PaymentAsync(payment.Id)).RefundedAmount.ShouldBe(5.00m);
    }

    [Fact]
    public async Task Methods_stripe_cannot_take_are_not_offered_while_it_is_the_provider()
    {
        using var client = fixture.App.CreateClient();

        var methods = await client.GetJsonAsync("/api/v1/payments/methods?market=SA");

        methods.GetProperty("provider").GetString().ShouldBe("stripe");
        var codes = methods.GetProperty("methods").EnumerateArray().Select(m => m.GetProperty("code").GetString()).ToList();
        codes.ShouldContain("card");
        codes.ShouldNotContain("mada");
        await (await _kit.CheckoutAsync(PaymentTestKit.Request("SA", "SAR", 50.00m, method: "mada"))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "method");
    }

    [Fact]
    public async Task Events_stripe_sends_that_we_do_not_act_on_are_acknowledged()
    {
        var body = new System.Text.Json.Nodes.JsonObject
        {
            ["id"] = "evt_" + Guid.NewGuid().ToString("N"),
            ["object"] = "event",
            ["api_version"] = "2026-10-28.endive",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["livemode"] = false,
            ["type"] = "customer.created",
            ["data"] = new System.Text.Json.Nodes.JsonObject { ["object"] = new System.Text.Json.Nodes.JsonObject { ["id"] = "cus_1", ["object"] = "customer" } },
        }.ToJsonString();

        await (await DeliverAsync(body)).ShouldBeJsonAsync();
    }
}

public sealed class StripePaymentTestsOnSqlite(StripeSqliteFixture fixture) : StripePaymentTests(fixture), IClassFixture<StripeSqliteFixture>;

public sealed class StripePaymentTestsOnPostgres(StripePostgresFixture fixture) : StripePaymentTests(fixture), IClassFixture<StripePostgresFixture>;
