using System.ComponentModel.DataAnnotations;
using LiveCross.Domain.Recommendations;

namespace LiveCross.Server.Recommendations;

/// <summary>The recommender's settings (section <c>Recommendations</c>); the rest of the engine's knobs keep their tuned defaults.</summary>
public sealed class RecommendationsOptions : IValidatableObject
{
    public const string Section = "Recommendations";

    /// <summary>How often the model is trained again from the events; the first training starts with the host.</summary>
    public TimeSpan RetrainInterval { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>How far back events are read for training.</summary>
    public TimeSpan LookBack { get; set; } = TimeSpan.FromDays(90);

    public int Factors { get; set; } = 64;
    public int Iterations { get; set; } = 12;
    public float Regularization { get; set; } = 20f;
    public double ExplorationRate { get; set; } = 0.03;
    public TimeSpan PopularityHalfLife { get; set; } = TimeSpan.FromDays(7);
    public int Seed { get; set; } = 42;

    /// <summary>Cores a retrain may use; by default one, so training never takes the whole machine from the requests.</summary>
    public int TrainingThreads { get; set; } = 1;

    public RecommenderSettings ToSettings()
    {
        var defaults = new RecommenderSettings();
        return defaults with
        {
            Seed = Seed,
            ExplorationRate = ExplorationRate,
            PopularityHalfLife = PopularityHalfLife,
            Als = defaults.Als with
            {
                Factors = Factors,
                Iterations = Iterations,
                Regularization = Regularization,
                MaxDegreeOfParallelism = TrainingThreads,
            },
        };
    }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (RetrainInterval < TimeSpan.FromSeconds(1) || RetrainInterval > TimeSpan.FromDays(7))
            yield return new("Recommendations:RetrainInterval must be from 1 second to 7 days.", [nameof(RetrainInterval)]);
        if (LookBack <= TimeSpan.Zero || LookBack > TimeSpan.FromDays(3650))
            yield return new("Recommendations:LookBack must be positive and at most 10 years.", [nameof(LookBack)]);
        if (TrainingThreads is < 1 or > 256) yield return new("Recommendations:TrainingThreads must be from 1 to 256.", [nameof(TrainingThreads)]);
        if (ToSettings().Problem() is { } problem) yield return new($"Recommendations: {problem}", [nameof(Factors)]);
    }
}
