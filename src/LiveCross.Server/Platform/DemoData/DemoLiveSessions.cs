using LiveCross.Domain.Live;
using LiveCross.Server.Catalog;
using LiveCross.Server.Live.Sessions;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Platform.DemoData;

/// <summary>
/// Two VoltWave sessions hosted by its demo staff: one live now (marked live by hand, so it plays the demo video
/// without a media server) and one scheduled for tomorrow, each with a line-up of VoltWave products. Their stream
/// keys are thrown away: a seller rotates the scheduled one's key to broadcast from OBS. Runs when demo data is on
/// and no session exists yet, so a database seeded before live sessions existed gets them too.
/// </summary>
public static class DemoLiveSessions
{
    public static async Task<bool> SeedAsync(IServiceProvider services, ILogger logger, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        if (await db.LiveSessions.AnyAsync(cancellationToken)) return false;
        var seller = await db.Sellers.FirstOrDefaultAsync(s => s.Slug == DemoSeeder.ElectronicsSlug, cancellationToken);
        var host = await db.Users.FirstOrDefaultAsync(u => u.Email == DemoAccounts.Seller1, cancellationToken);
        if (seller is null || host is null) return false;
        var products = await db.Products.Where(p => p.SellerId == seller.Id && p.Status == ProductStatus.Active)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Select(p => p.Id).Take(6).ToListAsync(cancellationToken);

        var secret = await services.GetRequiredService<LiveSecrets>().StreamKeyHashKeyAsync(cancellationToken);
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var live = Session(seller.Id, host.Id, now.AddMinutes(-10), ["DE", "FR", "GB", "US", "JP", "AU"], products.Take(3),
            ("en", "VoltWave Live: earbuds and chargers, flash deals all night"), ("de", "VoltWave Live: Ohrhörer und Ladegeräte, Blitzangebote"),
            ("zh-Hans", "VoltWave 直播：耳机和充电器限时秒杀"));
        live.Apply(LiveSessionStateMachine.GoLive(live.Status, $"account:{host.Id}", now.AddMinutes(-5), "The host went live from the console (demo data)."));
        var tomorrow = new DateTimeOffset(now.UtcDateTime.Date.AddDays(1).AddHours(12), TimeSpan.Zero);
        var scheduled = Session(seller.Id, host.Id, tomorrow, ["DE", "GB", "US", "SA"], products.Skip(2),
            ("en", "Smart home week: unboxing and Q&A"), ("de", "Smart-Home-Woche: Unboxing und Fragen"), ("ar", "أسبوع المنزل الذكي: فتح العلب والأسئلة"));
        foreach (var session in new[] { live, scheduled }) session.SetStreamKey(StreamKeys.New(), secret);
        db.LiveSessions.AddRange(live, scheduled);
        await db.SaveChangesAsync(cancellationToken);

        var video = services.GetRequiredService<LivePlayback>().DemoVideoPath;
        if (!File.Exists(video)) await MakeDemoVideoAsync(video, logger, cancellationToken);
        return true;
    }

    private static LiveSession Session(Guid sellerId, Guid hostId, DateTimeOffset start, string[] markets, IEnumerable<Guid> products, params (string Locale, string Title)[] titles)
    {
        var session = new LiveSession { SellerId = sellerId, HostAccountId = hostId, ScheduledStart = start, StreamKeyHash = "", StreamKeyHint = "" };
        session.Titles.AddRange(titles.Select(t => new LiveSessionTitle { SessionId = session.Id, Locale = t.Locale, Title = t.Title }));
        session.Markets.AddRange(markets.Select(m => new LiveSessionMarket { SessionId = session.Id, MarketCode = m }));
        session.Products.AddRange(products.Select((p, i) => new LiveSessionProduct { SessionId = session.Id, Position = i, ProductId = p }));
        return session;
    }

    /// <summary>
    /// A 6-second 320×240 test pattern with a tone (tens of kilobytes), made with Debian's ffmpeg when it is installed;
    /// nothing big ships in the repository. Without ffmpeg there is no video and the page says the stream is starting.
    /// </summary>
    private static async Task MakeDemoVideoAsync(string path, ILogger logger, CancellationToken cancellationToken)
    {
        var ffmpeg = ExternalTool.Find("ffmpeg");
        if (ffmpeg is null)
        {
            logger.LogInformation("ffmpeg is not installed: the demo live session has no video to play");
            return;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var partial = path + ".partial.mp4";
        var run = await ExternalTool.RunAsync(ffmpeg,
            ["-hide_banner", "-loglevel", "error", "-y", "-f", "lavfi", "-i", "testsrc=size=320x240:rate=15", "-f", "lavfi", "-i", "sine=frequency=440",
             "-t", "6", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", "-b:a", "48k", "-movflags", "+faststart", partial],
            TimeSpan.FromSeconds(60), onLine: null, cancellationToken);
        if (run.TimedOut)
        {
            File.Delete(partial);
            logger.LogWarning("ffmpeg took over a minute to make the demo video; the demo live session has no video");
            return;
        }
        if (run.ExitCode != 0)
        {
            File.Delete(partial);
            logger.LogWarning("ffmpeg could not make the demo video: {Error}", run.Errors);
            return;
        }
        File.Move(partial, path, overwrite: true);
        logger.LogInformation("Made the demo live video {Path}", path);
    }
}
