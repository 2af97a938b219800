using System.Globalization;
using LiveCross.Domain.Recommendations;
using LiveCross.Server.Recommendations;

namespace LiveCross.Bench;

/// <summary>
/// <c>recs [--users N] [--items N] [--seed S] [--factors F] [--iterations I]</c>: implicit ALS trained on about a
/// million generated events (all of them, timed per iteration), then the offline evaluation table on the same data
/// (trained on the first 80 % by time). Exit 0 when the targets are met, 1 when one is missed.
/// </summary>
public static class RecommendationBenchmark
{
    public static int Run(string[] args, CancellationToken cancellationToken)
    {
        var users = Option(args, "--users", 15_000);
        var items = Option(args, "--items", 6_000);
        var seed = Option(args, "--seed", 1);
        var factors = Option(args, "--factors", 64);
        var iterations = Option(args, "--iterations", 6);

        var data = SyntheticInteractions.Generate(new SyntheticDataSettings { Users = users, Items = items, Seed = seed });
        Console.WriteLine($"generated {data.Interactions.Count:N0} events of {users:N0} shoppers over {data.Catalogue.Count:N0} items (seed {seed})");

        var index = data.Catalogue.Select((item, n) => (item.Key, n)).ToDictionary(p => p.Key, p => p.n, StringComparer.Ordinal);
        var weights = FeedbackWeights.Default;
        var matrix = InteractionMatrix.Build(data.Interactions, index, weights);
        var seconds = new List<double>();
        ImplicitAls.Train(matrix, weights, new AlsSettings { Factors = factors, Iterations = iterations }, seed,
            iteration =>
            {
                seconds.Add(iteration.Duration.TotalSeconds);
                Console.WriteLine($"  ALS iteration {iteration.Number}: {iteration.Duration.TotalSeconds:F3} s");
            }, cancellationToken);
        var timing = new AlsTiming(factors, seconds, matrix.NonZeros, matrix.EventCount);

        var defaults = new RecommenderSettings();
        var report = OfflineEvaluation.Run(data.Catalogue, data.Interactions, defaults with { Als = defaults.Als with { Factors = factors } }, cancellationToken: cancellationToken);
        Console.Write(report.ToTable());
        return RecommendationEvaluationCommand.PrintTargets(report, timing, Console.Out) ? 0 : 1;
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0) return fallback;
        if (at + 1 < args.Length && int.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value > 0) return value;
        throw new BenchmarkException($"{name} needs a positive whole number.");
    }
}
