using LiveCross.Domain.Live;

namespace LiveCross.Domain.Tests.Live;

public sealed class FlashSaleLedgerTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);

    private static FlashSaleLedger Ledger(int quantity = 3, int limit = 2, int claimed = 0, bool ended = false) =>
        new(new FlashSaleTerms(quantity, limit, Now.AddMinutes(5)), claimed, ended);

    [Fact]
    public void Accepts_until_the_quantity_is_claimed_then_says_sold_out()
    {
        var ledger = Ledger(quantity: 3, limit: 1);

        var outcomes = Enumerable.Range(0, 5).Select(_ => ledger.Decide(0, 1, Now)).ToList();

        outcomes.ShouldBe([AttemptOutcome.Accepted, AttemptOutcome.Accepted, AttemptOutcome.Accepted, AttemptOutcome.SoldOut, AttemptOutcome.SoldOut]);
        ledger.Claimed.ShouldBe(3);
        ledger.Remaining.ShouldBe(0);
    }

    [Fact]
    public void An_attempt_for_more_than_is_left_is_sold_out_and_leaves_the_rest_for_others()
    {
        var ledger = Ledger(quantity: 3, limit: 2, claimed: 2);

        ledger.Decide(0, 2, Now).ShouldBe(AttemptOutcome.SoldOut);
        ledger.Remaining.ShouldBe(1);
        ledger.Decide(0, 1, Now).ShouldBe(AttemptOutcome.Accepted);
    }

    [Theory]
    [InlineData(0, 2, AttemptOutcome.Accepted)]
    [InlineData(1, 1, AttemptOutcome.Accepted)]
    [InlineData(1, 2, AttemptOutcome.LimitReached)]
    [InlineData(2, 1, AttemptOutcome.LimitReached)]
    [InlineData(0, 3, AttemptOutcome.LimitReached)]
    public void A_buyer_never_holds_more_than_the_per_customer_limit(int held, int asked, AttemptOutcome expected)
    {
        var ledger = Ledger(quantity: 10, limit: 2);

        ledger.Decide(held, asked, Now).ShouldBe(expected);
        ledger.Claimed.ShouldBe(expected == AttemptOutcome.Accepted ? asked : 0);
    }

    [Fact]
    public void The_end_time_and_the_hosts_end_close_the_sale()
    {
        Ledger().Decide(0, 1, Now.AddMinutes(5)).ShouldBe(AttemptOutcome.Ended);
        Ledger().Decide(0, 1, Now.AddMinutes(5).AddTicks(-1)).ShouldBe(AttemptOutcome.Accepted);
        Ledger(ended: true).Decide(0, 1, Now).ShouldBe(AttemptOutcome.Ended);
    }

    [Fact]
    public void A_quantity_below_one_is_a_programming_error()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => Ledger().Decide(0, 0, Now));
    }
}
