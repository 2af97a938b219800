using LiveCross.Domain.Recommendations;

namespace LiveCross.Server.Recommendations;

/// <summary>
/// The model the feed reads. A model is immutable, so swapping the reference is the whole hand-over: a reader keeps
/// the model it took for its whole request, and a retrain never makes a reader wait.
/// </summary>
public sealed class ServedRecommendations(RecommendationModel initial)
{
    private RecommendationModel _current = initial;

    public RecommendationModel Current => Volatile.Read(ref _current);

    public void Replace(RecommendationModel model) => Volatile.Write(ref _current, model);
}
