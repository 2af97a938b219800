using LiveCross.Domain.Recommendations;

namespace LiveCross.Domain.Tests.Recommendations;

public sealed class RankingMetricsTests
{
    private static readonly string[] TenRecommended = ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"];
    private static readonly HashSet<string> Relevant = ["b", "e", "z"];

    [Fact]
    public void Precision_and_recall_at_10_count_the_hits_in_the_first_ten()
    {
        // b (rank 2) and e (rank 5) are hits; z was never recommended.
        RankingMetrics.PrecisionAt(10, TenRecommended, Relevant).ShouldBe(0.2, 1e-12);
        RankingMetrics.RecallAt(10, TenRecommended, Relevant).ShouldBe(2.0 / 3, 1e-12);
    }

    [Fact]
    public void Ndcg_at_10_discounts_hits_by_rank_against_the_ideal_order()
    {
        // DCG = 1/log2(3) + 1/log2(6) = 0.630930 + 0.386853 = 1.017783
        // IDCG (three relevant items at ranks 1..3) = 1 + 0.630930 + 0.5 = 2.130930
        RankingMetrics.NdcgAt(10, TenRecommended, Relevant).ShouldBe(1.017783 / 2.130930, 1e-6);
    }

    [Fact]
    public void Ndcg_is_one_when_every_relevant_item_leads_the_list()
    {
        RankingMetrics.NdcgAt(10, ["z", "e", "b", "a"], Relevant).ShouldBe(1.0, 1e-12);
    }

    [Fact]
    public void Only_the_first_k_count_and_a_short_list_still_divides_by_k()
    {
        RankingMetrics.PrecisionAt(3, ["b"], Relevant).ShouldBe(1.0 / 3, 1e-12);
        RankingMetrics.PrecisionAt(1, TenRecommended, Relevant).ShouldBe(0.0);
        RankingMetrics.RecallAt(5, TenRecommended, Relevant).ShouldBe(2.0 / 3, 1e-12);
        RankingMetrics.RecallAt(4, TenRecommended, Relevant).ShouldBe(1.0 / 3, 1e-12);
    }

    [Fact]
    public void Coverage_is_the_share_of_the_catalogue_in_any_top_k_list()
    {
        // {a, b} ∪ {b, c} = 3 distinct of a catalogue of 10; with k = 1 only a and b count.
        RankingMetrics.CoverageAt(10, [["a", "b"], ["b", "c"]], 10).ShouldBe(0.3, 1e-12);
        RankingMetrics.CoverageAt(1, [["a", "b"], ["b", "c"]], 10).ShouldBe(0.2, 1e-12);
    }
}
