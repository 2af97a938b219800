using LiveCross.Domain.Payments;

namespace LiveCross.Domain.Tests.Payments;

public sealed class SandboxCardsTests
{
    [Theory]
    [InlineData("4242 4242 4242 4242", SandboxCardOutcome.Succeeds)]
    [InlineData("4242424242424242", SandboxCardOutcome.Succeeds)]
    [InlineData("4242-4242-4242-4242", SandboxCardOutcome.Succeeds)]
    [InlineData("4000 0000 0000 0002", SandboxCardOutcome.Declined)]
    [InlineData("4000 0025 0000 3155", SandboxCardOutcome.NeedsAuthentication)]
    public void Test_card_numbers_have_their_outcome_however_they_are_typed(string number, SandboxCardOutcome expected) =>
        SandboxCards.OutcomeOf(number).ShouldBe(expected);

    [Theory]
    [InlineData("4242 4242 4242 4241")]
    [InlineData("5555 5555 5555 4444")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("4242 4242 4242 4242 0")]
    public void Any_other_number_is_an_unknown_test_card(string? number) =>
        SandboxCards.OutcomeOf(number).ShouldBe(SandboxCardOutcome.Unknown);

    [Fact]
    public void Numbers_are_shown_in_groups_of_four() =>
        SandboxCards.Grouped(SandboxCards.NeedsAuthentication).ShouldBe("4000 0025 0000 3155");
}
