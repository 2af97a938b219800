using LiveCross.Server.Payments;

namespace LiveCross.Server.Tests.Payments;

/// <summary>The status rules a payment follows whatever order its events come in.</summary>
public sealed class PaymentStatusRulesTests
{
    private static Payment New(decimal amount = 100m) => new()
    {
        OrderNumber = "LC-1",
        Provider = "sandbox",
        Method = "card",
        MarketCode = "DE",
        Amount = amount,
        Currency = "EUR",
        ReturnUrl = "/orders/1",
    };

    [Fact]
    public void A_success_after_a_failure_pays_and_clears_the_reason()
    {
        var payment = New();
        payment.MarkFailed("card_declined").ShouldBeTrue();

        payment.MarkSucceeded().ShouldBeTrue();

        (payment.Status, payment.FailureReason).ShouldBe((PaymentStatus.Succeeded, null));
    }

    [Fact]
    public void Nothing_after_a_success_takes_it_back()
    {
        var payment = New();
        payment.MarkSucceeded();

        payment.MarkFailed("late").ShouldBeFalse();
        payment.MarkRequiresAction().ShouldBeFalse();
        payment.MarkSucceeded().ShouldBeFalse();

        payment.Status.ShouldBe(PaymentStatus.Succeeded);
    }

    [Fact]
    public void Refunded_totals_only_grow_and_never_beyond_the_amount()
    {
        var payment = New(100m);
        payment.MarkSucceeded();

        payment.RaiseRefundedTotal(30m).ShouldBe(30m);
        payment.RaiseRefundedTotal(20m).ShouldBe(0m);
        payment.Status.ShouldBe(PaymentStatus.PartiallyRefunded);
        payment.RaiseRefundedTotal(250m).ShouldBe(70m);

        (payment.Status, payment.RefundedAmount, payment.RefundableAmount).ShouldBe((PaymentStatus.Refunded, 100m, 0m));
    }

    [Fact]
    public void An_unpaid_payment_records_no_refund()
    {
        var payment = New();

        payment.RaiseRefundedTotal(10m).ShouldBe(0m);

        (payment.Status, payment.RefundedAmount).ShouldBe((PaymentStatus.Pending, 0m));
    }
}
