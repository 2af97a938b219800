using LiveCross.Domain.Live;
using LiveCross.Server.Catalog;
using LiveCross.Server.Live.Sessions;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Live.Replays;

/// <summary>
/// A VoltWave session from yesterday, now a replay of the 6-second demo video with three products pinned along it, so
/// the live pages have a replay to show. Runs when demo data is on, the demo video exists and no replay exists yet.
/// </summary>
public static class DemoReplay
{
    private static readonly double[] PinSeconds = [0.5, 2.5, 4.5];

    public static async Task<bool> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var video = services.GetRequiredService<LivePlayback>().DemoVideoPath;
        if (!File.Exists(video)) return false;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        if (await db.LiveReplays.AnyAsync(cancellationToken)) return false;
        var seller = await db.Sellers.FirstOrDefaultAsync(s => s.Slug == DemoSeeder.ElectronicsSlug, cancellationToken);
        var host = await db.Users.FirstOrDefaultAsync(u => u.Email == DemoAccounts.Seller1, cancellationToken);
        if (seller is null || host is null) return false;
        var products = await db.Products.Where(p => p.SellerId == seller.Id && p.Status == ProductStatus.Active)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Select(p => p.Id).Take(PinSeconds.Length).ToListAsync(cancellationToken);
        if (products.Count == 0) return false;

        double duration;
        try
        {
            duration = await ReplayVideo.DurationAsync(video, TimeSpan.FromMinutes(1), cancellationToken);
        }
        catch (ReplayFailedException)
        {
            return false;
        }
        var secret = await services.GetRequiredService<LiveSecrets>().StreamKeyHashKeyAsync(cancellationToken);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var started = now.AddDays(-1);
        var actor = $"account:{host.Id}";
        var session = new LiveSession { SellerId = seller.Id, HostAccountId = host.Id, ScheduledStart = started, StreamKeyHash = "", StreamKeyHint = "" };
        session.SetStreamKey(StreamKeys.New(), secret);
        session.Titles.AddRange(new[] { ("en", "Replay: VoltWave charger showdown"), ("de", "Wiederholung: VoltWave Ladegeräte im Vergleich"), ("zh-Hans", "回放：VoltWave 充电器大比拼") }
            .Select(t => new LiveSessionTitle { SessionId = session.Id, Locale = t.Item1, Title = t.Item2 }));
        session.Markets.AddRange(new[] { "DE", "FR", "GB", "US", "JP", "AU" }.Select(m => new LiveSessionMarket { SessionId = session.Id, MarketCode = m }));
        session.Products.AddRange(products.Select((p, i) => new LiveSessionProduct { SessionId = session.Id, Position = i, ProductId = p }));
        session.Apply(LiveSessionStateMachine.GoLive(session.Status, actor, started, "The host went live from the console (demo data)."));
        var ended = started.AddSeconds(duration);
        session.Apply(LiveSessionStateMachine.End(session.Status, actor, ended, "The host ended the session (demo data)."));
        session.Apply(LiveSessionStateMachine.PublishReplay(session.Status, ReplayJob.Actor, ended.AddSeconds(1), "The replay video is ready."));
        db.LiveSessions.Add(session);
        for (var i = 0; i < products.Count; i++)
        {
            var at = started.AddSeconds(PinSeconds[i]);
            db.LivePins.Add(new LivePin { SessionId = session.Id, ProductId = products[i], PinnedBy = host.Id, PinnedAt = at, UnpinnedAt = i + 1 < products.Count ? started.AddSeconds(PinSeconds[i + 1]) : null });
        }
        db.LiveReplays.Add(new LiveReplay
        {
            SessionId = session.Id,
            Source = ReplaySource.DemoVideo,
            Status = ReplayStatus.Ready,
            RecordingStartedAt = started,
            VideoUrl = LivePlayback.DemoVideoUrl,
            DurationSeconds = Math.Round(duration, 3),
            Attempts = 1,
            NextAttemptAt = ended,
        });
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
