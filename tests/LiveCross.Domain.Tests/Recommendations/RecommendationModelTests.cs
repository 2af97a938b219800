using LiveCross.Domain.Recommendations;
using static LiveCross.Domain.Tests.Recommendations.RecommendationBuilders;

namespace LiveCross.Domain.Tests.Recommendations;

public sealed class RecommendationModelTests
{
    private static readonly SyntheticData Small = SyntheticInteractions.Generate(new SyntheticDataSettings { Users = 400, Items = 300, Seed = 3 });

    [Fact]
    public void The_same_data_and_seed_give_the_same_recommendations_twice()
    {
        var again = SyntheticInteractions.Generate(new SyntheticDataSettings { Users = 400, Items = 300, Seed = 3 });
        again.Interactions.ShouldBe(Small.Interactions);

        var first = RecommendationModel.Train(Small.Catalogue, Small.Interactions, Settings(), Small.End, cancellationToken: TestContext.Current.CancellationToken);
        var second = RecommendationModel.Train(again.Catalogue, again.Interactions, Settings(), again.End, cancellationToken: TestContext.Current.CancellationToken);

        foreach (var user in new[] { "u0", "u7", "u42", "u399", "someone-new" })
        {
            foreach (var market in new[] { "US", "DE", "JP" })
            {
                var request = new FeedRequest(user, market, 20, Small.End);
                second.Recommend(request).ShouldBe(first.Recommend(request));
            }
        }
        second.SimilarItems("v1", "US", 10, Small.End).ShouldBe(first.SimilarItems("v1", "US", 10, Small.End));
    }

    [Fact]
    public void A_different_seed_draws_different_exploration()
    {
        var settings = Settings() with { ExplorationRate = 0.5 };
        var first = RecommendationModel.Train(Small.Catalogue, Small.Interactions, settings, Small.End, cancellationToken: TestContext.Current.CancellationToken);
        var other = RecommendationModel.Train(Small.Catalogue, Small.Interactions, settings with { Seed = 7 }, Small.End, cancellationToken: TestContext.Current.CancellationToken);

        var pages = Enumerable.Range(0, 10).Select(u => new FeedRequest($"u{u}", "US", 20, Small.End)).ToList();
        pages.Select(p => other.Recommend(p).Select(r => r.ItemKey)).SelectMany(x => x)
            .ShouldNotBe(pages.Select(p => first.Recommend(p).Select(r => r.ItemKey)).SelectMany(x => x));
    }

    [Fact]
    public void Never_recommends_an_item_that_is_not_shown_in_the_shoppers_market()
    {
        var model = RecommendationModel.Train(Small.Catalogue, Small.Interactions, Settings() with { ExplorationRate = 0.3 }, Small.End, cancellationToken: TestContext.Current.CancellationToken);
        var shownIn = Small.Catalogue.ToDictionary(c => c.Key, c => c.Markets);

        foreach (var market in new[] { "US", "DE", "GB", "JP", "BR", "FR", "ID", "SA", "MX" })
        {
            foreach (var user in Enumerable.Range(0, 60).Select(u => $"u{u * 6}").Append("anonymous-1"))
            {
                var request = new FeedRequest(user, market, 30, Small.End);
                foreach (var recommendation in model.Recommend(request))
                {
                    shownIn[recommendation.ItemKey].ShouldContain(market);
                }
                foreach (var source in Enum.GetValues<RecommendationSource>())
                {
                    model.RecommendFrom(source, request).ShouldAllBe(r => shownIn[r.ItemKey].Contains(market));
                }
            }
            foreach (var item in Small.Catalogue.Take(40))
            {
                model.SimilarItems(item.Key, market, 10, Small.End).ShouldAllBe(r => shownIn[r.ItemKey].Contains(market));
            }
        }
    }

    [Fact]
    public void An_item_everyone_watched_but_blocked_in_a_market_is_not_shown_there_even_as_a_neighbour()
    {
        var catalogue = new[] { Item("hit", markets: ["DE"]), Item("a"), Item("b"), Item("c") };
        var interactions = Enumerable.Range(0, 30).SelectMany(u => Watched($"de{u}", "DE", "hit", "a", "b")).Concat(Watched("us", "US", "a")).ToList();
        var model = RecommendationModel.Train(catalogue, interactions, Settings(), Now, cancellationToken: TestContext.Current.CancellationToken);

        model.Recommend(new FeedRequest("us", "US", 10, Now)).Select(r => r.ItemKey).ShouldBe(["b", "c"], ignoreOrder: true);
        model.SimilarItems("a", "US", 10, Now).Select(r => r.ItemKey).ShouldNotContain("hit");
        model.SimilarItems("a", "DE", 10, Now).Select(r => r.ItemKey).ShouldContain("hit");
    }

    [Fact]
    public void A_new_shopper_gets_live_sessions_first_then_what_is_popular_in_their_market()
    {
        var catalogue = new[]
        {
            Item("de-favourite", markets: ["DE"]), Item("us-favourite", markets: ["US"]), Item("everywhere"),
            LiveSession("on-air", ["DE"], liveNow: true), LiveSession("soon", ["DE"], liveNow: false, startsIn: TimeSpan.FromMinutes(30)),
            LiveSession("next-week", ["DE"], liveNow: false, startsIn: TimeSpan.FromDays(7)), LiveSession("us-show", ["US"], liveNow: true),
        };
        var interactions = Enumerable.Range(0, 5).SelectMany(u => Watched($"de{u}", "DE", "de-favourite"))
            .Concat(Enumerable.Range(0, 9).SelectMany(u => Watched($"us{u}", "US", "us-favourite")))
            .Concat(Watched("de-late", "DE", "everywhere")).ToList();
        var model = RecommendationModel.Train(catalogue, interactions, Settings(), Now, cancellationToken: TestContext.Current.CancellationToken);

        model.Knows("stranger").ShouldBeFalse();
        var feed = model.Recommend(new FeedRequest("stranger", "DE", 10, Now)).Select(r => r.ItemKey).ToList();

        feed.ShouldBe(["on-air", "soon", "de-favourite", "everywhere"]);
        model.Recommend(new FeedRequest(null, "DE", 10, Now)).Select(r => r.ItemKey).ShouldBe(feed);
    }

    [Fact]
    public void A_new_item_gets_the_new_item_slot()
    {
        var catalogue = Enumerable.Range(0, 12).Select(n => Item($"old{n}")).Append(Item("brand-new", ageDays: 1)).ToArray();
        var interactions = Enumerable.Range(0, 12).SelectMany(n => Enumerable.Range(0, n + 1).SelectMany(u => Watched($"s{n}-{u}", "US", $"old{n}"))).ToList();
        var model = RecommendationModel.Train(catalogue, interactions, Settings() with { ExplorationRate = 0, NewItemSlot = 2 }, Now, cancellationToken: TestContext.Current.CancellationToken);

        var feed = model.Recommend(new FeedRequest("stranger", "US", 5, Now));

        feed[2].ItemKey.ShouldBe("brand-new");
        feed[2].Source.ShouldBe(RecommendationSource.NewItem);
        feed.Select(r => r.ItemKey).Where(k => k != "brand-new").ShouldBe(["old11", "old10", "old9", "old8"]);
    }

    [Fact]
    public void Items_the_shopper_already_watched_and_those_shown_on_earlier_pages_are_left_out()
    {
        var model = RecommendationModel.Train(Small.Catalogue, Small.Interactions, Settings(), Small.End, cancellationToken: TestContext.Current.CancellationToken);
        var user = Small.Interactions.GroupBy(i => i.UserKey).OrderByDescending(g => g.Count()).First();
        var market = user.Last().Market!;
        var seen = user.Select(i => i.ItemKey).ToHashSet();

        var first = model.Recommend(new FeedRequest(user.Key, market, 20, Small.End));
        var second = model.Recommend(new FeedRequest(user.Key, market, 20, Small.End, first.Select(r => r.ItemKey).ToHashSet(), Page: 1));

        first.Count.ShouldBe(20);
        first.Concat(second).ShouldAllBe(r => !seen.Contains(r.ItemKey));
        second.Select(r => r.ItemKey).Intersect(first.Select(r => r.ItemKey)).ShouldBeEmpty();
    }

    [Fact]
    public void Similar_items_are_the_ones_watched_together()
    {
        var catalogue = new[] { Item("dress"), Item("scarf"), Item("drill", "tools"), Item("saw", "tools") };
        var interactions = Enumerable.Range(0, 20).SelectMany(u => Watched($"f{u}", "US", "dress", "scarf"))
            .Concat(Enumerable.Range(0, 20).SelectMany(u => Watched($"t{u}", "US", "drill", "saw")))
            .Concat(Watched("odd", "US", "dress", "saw")).ToList();
        var model = RecommendationModel.Train(catalogue, interactions, Settings(), Now, cancellationToken: TestContext.Current.CancellationToken);

        model.SimilarItems("dress", "US", 1, Now).Single().ItemKey.ShouldBe("scarf");
        model.SimilarItems("drill", "US", 1, Now).Single().ItemKey.ShouldBe("saw");
        model.SimilarItems("unknown", "US", 5, Now).ShouldBeEmpty();
    }

    [Fact]
    public void An_empty_model_answers_with_nothing_rather_than_failing()
    {
        var model = RecommendationModel.Empty(new RecommenderSettings());

        model.Recommend(new FeedRequest("anyone", "DE", 10, Now)).ShouldBeEmpty();
        model.SimilarItems("v1", "DE", 10, Now).ShouldBeEmpty();
    }

    [Fact]
    public void Out_of_range_requests_and_settings_are_refused_with_the_reason()
    {
        var model = RecommendationModel.Empty(new RecommenderSettings());

        Should.Throw<ArgumentOutOfRangeException>(() => model.Recommend(new FeedRequest("a", "DE", 0, Now)));
        Should.Throw<ArgumentOutOfRangeException>(() => model.Recommend(new FeedRequest("a", "DE", RecommendationModel.MaxCount + 1, Now)));
        Should.Throw<ArgumentException>(() => model.Recommend(new FeedRequest("a", " ", 10, Now)));
        Should.Throw<ArgumentException>(() => RecommendationModel.Train([], [], new RecommenderSettings { ExplorationRate = 2 }, Now, cancellationToken: TestContext.Current.CancellationToken))
            .Message.ShouldContain("ExplorationRate");
    }
}
