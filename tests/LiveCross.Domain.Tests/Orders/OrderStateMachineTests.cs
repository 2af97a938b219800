using LiveCross.Domain.Monetary;
using LiveCross.Domain.Orders;

namespace LiveCross.Domain.Tests.Orders;

public sealed class OrderStateMachineTests
{
    private static readonly CurrencyCode Euro = CurrencyCode.Parse("EUR");
    private static readonly DateTimeOffset Noon = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private static Money Eur(decimal amount) => new(amount, Euro);

    private static OrderState Placed(decimal due = 100.00m) => OrderStateMachine.Place(Eur(due), "guest", Noon).Next;

    private static OrderState Accept(TransitionResult result) => result.ShouldBeOfType<TransitionResult.Accepted>().Next;

    private static OrderState Paid(decimal due = 100.00m) => Accept(OrderStateMachine.Pay(Placed(due), Eur(due), "payment:sandbox", Noon, "paid"));

    [Fact]
    public void A_placed_order_waits_for_payment_and_its_creation_is_recorded()
    {
        var placed = OrderStateMachine.Place(Eur(59.90m), "customer:42", Noon);

        placed.Next.Status.ShouldBe(OrderStatus.PendingPayment);
        placed.Next.Refunded.ShouldBe(Eur(0m));
        placed.Change.ShouldBe(new StatusChange(null, OrderStatus.PendingPayment, "customer:42", Noon, "Order placed; waiting for payment."));
    }

    [Fact]
    public void The_happy_path_records_every_step_with_who_when_and_why()
    {
        var changes = new List<StatusChange>();
        var state = Placed();
        foreach (var step in new Func<OrderState, TransitionResult>[]
        {
            s => OrderStateMachine.Pay(s, Eur(100.00m), "payment:sandbox", Noon.AddMinutes(3), "card payment succeeded"),
            s => OrderStateMachine.Allocate(s, "seller:7", Noon.AddHours(2), "picked in Shenzhen"),
            s => OrderStateMachine.Ship(s, "seller:7", Noon.AddDays(1), "handed to DHL"),
            s => OrderStateMachine.Deliver(s, "carrier:dhl", Noon.AddDays(6), "signed by recipient"),
        })
        {
            var accepted = step(state).ShouldBeOfType<TransitionResult.Accepted>();
            changes.Add(accepted.Change);
            state = accepted.Next;
        }

        state.Status.ShouldBe(OrderStatus.Delivered);
        changes.ShouldBe([
            new StatusChange(OrderStatus.PendingPayment, OrderStatus.Paid, "payment:sandbox", Noon.AddMinutes(3), "card payment succeeded"),
            new StatusChange(OrderStatus.Paid, OrderStatus.Allocated, "seller:7", Noon.AddHours(2), "picked in Shenzhen"),
            new StatusChange(OrderStatus.Allocated, OrderStatus.Shipped, "seller:7", Noon.AddDays(1), "handed to DHL"),
            new StatusChange(OrderStatus.Shipped, OrderStatus.Delivered, "carrier:dhl", Noon.AddDays(6), "signed by recipient"),
        ]);
    }

    [Fact]
    public void An_unpaid_order_can_be_cancelled_by_the_system_when_its_window_expires()
    {
        var cancelled = OrderStateMachine.Cancel(Placed(), "system", Noon.AddMinutes(15), "payment window expired").ShouldBeOfType<TransitionResult.Accepted>();

        cancelled.Next.Status.ShouldBe(OrderStatus.Cancelled);
        cancelled.Change.ShouldBe(new StatusChange(OrderStatus.PendingPayment, OrderStatus.Cancelled, "system", Noon.AddMinutes(15), "payment window expired"));
    }

    [Fact]
    public void A_paid_order_cannot_be_cancelled_and_the_refusal_says_why()
    {
        var refused = OrderStateMachine.Cancel(Paid(), "customer:42", Noon, "changed my mind").ShouldBeOfType<TransitionResult.Refused>();

        refused.Current.ShouldBe(OrderStatus.Paid);
        refused.Reason.ShouldBe("An order that is paid cannot become cancelled.");
    }

    [Fact]
    public void A_cancelled_order_cannot_be_paid_refunded_or_shipped()
    {
        var cancelled = Accept(OrderStateMachine.Cancel(Placed(), "system", Noon, "expired"));

        OrderStateMachine.Pay(cancelled, Eur(100.00m), "payment:sandbox", Noon, "late").ShouldBeOfType<TransitionResult.Refused>();
        OrderStateMachine.Refund(cancelled, Eur(10.00m), "payment:sandbox", Noon, "refund").ShouldBeOfType<TransitionResult.Refused>();
        OrderStateMachine.Ship(cancelled, "seller:7", Noon, "ship").ShouldBeOfType<TransitionResult.Refused>();
    }

    [Theory]
    [InlineData(OrderStatus.PendingPayment, OrderStatus.Shipped)]
    [InlineData(OrderStatus.PendingPayment, OrderStatus.Delivered)]
    [InlineData(OrderStatus.PendingPayment, OrderStatus.Refunded)]
    [InlineData(OrderStatus.Paid, OrderStatus.PendingPayment)]
    [InlineData(OrderStatus.Paid, OrderStatus.Delivered)]
    [InlineData(OrderStatus.Shipped, OrderStatus.Allocated)]
    [InlineData(OrderStatus.Delivered, OrderStatus.Cancelled)]
    [InlineData(OrderStatus.Refunded, OrderStatus.Paid)]
    [InlineData(OrderStatus.Cancelled, OrderStatus.PendingPayment)]
    public void Illegal_moves_are_refused(OrderStatus from, OrderStatus to) => OrderStateMachine.CanMove(from, to).ShouldBeFalse();

    [Fact]
    public void Payment_of_another_amount_than_due_is_refused()
    {
        var refused = OrderStateMachine.Pay(Placed(100.00m), Eur(99.99m), "payment:sandbox", Noon, "paid").ShouldBeOfType<TransitionResult.Refused>();

        refused.Reason.ShouldContain("does not match the amount due");
    }

    [Fact]
    public void Partial_refunds_add_up_until_the_order_is_refunded_in_full()
    {
        var first = OrderStateMachine.Refund(Paid(100.00m), Eur(30.00m), "payment:sandbox", Noon, "one item returned").ShouldBeOfType<TransitionResult.Accepted>();
        first.Next.Status.ShouldBe(OrderStatus.PartiallyRefunded);
        first.Next.Refunded.ShouldBe(Eur(30.00m));
        first.Change.From.ShouldBe(OrderStatus.Paid);

        var second = OrderStateMachine.Refund(first.Next, Eur(20.00m), "payment:sandbox", Noon, "shipping refunded").ShouldBeOfType<TransitionResult.Accepted>();
        second.Next.Status.ShouldBe(OrderStatus.PartiallyRefunded);
        second.Next.Refunded.ShouldBe(Eur(50.00m));
        second.Change.From.ShouldBe(OrderStatus.PartiallyRefunded);

        var last = OrderStateMachine.Refund(second.Next, Eur(50.00m), "payment:sandbox", Noon, "rest refunded").ShouldBeOfType<TransitionResult.Accepted>();
        last.Next.Status.ShouldBe(OrderStatus.Refunded);
        last.Next.Refunded.ShouldBe(Eur(100.00m));

        OrderStateMachine.Refund(last.Next, Eur(0.01m), "payment:sandbox", Noon, "again").ShouldBeOfType<TransitionResult.Refused>();
    }

    [Fact]
    public void A_full_refund_at_once_refunds_the_order()
    {
        var refunded = OrderStateMachine.Refund(Paid(100.00m), Eur(100.00m), "payment:sandbox", Noon, "cancelled by seller").ShouldBeOfType<TransitionResult.Accepted>();

        refunded.Next.Status.ShouldBe(OrderStatus.Refunded);
    }

    [Theory]
    [InlineData("100.01")]
    [InlineData("0")]
    [InlineData("-5")]
    public void A_refund_of_more_than_paid_or_of_nothing_is_refused(string amount)
    {
        var state = Paid(100.00m);

        OrderStateMachine.Refund(state, Eur(decimal.Parse(amount, System.Globalization.CultureInfo.InvariantCulture)), "payment:sandbox", Noon, "refund")
            .ShouldBeOfType<TransitionResult.Refused>().Current.ShouldBe(OrderStatus.Paid);
    }

    [Fact]
    public void A_refund_in_another_currency_is_refused()
    {
        OrderStateMachine.Refund(Paid(), new Money(10m, CurrencyCode.Parse("USD")), "payment:sandbox", Noon, "refund").ShouldBeOfType<TransitionResult.Refused>();
    }

    [Fact]
    public void A_delivered_order_can_still_be_refunded_after_a_return()
    {
        var delivered = Accept(OrderStateMachine.Deliver(Accept(OrderStateMachine.Ship(Accept(OrderStateMachine.Allocate(Paid(), "s", Noon, "")), "s", Noon, "")), "c", Noon, ""));

        OrderStateMachine.Refund(delivered, Eur(40.00m), "payment:sandbox", Noon, "returned").ShouldBeOfType<TransitionResult.Accepted>().Next.Status.ShouldBe(OrderStatus.PartiallyRefunded);
    }

    [Fact]
    public void A_note_keeps_the_status_and_is_recorded_as_an_event()
    {
        var noted = OrderStateMachine.Note(Placed(), "payment:sandbox", Noon, "card declined");

        noted.Next.Status.ShouldBe(OrderStatus.PendingPayment);
        noted.Change.ShouldBe(new StatusChange(OrderStatus.PendingPayment, OrderStatus.PendingPayment, "payment:sandbox", Noon, "card declined"));
    }
}
