using System.Diagnostics;
using LiveCross.Domain.Recommendations;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Recommendations;

/// <summary>
/// Trains the recommender from the event and catalogue sources when the host starts and then every
/// <see cref="RecommendationsOptions.RetrainInterval"/>, off the request threads, and swaps the served model when done.
/// A failed training is logged and the previous model stays in service.
/// </summary>
public sealed class RecommendationRetrainer(
    ServedRecommendations served, IInteractionSource interactions, ICatalogueSource catalogue,
    IOptions<RecommendationsOptions> options, TimeProvider clock, ILogger<RecommendationRetrainer> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RetrainAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Training the recommender failed; the previous model stays in service");
            }
            try
            {
                await Task.Delay(options.Value.RetrainInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    // Trainings run one at a time, so a later one (with newer events) can never be overtaken and replaced by an earlier one.
    private readonly SemaphoreSlim _training = new(1, 1);

    /// <summary>One training from the sources as they are now; returns the model it put in service.</summary>
    public async Task<RecommendationModel> RetrainAsync(CancellationToken cancellationToken)
    {
        await _training.WaitAsync(cancellationToken);
        try
        {
            return await TrainAsync(cancellationToken);
        }
        finally
        {
            _training.Release();
        }
    }

    private async Task<RecommendationModel> TrainAsync(CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var now = clock.GetUtcNow();
        var items = await catalogue.ReadAsync(cancellationToken);
        var events = new List<Interaction>();
        await foreach (var interaction in interactions.ReadSinceAsync(now - options.Value.LookBack, cancellationToken))
        {
            if (interaction.OccurredAt <= now) events.Add(interaction);
        }
        var settings = options.Value.ToSettings();
        var model = await Task.Run(() => RecommendationModel.Train(items, events, settings, now, cancellationToken: cancellationToken), cancellationToken);
        served.Replace(model);
        logger.LogInformation(
            "Recommender trained on {Events} events of {Shoppers} shoppers over {Items} items in {Seconds:F1} s",
            model.Interactions, model.Shoppers, model.Items, Stopwatch.GetElapsedTime(started).TotalSeconds);
        return model;
    }

    public override void Dispose()
    {
        _training.Dispose();
        base.Dispose();
    }
}
