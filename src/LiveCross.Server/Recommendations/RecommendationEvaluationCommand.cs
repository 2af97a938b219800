using System.Diagnostics;
using System.Globalization;
using LiveCross.Domain.Recommendations;

namespace LiveCross.Server.Recommendations;

/// <summary>
/// <c>recs eval [--users N] [--items N] [--seed S] [--factors F] [--iterations I]</c>: generates data, trains on the
/// first 80 % of it by time, prints the evaluation table, ALS's seconds per iteration and whether the targets
/// are met (exit 0 met, 1 missed, 2 bad arguments). The bench's <c>recs</c> mode runs the same at about a million events.
/// </summary>
public static class RecommendationEvaluationCommand
{
    public const double BlendOverPopularityTarget = 1.5;
    public const double BlendOverItemToItemTarget = 1.0;
    public const double AlsSecondsPerMillionTarget = 2.2;

    public sealed record Arguments(int Users = 6000, int Items = 3000, int Seed = 1, int Factors = 64, int Iterations = 12);

    public const string Usage = """
        usage: recs eval [--users N] [--items N] [--seed S] [--factors F] [--iterations I]
          Generates synthetic shoppers, items and events (deterministic by seed), trains popularity, item-to-item,
          ALS and the blend on the first 80 % of the events by time, and prints precision@10, recall@10, NDCG@10 and
          catalogue coverage for each on the last 20 %, with ALS's seconds per iteration.
        """;

    /// <summary>Runs <c>recs …</c> from the command line; returns the exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error, Arguments? defaults = null, CancellationToken cancellationToken = default)
    {
        if (args is not ["eval", .. var rest])
        {
            error.WriteLine(Usage);
            return 2;
        }
        if (!TryParse(rest, defaults ?? new Arguments(), out var arguments, out var problem))
        {
            error.WriteLine($"recs eval: {problem}");
            error.WriteLine(Usage);
            return 2;
        }
        return Evaluate(arguments, output, cancellationToken);
    }

    public static int Evaluate(Arguments arguments, TextWriter output, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var data = SyntheticInteractions.Generate(new SyntheticDataSettings { Users = arguments.Users, Items = arguments.Items, Seed = arguments.Seed });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated {data.Interactions.Count:N0} events of {arguments.Users:N0} shoppers over {data.Catalogue.Count:N0} items (seed {arguments.Seed}) in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));

        var defaults = new RecommenderSettings();
        var settings = defaults with { Als = defaults.Als with { Factors = arguments.Factors, Iterations = arguments.Iterations } };
        var iterations = new List<double>();
        var report = OfflineEvaluation.Run(data.Catalogue, data.Interactions, settings,
            onAlsIteration: iteration => iterations.Add(iteration.Duration.TotalSeconds), cancellationToken: cancellationToken);
        output.Write(report.ToTable());
        return PrintTargets(report, iterations, arguments.Factors, output) ? 0 : 1;
    }

    /// <summary>Prints ALS's speed and the targets; true when all are met. The first iteration (JIT) is shown apart.</summary>
    public static bool PrintTargets(EvaluationReport report, IReadOnlyList<double> iterationSeconds, int factors, TextWriter output)
    {
        var steady = iterationSeconds.Count > 1 ? iterationSeconds.Skip(1).Average() : iterationSeconds.DefaultIfEmpty(0).Average();
        var perMillionPairs = steady / (report.TrainNonZeros / 1e6);
        var perMillionEvents = steady / (report.TrainEvents / 1e6);
        var popularity = report[OfflineEvaluation.Popularity].Ndcg;
        var itemToItem = report[OfflineEvaluation.ItemToItem].Ndcg;
        var blend = report[OfflineEvaluation.Blend].Ndcg;
        var overPopularity = popularity == 0 ? double.PositiveInfinity : blend / popularity;
        var overItemToItem = itemToItem == 0 ? double.PositiveInfinity : blend / itemToItem;
        var alsMet = perMillionPairs <= AlsSecondsPerMillionTarget;
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"ALS, {factors} factors, {Environment.ProcessorCount} cores: {steady:F3} s per iteration (first {(iterationSeconds.Count > 0 ? iterationSeconds[0] : 0):F3} s) = {perMillionPairs:F3} s per 1M shopper-item pairs, {perMillionEvents:F3} s per 1M events"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"targets: blend NDCG@10 {overPopularity:F2}× popularity (≥ {BlendOverPopularityTarget}) {Verdict(overPopularity >= BlendOverPopularityTarget)}; {overItemToItem:F2}× item-to-item (≥ {BlendOverItemToItemTarget}) {Verdict(overItemToItem >= BlendOverItemToItemTarget)}; ALS {perMillionPairs:F2} s per iteration per 1M (≤ {AlsSecondsPerMillionTarget}) {Verdict(alsMet)}"));
        return overPopularity >= BlendOverPopularityTarget && overItemToItem >= BlendOverItemToItemTarget && alsMet;
    }

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static bool TryParse(string[] args, Arguments defaults, out Arguments arguments, out string problem)
    {
        arguments = defaults;
        problem = "";
        for (var n = 0; n < args.Length; n += 2)
        {
            if (n + 1 >= args.Length || !int.TryParse(args[n + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                problem = $"{args[n]} needs a whole number.";
                return false;
            }
            switch (args[n])
            {
                case "--users" when value is >= 10 and <= 2_000_000: arguments = arguments with { Users = value }; break;
                case "--items" when value is >= 10 and <= 1_000_000: arguments = arguments with { Items = value }; break;
                case "--seed": arguments = arguments with { Seed = value }; break;
                case "--factors" when value is >= 1 and <= 1024: arguments = arguments with { Factors = value }; break;
                case "--iterations" when value is >= 1 and <= 200: arguments = arguments with { Iterations = value }; break;
                case "--users" or "--items" or "--factors" or "--iterations":
                    problem = $"{args[n]} {value} is out of range (users 10–2,000,000, items 10–1,000,000, factors 1–1024, iterations 1–200).";
                    return false;
                default:
                    problem = $"unknown option '{args[n]}'.";
                    return false;
            }
        }
        return true;
    }
}
