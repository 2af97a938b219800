using System.ComponentModel.DataAnnotations;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Live.Draws;

public sealed class DrawOptions : IValidatableObject
{
    public const string Section = "Draws";

    /// <summary>How often each node closes draws whose time has passed: also how late, at most, winners are drawn.</summary>
    public TimeSpan CloseSweepInterval { get; set; } = TimeSpan.FromSeconds(2);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (CloseSweepInterval <= TimeSpan.Zero || CloseSweepInterval > TimeSpan.FromDays(1))
            yield return new("Draws:CloseSweepInterval must be positive and at most a day.", [nameof(CloseSweepInterval)]);
    }
}

/// <summary>
/// Closes lucky draws whose time has passed and draws their winners, on every node. The end time is stored with the
/// draw, so a draw started before a restart (or on a node that has gone) is still closed; nodes sweeping at once are
/// kept apart by <see cref="LuckyDrawService.CloseAsync"/> (row lock, then a status-and-version conditional update).
/// </summary>
public sealed class DrawCloseJob(IServiceScopeFactory scopes, IOptions<DrawOptions> options, TimeProvider clock, ILogger<DrawCloseJob> logger) : BackgroundService
{
    private const int BatchSize = 50;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await SweepAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Closing lucky draws failed; retrying after the sweep interval");
            }
            try
            {
                await Task.Delay(options.Value.CloseSweepInterval, clock, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass; returns how many draws this node drew.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        var draws = scope.ServiceProvider.GetRequiredService<LuckyDrawService>();
        var now = clock.GetUtcNow();
        var due = await db.LuckyDraws.IgnoreQueryFilters().AsNoTracking()
            .Where(d => d.Status == LuckyDrawStatus.Open && d.EndsAt <= now)
            .OrderBy(d => d.EndsAt).Select(d => d.Id).Take(BatchSize)
            .ToListAsync(cancellationToken);
        var drawn = 0;
        foreach (var id in due)
        {
            if (await draws.CloseAsync(id, cancellationToken)) drawn++;
        }
        return drawn;
    }
}
