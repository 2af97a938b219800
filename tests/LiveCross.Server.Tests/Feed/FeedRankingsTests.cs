using LiveCross.Domain.Recommendations;
using LiveCross.Server.Feed;

namespace LiveCross.Server.Tests.Feed;

public sealed class FeedRankingsTests
{
    [Fact]
    public void Keeps_at_most_its_limit_of_rankings_and_still_answers_every_shopper()
    {
        using var rankings = new FeedRankings();
        var shoppers = FeedRankings.MaxRankings + 5_000;
        for (var i = 0; i < shoppers; i++)
        {
            var key = $"client-{i}";
            var ranked = rankings.GetOrRank(("model", key, "DE"), () => [new Recommendation(key, ItemKind.Video, 1f, RecommendationSource.Popular)]);
            ranked.Single().ItemKey.ShouldBe(key);
        }
        rankings.Count.ShouldBeLessThanOrEqualTo(FeedRankings.MaxRankings);
    }

    [Fact]
    public void Answers_the_kept_ranking_for_the_same_shopper_instead_of_ranking_again()
    {
        using var rankings = new FeedRankings();
        var ranked = 0;
        IReadOnlyList<Recommendation> Rank()
        {
            ranked++;
            return [new Recommendation("item", ItemKind.Product, 1f, RecommendationSource.Popular)];
        }
        var first = rankings.GetOrRank(("model", "shopper", "DE"), Rank);
        rankings.GetOrRank(("model", "shopper", "DE"), Rank).ShouldBeSameAs(first);
        rankings.GetOrRank(("model", "shopper", "FR"), Rank).ShouldNotBeSameAs(first);
        ranked.ShouldBe(2);
    }
}
