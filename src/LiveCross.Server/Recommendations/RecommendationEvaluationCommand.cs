using System.Diagnostics;
using System.Globalization;
using LiveCross.Domain.Recommendations;

namespace LiveCross.Server.Recommendations;

/// <summary>
/// <c>recs eval [--users N] [--items N] [--seed S] [--factors F] [--iterations I] [--events FILE]</c>: generates data
/// (or reads the platform's real events from an event store file), trains on the first 80 % of it by time, prints the
/// evaluation table, ALS's seconds per iteration and whether the targets are met (exit 0 met, 1 missed, 2 bad
/// arguments). The bench's <c>recs</c> mode runs the same at about a million events.
/// </summary>
public static class RecommendationEvaluationCommand
{
    public const double BlendOverPopularityTarget = 1.5;
    public const double BlendOverItemToItemTarget = 1.0;
    public const double AlsSecondsPerMillionTarget = 2.2;

    public sealed record Arguments(int Users = 6000, int Items = 3000, int Seed = 1, int Factors = 64, int Iterations = 12, string? EventsFile = null);

    public const string Usage = """
        usage: recs eval [--users N] [--items N] [--seed S] [--factors F] [--iterations I] [--events FILE]
          Generates synthetic shoppers, items and events (deterministic by seed), trains popularity, item-to-item,
          ALS and the blend on the first 80 % of the events by time, and prints precision@10, recall@10, NDCG@10 and
          catalogue coverage for each on the last 20 %, with ALS's seconds per iteration. With --events, the same over
          the platform's real events in an event store file (data/events/events.duckdb, or a copy of it).
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
        if (arguments.EventsFile is { } file)
        {
            if (!File.Exists(file))
            {
                error.WriteLine($"recs eval: there is no event store file '{file}'.");
                return 2;
            }
            var (catalogue, interactions) = Feed.PlatformEvaluationData.Load(file);
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"read {interactions.Count:N0} events over {catalogue.Count:N0} items from the event store {file}"));
            if (interactions.Count == 0)
            {
                error.WriteLine("recs eval: the event store holds no events to evaluate on.");
                return 2;
            }
            return Evaluate(catalogue, interactions, arguments, output, cancellationToken);
        }
        return Evaluate(arguments, output, cancellationToken);
    }

    public static int Evaluate(Arguments arguments, TextWriter output, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var data = SyntheticInteractions.Generate(new SyntheticDataSettings { Users = arguments.Users, Items = arguments.Items, Seed = arguments.Seed });
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"generated {data.Interactions.Count:N0} events of {arguments.Users:N0} shoppers over {data.Catalogue.Count:N0} items (seed {arguments.Seed}) in {Stopwatch.GetElapsedTime(started).TotalSeconds:F1} s"));

        return Evaluate(data.Catalogue, data.Interactions, arguments, output, cancellationToken);
    }

    /// <summary>
    /// The same evaluation over any catalogue and events, e.g. the platform's own (read through
    /// <see cref="ICatalogueSource"/> and <see cref="IInteractionSource"/>) once those readers exist.
    /// </summary>
    public static int Evaluate(
        IReadOnlyList<CatalogItem> catalogue, IReadOnlyList<Interaction> interactions, Arguments arguments, TextWriter output,
        CancellationToken cancellationToken = default)
    {
        var defaults = new RecommenderSettings();
        var settings = defaults with { Als = defaults.Als with { Factors = arguments.Factors, Iterations = arguments.Iterations } };
        var iterations = new List<double>();
        var report = OfflineEvaluation.Run(catalogue, interactions, settings,
            onAlsIteration: iteration => iterations.Add(iteration.Duration.TotalSeconds), cancellationToken: cancellationToken);
        output.Write(report.ToTable());
        return PrintTargets(report, new AlsTiming(arguments.Factors, iterations, report.TrainNonZeros, report.TrainEvents), output) ? 0 : 1;
    }

    /// <summary>
    /// Prints ALS's speed and the targets; true when all are met. Speed is the mean iteration after the first (which
    /// includes JIT compilation), per million shopper-item pairs (the non-zero cells ALS sweeps; the stricter measure,
    /// since several events of a shopper on one item make one pair) and per million events.
    /// </summary>
    public static bool PrintTargets(EvaluationReport report, AlsTiming timing, TextWriter output)
    {
        var popularity = report[OfflineEvaluation.Popularity].Ndcg;
        var itemToItem = report[OfflineEvaluation.ItemToItem].Ndcg;
        var blend = report[OfflineEvaluation.Blend].Ndcg;
        var overPopularity = popularity == 0 ? double.PositiveInfinity : blend / popularity;
        var overItemToItem = itemToItem == 0 ? double.PositiveInfinity : blend / itemToItem;
        var alsMet = timing.SecondsPerMillionPairs <= AlsSecondsPerMillionTarget;
        output.WriteLine(timing.ToString());
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"targets: blend NDCG@10 {overPopularity:F2}× popularity (≥ {BlendOverPopularityTarget}) {Verdict(overPopularity >= BlendOverPopularityTarget)}; {overItemToItem:F2}× item-to-item (≥ {BlendOverItemToItemTarget}) {Verdict(overItemToItem >= BlendOverItemToItemTarget)}; ALS {timing.SecondsPerMillionPairs:F2} s per iteration per 1M pairs (≤ {AlsSecondsPerMillionTarget}) {Verdict(alsMet)}"));
        return overPopularity >= BlendOverPopularityTarget && overItemToItem >= BlendOverItemToItemTarget && alsMet;
    }

    private static string Verdict(bool met) => met ? "met" : "MISSED";

    private static bool TryParse(string[] args, Arguments defaults, out Arguments arguments, out string problem)
    {
        arguments = defaults;
        problem = "";
        for (var n = 0; n < args.Length; n += 2)
        {
            if (args[n] == "--events")
            {
                if (n + 1 >= args.Length || string.IsNullOrWhiteSpace(args[n + 1]))
                {
                    problem = "--events needs the path of an event store file.";
                    return false;
                }
                arguments = arguments with { EventsFile = args[n + 1] };
                continue;
            }
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

/// <summary>Seconds of each ALS iteration over a matrix of <paramref name="Pairs"/> shopper-item pairs made from <paramref name="Events"/> events.</summary>
public sealed record AlsTiming(int Factors, IReadOnlyList<double> IterationSeconds, int Pairs, int Events)
{
    public double SteadySeconds => IterationSeconds.Count > 1 ? IterationSeconds.Skip(1).Average() : IterationSeconds.DefaultIfEmpty(0).Average();
    public double SecondsPerMillionPairs => Pairs == 0 ? 0 : SteadySeconds / (Pairs / 1e6);
    public double SecondsPerMillionEvents => Events == 0 ? 0 : SteadySeconds / (Events / 1e6);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"ALS, {Factors} factors, {Pairs:N0} pairs from {Events:N0} events, {Environment.ProcessorCount} cores: {SteadySeconds:F3} s per iteration (first {(IterationSeconds.Count > 0 ? IterationSeconds[0] : 0):F3} s) = {SecondsPerMillionPairs:F3} s per 1M pairs, {SecondsPerMillionEvents:F3} s per 1M events");
}
