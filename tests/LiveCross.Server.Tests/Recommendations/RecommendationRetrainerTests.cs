using LiveCross.Domain.Recommendations;
using LiveCross.Server.Recommendations;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Tests.Recommendations;

public sealed class RecommendationRetrainerTests
{
    private static readonly RecommendationsOptions Options = new() { Factors = 16, Iterations = 4 };

    /// <summary>Generated data whose item keys carry a generation prefix, so a feed shows which model answered it.</summary>
    private static (CatalogItem[] Catalogue, Interaction[] Interactions) Generation(string prefix, int seed)
    {
        var data = SyntheticInteractions.Generate(new SyntheticDataSettings { Users = 300, Items = 200, Seed = seed, Start = DateTimeOffset.UtcNow.AddDays(-50) });
        return (
            [.. data.Catalogue.Select(c => c with { Key = prefix + c.Key })],
            [.. data.Interactions.Select(i => i with { ItemKey = prefix + i.ItemKey })]);
    }

    private static (RecommendationRetrainer Retrainer, ServedRecommendations Served, InMemoryInteractionSource Events, InMemoryCatalogueSource Catalogue) Retrainer()
    {
        var served = new ServedRecommendations(RecommendationModel.Empty(Options.ToSettings()));
        var events = new InMemoryInteractionSource();
        var catalogue = new InMemoryCatalogueSource();
        var retrainer = new RecommendationRetrainer(served, events, catalogue, Microsoft.Extensions.Options.Options.Create(Options), TimeProvider.System, NullLogger<RecommendationRetrainer>.Instance);
        return (retrainer, served, events, catalogue);
    }

    [Fact]
    public async Task A_retrain_puts_a_model_of_the_sources_in_service()
    {
        var (retrainer, served, events, catalogue) = Retrainer();
        var (items, interactions) = Generation("a-", 1);
        served.Current.Recommend(new FeedRequest("u1", "US", 10, DateTimeOffset.UtcNow)).ShouldBeEmpty();

        catalogue.Replace(items);
        events.Replace(interactions);
        var model = await retrainer.RetrainAsync(TestContext.Current.CancellationToken);

        served.Current.ShouldBeSameAs(model);
        model.Interactions.ShouldBe(interactions.Length);
        model.Knows("u1").ShouldBeTrue();
        served.Current.Recommend(new FeedRequest("u1", "US", 10, DateTimeOffset.UtcNow)).Count.ShouldBe(10);
    }

    [Fact]
    public async Task Readers_keep_getting_whole_answers_from_one_model_while_retrains_swap_it()
    {
        var (retrainer, served, events, catalogue) = Retrainer();
        var generations = new[] { Generation("a-", 1), Generation("b-", 2) };
        catalogue.Replace(generations[0].Catalogue);
        events.Replace(generations[0].Interactions);
        await retrainer.RetrainAsync(TestContext.Current.CancellationToken);

        using var done = new CancellationTokenSource();
        var duringRetrain = 0;
        var retraining = 0;
        var seen = new System.Collections.Concurrent.ConcurrentDictionary<string, int>();
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            for (var n = 0; n < 200_000 && !done.IsCancellationRequested; n++)
            {
                var feed = served.Current.Recommend(new FeedRequest($"u{(n * 7 + r) % 300}", "US", 10, DateTimeOffset.UtcNow));
                var prefixes = feed.Select(f => f.ItemKey[..2]).Distinct().ToList();
                prefixes.Count.ShouldBe(1); // a whole page from one model, never a mix
                seen.AddOrUpdate(prefixes[0], 1, (_, count) => count + 1);
                if (Volatile.Read(ref retraining) == 1) Interlocked.Increment(ref duringRetrain);
            }
        }, TestContext.Current.CancellationToken)).ToArray();

        for (var round = 1; round <= 4; round++)
        {
            var (items, interactions) = generations[round % 2];
            catalogue.Replace(items);
            events.Replace(interactions);
            Volatile.Write(ref retraining, 1);
            await retrainer.RetrainAsync(TestContext.Current.CancellationToken);
            Volatile.Write(ref retraining, 0);
            var expected = round % 2 == 0 ? "a-" : "b-";
            served.Current.Recommend(new FeedRequest("u3", "US", 10, DateTimeOffset.UtcNow)).ShouldAllBe(f => f.ItemKey.StartsWith(expected, StringComparison.Ordinal));
        }
        await done.CancelAsync();
        await Task.WhenAll(readers);

        seen.Keys.ShouldBe(["a-", "b-"], ignoreOrder: true);
        duringRetrain.ShouldBeGreaterThan(0); // pages were served while a model was being trained
    }

    [Fact]
    public void Recs_eval_refuses_bad_arguments_with_the_reason_and_runs_a_small_evaluation()
    {
        using var output = new StringWriter();
        using var error = new StringWriter();

        RecommendationEvaluationCommand.Run(["eval", "--users", "many"], output, error, cancellationToken: TestContext.Current.CancellationToken).ShouldBe(2);
        error.ToString().ShouldContain("--users needs a whole number");
        RecommendationEvaluationCommand.Run(["eval", "--colour", "3"], output, error, cancellationToken: TestContext.Current.CancellationToken).ShouldBe(2);
        error.ToString().ShouldContain("unknown option '--colour'");
        RecommendationEvaluationCommand.Run(["train"], output, error, cancellationToken: TestContext.Current.CancellationToken).ShouldBe(2);

        var exit = RecommendationEvaluationCommand.Run(["eval", "--users", "400", "--items", "200", "--factors", "8", "--iterations", "3"], output, error, cancellationToken: TestContext.Current.CancellationToken);

        exit.ShouldBeOneOf(0, 1);
        var table = output.ToString();
        foreach (var method in new[] { "popularity", "item-to-item", "als", "blend", "NDCG@10", "targets:" }) table.ShouldContain(method);
    }

    [Fact]
    public void Settings_out_of_range_stop_the_start_with_the_setting_named()
    {
        var options = new RecommendationsOptions { Factors = 0, RetrainInterval = TimeSpan.Zero };

        var problems = options.Validate(new System.ComponentModel.DataAnnotations.ValidationContext(options)).Select(p => p.ErrorMessage).ToList();

        problems.ShouldContain(p => p!.Contains("RetrainInterval"));
        problems.ShouldContain(p => p!.Contains("Factors"));
    }
}
