using System.Net;
using LiveCross.Domain.Payments;
using LiveCross.Server.Payments;
using LiveCross.Server.Payments.Sandbox;
using LiveCross.Server.Tests.Support;
using Microsoft.Extensions.Logging;

namespace LiveCross.Server.Tests.Payments;

/// <summary>Webhooks change a payment once, in a sensible order whatever order they come in, and only when they are signed; refunds never exceed the payment.</summary>
public abstract class PaymentWebhookTests(PaymentsFixture fixture)
{
    private readonly PaymentTestKit _kit = new(fixture.App);

    /// <summary>A payment paid with the success card, its webhook applied.</summary>
    private async Task<Payment> PaidAsync(string market = "DE", string currency = "EUR", decimal amount = 100.00m)
    {
        var start = await _kit.StartAsync(PaymentTestKit.Request(market, currency, amount));
        using var browser = _kit.Browser();
        PaymentTestKit.RedirectPath(await PaymentTestKit.SubmitAsync(browser, start.RedirectUrl!, "card-form", ("CardNumber", SandboxCards.Succeeds)));
        return await _kit.WaitForAsync(start.PaymentId, p => p.Status == PaymentStatus.Succeeded);
    }

    private async Task<Payment> PendingAsync(decimal amount = 40.00m) =>
        await _kit.PaymentAsync((await _kit.StartAsync(PaymentTestKit.Request("IT", "EUR", amount))).PaymentId);

    [Fact]
    public async Task A_replayed_webhook_is_accepted_and_changes_nothing_twice()
    {
        var payment = await PaidAsync();
        await _kit.DrainSandboxWebhooksAsync();
        var delivered = (await _kit.SandboxWebhookBodiesAsync(payment.ProviderPaymentId!)).ShouldHaveSingleItem();

        var first = await _kit.PostSandboxWebhookAsync(delivered);
        var second = await _kit.PostSandboxWebhookAsync(delivered);

        await first.ShouldBeJsonAsync();
        await second.ShouldBeJsonAsync();
        var after = await _kit.PaymentAsync(payment.Id);
        (after.Status, after.Version).ShouldBe((PaymentStatus.Succeeded, payment.Version));
        (await _kit.OutcomesAsync(payment.Id)).ShouldHaveSingleItem().Kind.ShouldBe(PaymentOutcomeKind.Succeeded);
        (await _kit.EventCountAsync(payment.Id)).ShouldBe(1);
    }

    [Fact]
    public async Task Copies_of_one_event_arriving_together_are_applied_once()
    {
        var payment = await PendingAsync();
        var body = PaymentTestKit.SandboxEventBody(payment, SandboxProvider.Succeeded);

        var responses = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => _kit.PostSandboxWebhookAsync(body)));

        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.OK);
        (await _kit.PaymentAsync(payment.Id)).Status.ShouldBe(PaymentStatus.Succeeded);
        (await _kit.OutcomesAsync(payment.Id)).ShouldHaveSingleItem().Kind.ShouldBe(PaymentOutcomeKind.Succeeded);
    }

    [Fact]
    public async Task A_failure_arriving_after_the_success_does_not_unpay()
    {
        var payment = await PendingAsync();

        await (await _kit.PostSandboxWebhookAsync(PaymentTestKit.SandboxEventBody(payment, SandboxProvider.Succeeded))).ShouldBeJsonAsync();
        await (await _kit.PostSandboxWebhookAsync(PaymentTestKit.SandboxEventBody(payment, SandboxProvider.Failed, failureCode: "card_declined"))).ShouldBeJsonAsync();
        await (await _kit.PostSandboxWebhookAsync(PaymentTestKit.SandboxEventBody(payment, SandboxProvider.RequiresAction))).ShouldBeJsonAsync();

        var after = await _kit.PaymentAsync(payment.Id);
        after.Status.ShouldBe(PaymentStatus.Succeeded);
        after.FailureReason.ShouldBeNull();
        (await _kit.OutcomesAsync(payment.Id)).Select(o => o.Kind).ShouldBe([PaymentOutcomeKind.Succeeded]);
    }

    [Fact]
    public async Task A_refund_arriving_before_the_success_is_kept_and_applied_right_after_it()
    {
        var payment = await PendingAsync(amount: 40.00m);
        var refundEvent = PaymentTestKit.SandboxEventBody(payment, SandboxProvider.Refunded, refundedTotal: 15.00m);

        await (await _kit.PostSandboxWebhookAsync(refundEvent)).ShouldBeJsonAsync();
        var early = await _kit.PaymentAsync(payment.Id);
        (early.Status, early.RefundedAmount).ShouldBe((PaymentStatus.Pending, 0m));
        (await _kit.OutcomesAsync(payment.Id)).ShouldBeEmpty();

        await (await _kit.PostSandboxWebhookAsync(PaymentTestKit.SandboxEventBody(payment, SandboxProvider.Succeeded))).ShouldBeJsonAsync();
        await (await _kit.PostSandboxWebhookAsync(refundEvent)).ShouldBeJsonAsync();

        var after = await _kit.PaymentAsync(payment.Id);
        (after.Status, after.RefundedAmount).ShouldBe((PaymentStatus.PartiallyRefunded, 15.00m));
        var outcomes = await _kit.OutcomesAsync(payment.Id);
        outcomes.Select(o => (o.Kind, o.Amount)).ShouldBe([(PaymentOutcomeKind.Succeeded, 40.00m), (PaymentOutcomeKind.Refunded, 15.00m)]);
    }

    [Fact]
    public async Task Refund_events_in_either_order_end_at_the_larger_total_and_report_each_amount_once()
    {
        var payment = await PaidAsync(amount: 50.00m);

        await (await _kit.PostSandboxWebhookAsync(PaymentTestKit.SandboxEventBody(payment, SandboxProvider.Refunded, refundedTotal: 30.00m))).ShouldBeJsonAsync();
        await (await _kit.PostSandboxWebhookAsync(PaymentTestKit.SandboxEventBody(payment, SandboxProvider.Refunded, refundedTotal: 10.00m))).ShouldBeJsonAsync();

        var after = await _kit.PaymentAsync(payment.Id);
        (after.Status, after.RefundedAmount).ShouldBe((PaymentStatus.PartiallyRefunded, 30.00m));
        (await _kit.OutcomesAsync(payment.Id)).Where(o => o.Kind == PaymentOutcomeKind.Refunded).Select(o => o.Amount).ShouldBe([30.00m]);
    }

    [Fact]
    public async Task A_bad_signature_is_a_400_that_changes_nothing_and_is_logged()
    {
        var payment = await PendingAsync();
        var body = PaymentTestKit.SandboxEventBody(payment, SandboxProvider.Succeeded);

        var forged = await _kit.PostSandboxWebhookAsync(body, WebhookSignature.CreateHeader("sbxsec_guessed", DateTimeOffset.UtcNow, body));

        var problem = await forged.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("title").GetString().ShouldBe("The webhook signature is invalid.");
        (await _kit.PaymentAsync(payment.Id)).Status.ShouldBe(PaymentStatus.Pending);
        (await _kit.EventCountAsync(payment.Id)).ShouldBe(0);
        (await _kit.OutcomesAsync(payment.Id)).ShouldBeEmpty();
        fixture.Logs.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message == "Rejected a sandbox webhook: signature mismatch");
    }

    [Fact]
    public async Task A_missing_stale_or_tampered_signature_is_refused()
    {
        var payment = await PendingAsync();
        var body = PaymentTestKit.SandboxEventBody(payment, SandboxProvider.Succeeded);
        var secret = await _kit.SandboxSecretAsync();

        var missing = await _kit.PostSandboxWebhookAsync(body, sign: false);
        var stale = await _kit.PostSandboxWebhookAsync(body, WebhookSignature.CreateHeader(secret, DateTimeOffset.UtcNow.AddMinutes(-6), body));
        var tampered = await _kit.PostSandboxWebhookAsync(body.Replace(payment.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture), "0.01", StringComparison.Ordinal),
            WebhookSignature.CreateHeader(secret, DateTimeOffset.UtcNow, body));

        await missing.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await stale.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        await tampered.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await _kit.PaymentAsync(payment.Id)).Status.ShouldBe(PaymentStatus.Pending);
        (await _kit.OutcomesAsync(payment.Id)).ShouldBeEmpty();
        fixture.Logs.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message == "Rejected a sandbox webhook: signature missing");
        fixture.Logs.Entries.ShouldContain(e => e.Level == LogLevel.Warning && e.Message == "Rejected a sandbox webhook: signature stale");
    }

    [Fact]
    public async Task An_event_for_a_payment_that_is_not_ours_is_acknowledged_and_ignored()
    {
        var payment = await PendingAsync();
        var stranger = PaymentTestKit.SandboxEventBody(payment, SandboxProvider.Succeeded).Replace(payment.ProviderPaymentId!, "sbx_" + Guid.NewGuid().ToString("N"), StringComparison.Ordinal);

        await (await _kit.PostSandboxWebhookAsync(stranger)).ShouldBeJsonAsync();

        (await _kit.PaymentAsync(payment.Id)).Status.ShouldBe(PaymentStatus.Pending);
    }

    [Fact]
    public async Task A_webhook_for_a_provider_that_does_not_exist_is_a_404()
    {
        using var client = fixture.App.CreateClient();

        var response = await client.PostAsync("/api/v1/payments/webhooks/paypal", new StringContent("{}"), Api.Cancel);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_partial_refund_then_the_rest_refunds_everything_and_nothing_more()
    {
        var payment = await PaidAsync(amount: 80.00m);

        var partial = await (await _kit.RefundAsync(payment.Id, 30.00m)).ShouldBeJsonAsync();
        partial.GetProperty("refunded").GetDecimal().ShouldBe(30.00m);
        partial.GetProperty("refundedTotal").GetDecimal().ShouldBe(30.00m);
        partial.GetProperty("status").GetString().ShouldBe("PartiallyRefunded");
        await (await _kit.RefundAsync(payment.Id, 50.01m)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "amount");

        var rest = await (await _kit.RefundAsync(payment.Id, 50.00m)).ShouldBeJsonAsync();
        rest.GetProperty("refundedTotal").GetDecimal().ShouldBe(80.00m);
        rest.GetProperty("status").GetString().ShouldBe("Refunded");
        await (await _kit.RefundAsync(payment.Id, 0.01m)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "amount");

        // The sandbox also announces each refund by webhook; they report totals already recorded.
        await _kit.DrainSandboxWebhooksAsync();
        var after = await _kit.PaymentAsync(payment.Id);
        (after.Status, after.RefundedAmount).ShouldBe((PaymentStatus.Refunded, 80.00m));
        (await _kit.OutcomesAsync(payment.Id)).Select(o => (o.Kind, o.Amount))
            .ShouldBe([(PaymentOutcomeKind.Succeeded, 80.00m), (PaymentOutcomeKind.Refunded, 30.00m), (PaymentOutcomeKind.Refunded, 50.00m)]);
    }

    [Theory]
    [InlineData("0", "amount")]
    [InlineData("-5", "amount")]
    [InlineData("1.005", "amount")]
    public async Task A_refund_of_a_bad_amount_is_refused_naming_the_amount(string amount, string field)
    {
        var payment = await PaidAsync(amount: 10.00m);

        await (await _kit.RefundAsync(payment.Id, decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture))).ShouldBeProblemAsync(HttpStatusCode.BadRequest, field);

        (await _kit.PaymentAsync(payment.Id)).RefundedAmount.ShouldBe(0m);
    }

    [Fact]
    public async Task An_unpaid_payment_cannot_be_refunded_and_an_unknown_one_is_not_found()
    {
        var payment = await PendingAsync();

        await (await _kit.RefundAsync(payment.Id, 1.00m)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        await (await _kit.RefundAsync(Guid.NewGuid(), 1.00m)).ShouldBeProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Yen_refunds_are_whole_yen()
    {
        var payment = await PaidAsync("JP", "JPY", 4500m);

        await (await _kit.RefundAsync(payment.Id, 0.5m)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "amount");
        var refund = await (await _kit.RefundAsync(payment.Id, 1500m)).ShouldBeJsonAsync();

        refund.GetProperty("refundedTotal").GetDecimal().ShouldBe(1500m);
        refund.GetProperty("currency").GetString().ShouldBe("JPY");
    }
}

public sealed class PaymentWebhookTestsOnSqlite(SandboxSqliteFixture fixture) : PaymentWebhookTests(fixture), IClassFixture<SandboxSqliteFixture>;

public sealed class PaymentWebhookTestsOnPostgres(SandboxPostgresFixture fixture) : PaymentWebhookTests(fixture), IClassFixture<SandboxPostgresFixture>;
