using LiveCross.Domain.Live;

namespace LiveCross.Domain.Tests.Live;

public sealed class LuckyDrawFairnessTests
{
    // Bytes 01 02 … 20: the worked example of docs/lucky-draw-fairness.md. The expected figures below were computed by
    // the Python reference in that document (hashlib/hmac), not by this code.
    private static readonly byte[] Seed = Convert.FromHexString("0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
    private const string SeedHex = "0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20";
    private const string Commitment = "ae216c2ef5247a3782c135efa279a3e4cdc61094270f5d2be58c6204b7a612c9";

    private static string Id(char digit) => $"{new string(digit, 8)}-{new string(digit, 4)}-{new string(digit, 4)}-{new string(digit, 4)}-{new string(digit, 12)}";

    private static readonly string[] Entrants = [Id('1'), Id('2'), Id('3'), Id('4'), Id('5')];

    [Fact]
    public void The_commitment_is_the_hex_SHA256_of_the_seed()
    {
        LuckyDrawFairness.Commitment(Seed).ShouldBe(Commitment);
    }

    [Fact]
    public void The_entrants_are_published_distinct_and_in_ordinal_order()
    {
        LuckyDrawFairness.Canonical([Id('5'), Id('3'), Id('1'), Id('3'), Id('4'), Id('2')]).ShouldBe(Entrants);
        LuckyDrawFairness.Canonical(["b", "B", "a"]).ShouldBe(["B", "a", "b"]);
    }

    [Fact]
    public void The_hand_checked_example_draws_the_expected_winners_through_the_expected_steps()
    {
        var outcome = LuckyDrawFairness.Draw(Seed, Entrants, 3);

        // pool 1 2 3 4 5: winner 0 takes index 3 (swap 1↔4) → 4 2 3 1 5; winner 1 takes index 0 → 2; winner 2 takes
        // index 2 of the remaining 3 (swap 3↔5) → 4 2 5 1 3.
        outcome.Winners.ShouldBe([Id('4'), Id('2'), Id('5')]);
        outcome.Steps.Select(s => (s.Message, s.Value, s.Remaining, s.Index)).ShouldBe(
        [
            ("winner:0:0", 18007306179697213748UL, 5, (int?)3),
            ("winner:1:0", 16799274357823957904UL, 4, (int?)0),
            ("winner:2:0", 16035067951008263756UL, 3, (int?)2),
        ]);
        outcome.Steps[0].Hmac.ShouldBe("f9e6cd904a8c8134e1faf24446bb648f51bf01258626159d0b9d21e5f2bd58f7");
    }

    [Fact]
    public void The_same_seed_and_entrants_always_draw_the_same_winners_and_never_one_twice()
    {
        var many = Enumerable.Range(0, 200).Select(i => Guid.CreateVersion7().ToString()).ToList();
        var sorted = LuckyDrawFairness.Canonical(many);
        var seed = LuckyDrawFairness.NewSeed();

        var first = LuckyDrawFairness.Draw(seed, sorted, 20);
        var second = LuckyDrawFairness.Draw(seed, sorted, 20);

        first.Winners.ShouldBe(second.Winners);
        first.Winners.Distinct().Count().ShouldBe(20);
        first.Winners.ShouldAllBe(w => many.Contains(w));
        LuckyDrawFairness.Draw(seed, sorted, 500).Winners.Count.ShouldBe(200, "more winners than entrants: everyone wins once");
        LuckyDrawFairness.Draw(seed, [], 3).Winners.ShouldBeEmpty();
    }

    [Fact]
    public void Verification_of_the_hand_checked_example_succeeds()
    {
        var result = LuckyDrawFairness.Verify(SeedHex, Commitment, Entrants, 3, [Id('4'), Id('2'), Id('5')]);

        result.Valid.ShouldBeTrue(string.Join("; ", result.Problems));
        result.Problems.ShouldBeEmpty();
    }

    [Fact]
    public void A_changed_seed_fails_verification_on_the_commitment()
    {
        var other = "02" + SeedHex[2..];

        var result = LuckyDrawFairness.Verify(other, Commitment, Entrants, 3, [Id('4'), Id('2'), Id('5')]);

        result.Valid.ShouldBeFalse();
        result.CommitmentMatches.ShouldBeFalse();
    }

    [Fact]
    public void A_changed_entrant_list_fails_verification()
    {
        // One entrant dropped: the commitment still matches, but the same seed now picks other winners.
        var dropped = LuckyDrawFairness.Verify(SeedHex, Commitment, [Id('1'), Id('2'), Id('4'), Id('5')], 3, [Id('4'), Id('2'), Id('5')]);
        // Out of order: not the canonical list.
        var shuffled = LuckyDrawFairness.Verify(SeedHex, Commitment, [Id('2'), Id('1'), Id('3'), Id('4'), Id('5')], 3, [Id('4'), Id('2'), Id('5')]);
        // Winners claimed in another order.
        var reordered = LuckyDrawFairness.Verify(SeedHex, Commitment, Entrants, 3, [Id('2'), Id('4'), Id('5')]);

        dropped.Valid.ShouldBeFalse();
        dropped.CommitmentMatches.ShouldBeTrue();
        dropped.WinnersMatch.ShouldBeFalse();
        shuffled.Valid.ShouldBeFalse();
        shuffled.EntrantsCanonical.ShouldBeFalse();
        reordered.Valid.ShouldBeFalse();
        reordered.WinnersMatch.ShouldBeFalse();
    }

    [Theory]
    [InlineData("")]
    [InlineData("not hex")]
    [InlineData("0102")]
    public void A_malformed_seed_is_invalid_not_an_error(string seed)
    {
        var result = LuckyDrawFairness.Verify(seed, Commitment, Entrants, 3, []);

        result.Valid.ShouldBeFalse();
        result.Problems.ShouldNotBeEmpty();
    }

    [Fact]
    public void The_index_function_has_no_modulo_bias()
    {
        // 4-bit values (16 of them) over 3 entrants: 16 mod 3 = 1, so exactly one value (15) must be rejected and
        // each index must come from exactly 5 values. A plain "value % 3" would give index 0 six times.
        var hits = new int[3];
        var rejected = new List<ulong>();
        for (ulong v = 0; v < 16; v++)
        {
            if (LuckyDrawFairness.TryIndex(v, 4, 3, out var index)) hits[index]++;
            else rejected.Add(v);
        }

        hits.ShouldBe([5, 5, 5]);
        rejected.ShouldBe([15UL]);
    }

    [Theory]
    [InlineData(3, 1)]
    [InlineData(7, 2)]
    [InlineData(1000, 616)]
    [InlineData(1, 0)]
    [InlineData(2, 0)]
    public void Only_the_top_2_to_the_64_mod_n_values_are_rejected_at_64_bits(int bound, int rejectedCount)
    {
        // 2^64 mod n: 3 → 1, 7 → 2, 1000 → 616, powers of two → 0.
        var edge = ulong.MaxValue - (ulong)rejectedCount;
        LuckyDrawFairness.TryIndex(edge, 64, bound, out var index).ShouldBeTrue();
        index.ShouldBe((int)(edge % (ulong)bound));
        if (rejectedCount > 0) LuckyDrawFairness.TryIndex(edge + 1, 64, bound, out _).ShouldBeFalse();
        LuckyDrawFairness.TryIndex(ulong.MaxValue, 64, bound, out _).ShouldBe(rejectedCount == 0);
    }
}

public sealed class DrawEntryRuleTests
{
    [Fact]
    public void Watching_qualifies_from_the_rules_number_of_seconds()
    {
        var rule = DrawEntryRule.Watch(60);

        rule.IsMetBy(new EntryEvidence.Watched(59)).ShouldBeFalse();
        rule.IsMetBy(new EntryEvidence.Watched(60)).ShouldBeTrue();
        rule.IsMetBy(new EntryEvidence.Chat("60")).ShouldBeFalse();
    }

    [Theory]
    [InlineData("Lucky ME please", true)]
    [InlineData("lucky   me", true)]
    [InlineData("ＬＵＣＫＹ ＭＥ", true)]
    [InlineData("luckyme", false)]
    [InlineData("lucky you", false)]
    public void A_chat_message_qualifies_when_it_holds_the_phrase_ignoring_case_width_and_spacing(string message, bool qualifies)
    {
        DrawEntryRule.Post("Lucky me").IsMetBy(new EntryEvidence.Chat(message)).ShouldBe(qualifies);
    }

    [Fact]
    public void A_phrase_in_Chinese_qualifies_inside_a_longer_message()
    {
        DrawEntryRule.Post("好运来").IsMetBy(new EntryEvidence.Chat("主播 好运来!!")).ShouldBeTrue();
        DrawEntryRule.Post("好运来").IsMetBy(new EntryEvidence.Watched(3600)).ShouldBeFalse();
    }
}
