namespace LiveCross.Domain.Recommendations;

/// <summary>Everything that shapes training and serving. The defaults are the ones the offline evaluation reports.</summary>
public sealed record RecommenderSettings
{
    public FeedbackWeights Weights { get; init; } = FeedbackWeights.Default;
    public AlsSettings Als { get; init; } = new();

    /// <summary>An event's weight in popularity halves every this long.</summary>
    public TimeSpan PopularityHalfLife { get; init; } = TimeSpan.FromDays(7);

    /// <summary>In a shopper's own history, an item's pull on co-occurrence candidates halves every this long before their latest event.</summary>
    public TimeSpan HistoryHalfLife { get; init; } = TimeSpan.FromDays(3);

    public int NeighboursPerItem { get; init; } = 50;
    public int CoOccurrenceHistoryLimit { get; init; } = 100;

    /// <summary>How many top candidates of each source enter the blend.</summary>
    public int CandidatesPerSource { get; init; } = 200;

    /// <summary>Weights of the sources in weighted reciprocal-rank fusion: Σ weight / (<see cref="FusionRankOffset"/> + rank).</summary>
    public float AlsWeight { get; init; } = 1f;
    public float CoOccurrenceWeight { get; init; } = 1f;
    public float PopularityWeight { get; init; } = 0.3f;
    public float LiveWeight { get; init; } = 0.5f;
    public int FusionRankOffset { get; init; } = 60;

    /// <summary>Share of feed slots given to exploration (new or long-tail items), chosen by a generator seeded per shopper.</summary>
    public double ExplorationRate { get; init; } = 0.03;

    /// <summary>An item this young with few shoppers yet is new: it may take an exploration slot and the reserved new-item slot.</summary>
    public TimeSpan NewItemAge { get; init; } = TimeSpan.FromDays(3);
    public int NewItemMaxShoppers { get; init; } = 5;

    /// <summary>The zero-based feed position kept for a new item when one is eligible; null for none.</summary>
    public int? NewItemSlot { get; init; } = 9;

    /// <summary>A live session is shown while live and from this long before its start.</summary>
    public TimeSpan LiveStartingSoon { get; init; } = TimeSpan.FromHours(2);

    /// <summary>Leave out items the shopper already interacted with (a live session on air stays).</summary>
    public bool ExcludeSeen { get; init; } = true;

    public int Seed { get; init; } = 42;

    /// <summary>The first setting that is out of range, or null when all are usable.</summary>
    public string? Problem() =>
        Als.Factors is < 1 or > 1024 ? "Als.Factors must be between 1 and 1024."
        : Als.Iterations is < 0 or > 200 ? "Als.Iterations must be between 0 and 200."
        : Als.ConjugateGradientSteps is < 1 or > 64 ? "Als.ConjugateGradientSteps must be between 1 and 64."
        : Als.Regularization < 0 ? "Als.Regularization must not be negative."
        : PopularityHalfLife <= TimeSpan.Zero || HistoryHalfLife <= TimeSpan.Zero ? "Half-lives must be positive."
        : NeighboursPerItem < 1 || CoOccurrenceHistoryLimit < 2 || CandidatesPerSource < 1 ? "Neighbour, history and candidate counts must be positive."
        : ExplorationRate is < 0 or > 1 ? "ExplorationRate must be between 0 and 1."
        : FusionRankOffset < 0 ? "FusionRankOffset must not be negative."
        : null;
}
