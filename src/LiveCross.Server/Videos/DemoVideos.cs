using LiveCross.Server.Catalog;
using LiveCross.Server.Live.Sessions;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Videos;

/// <summary>
/// Three published VoltWave videos with product tags and one by the demo creator tagging both demo sellers' products, so `dotnet run` shows videos without running ffmpeg: each registers
/// the prepared 6-second demo video (made at the first start by <see cref="DemoLiveSessions"/>, 320×240 H.264/AAC) as its
/// one ready rendition. Runs when demo data is on, the demo video exists and no video exists yet.
/// </summary>
public static class DemoVideos
{
    private const double DemoSeconds = 6;

    private static readonly string[] DemoMarkets = ["DE", "FR", "GB", "US", "JP", "AU", "ES", "SA", "ID"];

    private static readonly (string Locale, string Title, string Description)[][] Texts =
    [
        [("en", "Unboxing the VoltWave earbuds", "Sixty seconds with our best-selling earbuds."), ("de", "VoltWave Ohrhörer ausgepackt", "Unsere meistverkauften Ohrhörer in einer Minute."), ("zh-Hans", "VoltWave 耳机开箱", "一分钟了解我们最畅销的耳机。")],
        [("en", "Three chargers, one desk", "Which charger fits your setup?"), ("es", "Tres cargadores, un escritorio", "¿Qué cargador va con tu escritorio?"), ("ja", "充電器3台を比べてみた", "あなたのデスクに合う充電器は？")],
        [("en", "Smart home in a minute", "Plug, tap, done."), ("ar", "المنزل الذكي في دقيقة", "وصّل، اضغط، انتهى."), ("id", "Rumah pintar dalam semenit", "Colok, ketuk, selesai.")],
    ];

    public static async Task<bool> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var demo = services.GetRequiredService<LivePlayback>().DemoVideoPath;
        if (!File.Exists(demo)) return false;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        if (await db.Videos.IgnoreQueryFilters().AnyAsync(cancellationToken)) return false;
        var seller = await db.Sellers.FirstOrDefaultAsync(s => s.Slug == DemoSeeder.ElectronicsSlug, cancellationToken);
        var staff = await db.Users.FirstOrDefaultAsync(u => u.Email == DemoAccounts.Seller1, cancellationToken);
        if (seller is null || staff is null) return false;
        var products = await db.Products.Where(p => p.SellerId == seller.Id && p.Status == ProductStatus.Active)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Select(p => p.Id).Take(6).ToListAsync(cancellationToken);
        if (products.Count < 2) return false;

        var store = services.GetRequiredService<IVideoStore>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        var bytes = new FileInfo(demo).Length;
        async Task<Video> ReadyAsync(Guid uploadedBy, DateTimeOffset publishedAt)
        {
            var video = new Video
            {
                UploadedBy = uploadedBy,
                Status = VideoStatus.Published,
                SourceKey = "",
                SourceBytes = bytes,
                DurationSeconds = DemoSeconds,
                Width = 320,
                Height = 240,
                Job = TranscodeState.Done,
                Progress = 100,
                Attempts = 1,
                NextAttemptAt = now,
                PublishedAt = publishedAt,
            };
            video.SourceKey = VideoKeys.Of(video.Id, "360p.mp4");
            await using (var file = File.OpenRead(demo)) await store.PutAsync(video.SourceKey, file, "video/mp4", cancellationToken);
            video.Renditions.Add(new VideoRendition { VideoId = video.Id, Name = "360p", Key = video.SourceKey, ContentType = "video/mp4", Width = 320, Height = 240, Bytes = bytes });
            video.Markets.AddRange(DemoMarkets.Select(m => new VideoMarket { VideoId = video.Id, MarketCode = m }));
            return video;
        }

        for (var i = 0; i < Texts.Length; i++)
        {
            var video = await ReadyAsync(staff.Id, now.AddHours(-i - 1));
            video.SellerId = seller.Id;
            video.Texts.AddRange(Texts[i].Select(t => new VideoText { VideoId = video.Id, Locale = t.Locale, Title = t.Title, Description = t.Description }));
            video.Tags.Add(new VideoTag { VideoId = video.Id, ProductId = products[(2 * i) % products.Count], StartSecond = 0.5, EndSecond = 3 });
            video.Tags.Add(new VideoTag { VideoId = video.Id, ProductId = products[(2 * i + 1) % products.Count], StartSecond = 3, EndSecond = 5.5 });
            db.Videos.Add(video);
        }

        var creator = await db.Users.FirstOrDefaultAsync(u => u.Email == DemoAccounts.Creator, cancellationToken);
        var apparel = await db.Products.Where(p => p.Seller!.Slug == DemoSeeder.ApparelSlug && p.Status == ProductStatus.Active)
            .OrderBy(p => p.CreatedAt).ThenBy(p => p.Id).Select(p => p.Id).FirstOrDefaultAsync(cancellationToken);
        if (creator is not null && apparel != Guid.Empty)
        {
            var picks = await ReadyAsync(creator.Id, now.AddMinutes(-30));
            picks.CreatorId = creator.Id;
            picks.Texts.Add(new VideoText { VideoId = picks.Id, Locale = "en", Title = "Mia's travel picks", Description = "Earbuds for the flight, silk for the evening." });
            picks.Tags.Add(new VideoTag { VideoId = picks.Id, ProductId = products[0], StartSecond = 0.5, EndSecond = 3 });
            picks.Tags.Add(new VideoTag { VideoId = picks.Id, ProductId = apparel, StartSecond = 3, EndSecond = 5.5 });
            db.Videos.Add(picks);
        }
        await db.SaveChangesAsync(cancellationToken);
        return true;
    }
}
