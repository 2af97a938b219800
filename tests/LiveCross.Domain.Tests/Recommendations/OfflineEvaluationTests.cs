using LiveCross.Domain.Recommendations;

namespace LiveCross.Domain.Tests.Recommendations;

public sealed class OfflineEvaluationTests
{
    [Fact]
    public void On_generated_data_als_and_the_blend_recover_the_planted_tastes_better_than_popularity()
    {
        var data = SyntheticInteractions.Generate(new SyntheticDataSettings { Users = 1500, Items = 800, Seed = 11 });
        var settings = new RecommenderSettings { Als = new AlsSettings { Factors = 32, Iterations = 8, Regularization = 20f } };

        var report = OfflineEvaluation.Run(data.Catalogue, data.Interactions, settings, cancellationToken: TestContext.Current.CancellationToken);

        report.EvaluatedShoppers.ShouldBeGreaterThan(500);
        var popularity = report[OfflineEvaluation.Popularity].Ndcg;
        report[OfflineEvaluation.Als].Ndcg.ShouldBeGreaterThan(1.5 * popularity);
        report[OfflineEvaluation.Blend].Ndcg.ShouldBeGreaterThan(1.5 * popularity);
        report[OfflineEvaluation.Blend].Coverage.ShouldBeGreaterThan(report[OfflineEvaluation.Popularity].Coverage);
        report.ToTable().ShouldContain("NDCG@10");
    }

    [Fact]
    public void The_generator_is_long_tailed_respects_markets_and_makes_purchases_rarer_than_views()
    {
        var data = SyntheticInteractions.Generate(new SyntheticDataSettings { Users = 800, Items = 500, Seed = 5 });
        var catalogue = data.Catalogue.ToDictionary(c => c.Key);

        data.Interactions.ShouldAllBe(i => catalogue[i.ItemKey].Markets.Contains(i.Market!));
        data.Interactions.ShouldAllBe(i => i.OccurredAt >= catalogue[i.ItemKey].CreatedAt);
        var perItem = data.Interactions.GroupBy(i => i.ItemKey).Select(g => g.Select(i => i.UserKey).Distinct().Count()).OrderDescending().ToArray();
        perItem.Take(perItem.Length / 10).Sum().ShouldBeGreaterThan(perItem.Sum() / 3); // the top 10 % of items hold over a third of the shoppers
        var purchases = data.Interactions.Count(i => i.Type == InteractionType.PaymentSuccess);
        var views = data.Interactions.Count(i => i.Type is InteractionType.ViewStart or InteractionType.ProductView);
        purchases.ShouldBeGreaterThan(0);
        purchases.ShouldBeLessThan(views / 10);
    }
}
