using System.Net;
using LiveCross.Server.Payments;
using LiveCross.Server.Tests.Support;

namespace LiveCross.Server.Tests.Payments;

/// <summary>A shopper pays on the sandbox's hosted page; the app learns the outcome only from its signed, asynchronous webhook.</summary>
public abstract class SandboxPaymentTests(PaymentsFixture fixture)
{
    private readonly PaymentTestKit _kit = new(fixture.App);

    private static string CardPage(PaymentStart start) => start.RedirectUrl!;

    [Fact]
    public async Task Paying_with_the_success_card_redirects_back_and_the_webhook_pays_the_order_once()
    {
        var start = await _kit.StartAsync(PaymentTestKit.Request("GB", "GBP", 49.99m, returnUrl: "/orders/LC-1?paid=1"));
        start.Provider.ShouldBe("sandbox");
        start.RedirectUrl.ShouldBe($"/pay/sandbox/{start.PaymentId}");
        using var browser = _kit.Browser();

        var page = await PaymentTestKit.PageAsync(browser, CardPage(start));
        page.ShouldContain("49.99");
        page.ShouldContain("id=\"card-number\"");
        page.ShouldContain("id=\"pay-button\"");
        var paid = await PaymentTestKit.SubmitAsync(browser, CardPage(start), "card-form", ("CardNumber", "4242 4242 4242 4242"));

        PaymentTestKit.RedirectPath(paid).ShouldBe("/orders/LC-1?paid=1");
        var payment = await _kit.WaitForAsync(start.PaymentId, p => p.Status == PaymentStatus.Succeeded);
        payment.Amount.ShouldBe(49.99m);
        var outcome = (await _kit.OutcomesAsync(start.PaymentId)).ShouldHaveSingleItem();
        outcome.Kind.ShouldBe(PaymentOutcomeKind.Succeeded);
        outcome.Amount.ShouldBe(49.99m);
        outcome.Currency.ShouldBe("GBP");
        outcome.OrderId.ShouldBe(payment.OrderId);
        (await PaymentTestKit.PageAsync(browser, CardPage(start))).ShouldContain("data-testid=\"payment-complete\"");
    }

    [Fact]
    public async Task The_decline_card_shows_the_decline_and_fails_the_payment_and_another_card_can_still_pay()
    {
        var start = await _kit.StartAsync(PaymentTestKit.Request("DE", "EUR", 20.00m));
        using var browser = _kit.Browser();

        var declined = await PaymentTestKit.SubmitAsync(browser, CardPage(start), "card-form", ("CardNumber", "4000 0000 0000 0002"));

        declined.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await declined.Content.ReadAsStringAsync(Api.Cancel)).ShouldContain("data-testid=\"pay-error\"");
        var failed = await _kit.WaitForAsync(start.PaymentId, p => p.Status == PaymentStatus.Failed);
        failed.FailureReason.ShouldBe("card_declined");
        (await _kit.OutcomesAsync(start.PaymentId)).Select(o => o.Kind).ShouldBe([PaymentOutcomeKind.Failed]);

        var retried = await PaymentTestKit.SubmitAsync(browser, CardPage(start), "card-form", ("CardNumber", "4242424242424242"));

        PaymentTestKit.RedirectPath(retried).ShouldStartWith("/orders/");
        await _kit.WaitForAsync(start.PaymentId, p => p.Status == PaymentStatus.Succeeded);
        (await _kit.OutcomesAsync(start.PaymentId)).Select(o => o.Kind).ShouldBe([PaymentOutcomeKind.Failed, PaymentOutcomeKind.Succeeded]);
    }

    [Fact]
    public async Task The_authentication_card_asks_for_a_challenge_and_approving_it_pays()
    {
        var start = await _kit.StartAsync(PaymentTestKit.Request("FR", "EUR", 75.50m, returnUrl: "/orders/LC-3DS"));
        using var browser = _kit.Browser();

        var challenged = await PaymentTestKit.SubmitAsync(browser, CardPage(start), "card-form", ("CardNumber", "4000 0025 0000 3155"));

        var challenge = PaymentTestKit.RedirectPath(challenged);
        challenge.ShouldBe($"/pay/sandbox/{start.PaymentId}/authenticate");
        await _kit.WaitForAsync(start.PaymentId, p => p.Status == PaymentStatus.RequiresAction);
        (await _kit.OutcomesAsync(start.PaymentId)).ShouldBeEmpty();

        var approved = await PaymentTestKit.SubmitAsync(browser, challenge, "authenticate-form", ("Decision", "approve"));

        PaymentTestKit.RedirectPath(approved).ShouldBe("/orders/LC-3DS");
        await _kit.WaitForAsync(start.PaymentId, p => p.Status == PaymentStatus.Succeeded);
        (await _kit.OutcomesAsync(start.PaymentId)).Select(o => o.Kind).ShouldBe([PaymentOutcomeKind.Succeeded]);
    }

    [Fact]
    public async Task Failing_the_challenge_fails_the_payment_and_shows_why_on_the_payment_page()
    {
        var start = await _kit.StartAsync(PaymentTestKit.Request("ES", "EUR", 10.00m));
        using var browser = _kit.Browser();
        var challenged = await PaymentTestKit.SubmitAsync(browser, CardPage(start), "card-form", ("CardNumber", "4000002500003155"));

        var failed = await PaymentTestKit.SubmitAsync(browser, PaymentTestKit.RedirectPath(challenged), "authenticate-form", ("Decision", "fail"));

        var back = PaymentTestKit.RedirectPath(failed);
        back.ShouldStartWith(CardPage(start));
        (await PaymentTestKit.PageAsync(browser, back)).ShouldContain("data-testid=\"pay-error\"");
        var payment = await _kit.WaitForAsync(start.PaymentId, p => p.Status == PaymentStatus.Failed);
        payment.FailureReason.ShouldBe("authentication_failed");
        (await _kit.OutcomesAsync(start.PaymentId)).Select(o => o.Kind).ShouldBe([PaymentOutcomeKind.Failed]);
    }

    [Fact]
    public async Task Any_other_card_number_is_an_unknown_test_card_and_sends_nothing()
    {
        var start = await _kit.StartAsync(PaymentTestKit.Request("US", "USD", 5.00m));
        using var browser = _kit.Browser();

        var response = await PaymentTestKit.SubmitAsync(browser, CardPage(start), "card-form", ("CardNumber", "5555 5555 5555 4444"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Api.Cancel)).ShouldContain("data-testid=\"pay-error\"");
        (await _kit.SandboxWebhookBodiesAsync((await _kit.PaymentAsync(start.PaymentId)).ProviderPaymentId!)).ShouldBeEmpty();
        (await _kit.PaymentAsync(start.PaymentId)).Status.ShouldBe(PaymentStatus.Pending);
    }

    [Fact]
    public async Task The_page_offers_the_markets_methods_and_pix_is_paid_by_a_simulated_qr_payment()
    {
        var start = await _kit.StartAsync(PaymentTestKit.Request("BR", "BRL", 129.90m, method: "pix"));
        using var browser = _kit.Browser();

        var page = await PaymentTestKit.PageAsync(browser, CardPage(start));
        page.ShouldContain("data-testid=\"method-card\"");
        page.ShouldContain("data-testid=\"method-pix\"");
        page.ShouldContain("data-testid=\"method-boleto\"");
        page.ShouldContain("data-testid=\"qr-code\"");
        var paid = await PaymentTestKit.SubmitAsync(browser, CardPage(start), "simulate-form", ("Outcome", "succeed"));

        PaymentTestKit.RedirectPath(paid).ShouldBe($"/orders/{(await _kit.PaymentAsync(start.PaymentId)).OrderId}");
        var payment = await _kit.WaitForAsync(start.PaymentId, p => p.Status == PaymentStatus.Succeeded);
        payment.Method.ShouldBe("pix");
        (await _kit.OutcomesAsync(start.PaymentId)).ShouldHaveSingleItem().Amount.ShouldBe(129.90m);
    }

    [Fact]
    public async Task Konbini_shows_a_payment_slip_number_then_completes_in_yen()
    {
        var start = await _kit.StartAsync(PaymentTestKit.Request("JP", "JPY", 3980m, method: "konbini"));
        using var browser = _kit.Browser();

        var page = await PaymentTestKit.PageAsync(browser, CardPage(start));
        page.ShouldContain("data-testid=\"slip-number\"");
        page.ShouldContain("3,980");
        var paid = await PaymentTestKit.SubmitAsync(browser, CardPage(start), "simulate-form", ("Outcome", "succeed"));

        PaymentTestKit.RedirectPath(paid).ShouldBe($"/orders/{(await _kit.PaymentAsync(start.PaymentId)).OrderId}");
        await _kit.WaitForAsync(start.PaymentId, p => p.Status == PaymentStatus.Succeeded);
        var outcome = (await _kit.OutcomesAsync(start.PaymentId)).ShouldHaveSingleItem();
        (outcome.Amount, outcome.Currency).ShouldBe((3980m, "JPY"));
    }

    [Fact]
    public async Task The_shopper_can_switch_to_another_method_of_the_market_on_the_page()
    {
        var start = await _kit.StartAsync(PaymentTestKit.Request("NL", "EUR", 15.00m));
        using var browser = _kit.Browser();
        var ideal = $"{CardPage(start)}?method=ideal";

        (await PaymentTestKit.PageAsync(browser, ideal)).ShouldContain("iDEAL");
        var paid = await PaymentTestKit.SubmitAsync(browser, ideal, "simulate-form", ("Outcome", "succeed"));

        PaymentTestKit.RedirectPath(paid).ShouldBe($"/orders/{(await _kit.PaymentAsync(start.PaymentId)).OrderId}");
        (await _kit.WaitForAsync(start.PaymentId, p => p.Status == PaymentStatus.Succeeded)).Method.ShouldBe("ideal");
    }

    [Fact]
    public async Task A_simulated_local_method_failure_fails_the_payment()
    {
        var start = await _kit.StartAsync(PaymentTestKit.Request("SG", "SGD", 30.00m, method: "paynow"));
        using var browser = _kit.Browser();

        var response = await PaymentTestKit.SubmitAsync(browser, CardPage(start), "simulate-form", ("Outcome", "fail"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        await _kit.WaitForAsync(start.PaymentId, p => p.Status == PaymentStatus.Failed);
        (await _kit.OutcomesAsync(start.PaymentId)).Select(o => o.Kind).ShouldBe([PaymentOutcomeKind.Failed]);
    }

    [Fact]
    public async Task A_form_post_without_the_pages_antiforgery_token_is_refused_and_sends_nothing()
    {
        var start = await _kit.StartAsync(PaymentTestKit.Request("GB", "GBP", 9.00m));
        using var browser = _kit.Browser();

        var response = await browser.PostAsync(CardPage(start), new FormUrlEncodedContent([new("_handler", "card"), new("CardNumber", "4242424242424242")]), Api.Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await _kit.SandboxWebhookBodiesAsync((await _kit.PaymentAsync(start.PaymentId)).ProviderPaymentId!)).ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unknown_payment_page_says_so()
    {
        using var browser = _kit.Browser();

        var response = await browser.GetAsync($"/pay/sandbox/{Guid.NewGuid()}", Api.Cancel);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Api.Cancel)).ShouldNotContain("card-form");
    }
}

public sealed class SandboxPaymentTestsOnSqlite(SandboxSqliteFixture fixture) : SandboxPaymentTests(fixture), IClassFixture<SandboxSqliteFixture>;

public sealed class SandboxPaymentTestsOnPostgres(SandboxPostgresFixture fixture) : SandboxPaymentTests(fixture), IClassFixture<SandboxPostgresFixture>;
