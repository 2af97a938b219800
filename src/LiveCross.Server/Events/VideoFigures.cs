using System.Globalization;
using DuckDB.NET.Data;
using LiveCross.Server.Catalog;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using LiveCross.Server.Videos;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Events;

public sealed record AmountDto(decimal Amount, string Currency);

/// <summary>One video's figures for its seller; <see cref="Title"/> is null for a video that is not the seller's own (a creator's).</summary>
public sealed record VideoFiguresDto(
    Guid VideoId, string? Title, long Views, double AverageWatchSeconds, double CompletionRate, long TagClicks, long AddToCarts, long Orders,
    IReadOnlyList<AmountDto> Gmv);

public sealed record VideoFiguresPageDto(DateTimeOffset From, DateTimeOffset To, double AttributionWindowDays, IReadOnlyList<VideoFiguresDto> Videos);

/// <summary>
/// The seller's first view of the event stream: per video, views, average watch time, completion rate, tag clicks,
/// and the add-to-carts, orders and GMV credited to it.
/// </summary>
/// <remarks>
/// Credit rule: an add-to-cart or a paid order line of product P by a shopper goes to the last video on which the
/// same shopper (user id, anonymous client id, or for a guest's payment the client that started the checkout)
/// clicked P's tag within <see cref="EventsOptions.AttributionWindow"/> before. The videos listed are the seller's own
/// (with their titles) and any other video whose tags of the seller's products were clicked in the period.
/// </remarks>
public sealed class VideoFigures(EventStore store, EventWriter writer, LiveCrossDbContext db, TimeProvider clock, IOptions<EventsOptions> options)
{
    public static readonly TimeSpan DefaultPeriod = TimeSpan.FromDays(30);
    public static readonly TimeSpan MaxPeriod = TimeSpan.FromDays(366);

    public async Task<VideoFiguresPageDto> ForSellerAsync(Guid sellerId, DateTimeOffset? from, DateTimeOffset? to, CancellationToken cancellationToken)
    {
        var end = to ?? clock.GetUtcNow();
        var start = from ?? end - DefaultPeriod;
        var errors = new ValidationErrors();
        errors.Require(start < end, "from", "from must be before to.");
        errors.Require(end - start <= MaxPeriod, "to", $"A period is at most {MaxPeriod.TotalDays:0} days.");
        if (errors.Any) throw ProblemException.Invalid(errors);

        var products = await db.Products.Where(p => p.SellerId == sellerId).Select(p => p.Id).ToListAsync(cancellationToken);
        var owned = await db.Videos.IgnoreQueryFilters().Where(v => v.SellerId == sellerId && v.Status != VideoStatus.Deleted).Include(v => v.Texts).AsNoTracking().ToListAsync(cancellationToken);
        var window = options.Value.AttributionWindow;
        var page = new VideoFiguresPageDto(start, end, window.TotalDays, []);
        if (products.Count == 0 && owned.Count == 0) return page;
        // Figures include what was accepted a moment ago, as a seller who just tried their page expects.
        try
        {
            await writer.FlushAsync(TimeSpan.FromSeconds(10), cancellationToken);
        }
        catch (TimeoutException)
        {
            // A backed-up writer only delays the newest events: the page shows what is stored rather than failing.
        }
        var titles = owned.ToDictionary(v => v.Id, v => (VideoViews.Text(v, v.DefaultLocale) ?? v.Texts.FirstOrDefault())?.Title);
        var figures = Query(products, [.. owned.Select(v => v.Id)], start, end, window);
        return page with { Videos = [.. figures.Select(f => f with { Title = titles.GetValueOrDefault(f.VideoId) })] };
    }

    /// <summary>
    /// Figures of the seller's own videos, and of any other video (a creator's) whose tags of the seller's products were
    /// clicked in the period: what those videos brought the seller.
    /// </summary>
    private List<VideoFiguresDto> Query(List<Guid> products, List<Guid> ownVideos, DateTimeOffset start, DateTimeOffset end, TimeSpan window)
    {
        // Guid literals cannot carry SQL; a list inline is simpler than a temporary table per request.
        var productList = products.Count == 0 ? "NULL" : string.Join(',', products.Select(p => $"'{p:D}'::UUID"));
        var ownList = ownVideos.Count == 0 ? "" : "UNION SELECT unnest([" + string.Join(',', ownVideos.Select(v => $"'{v:D}'::UUID")) + "]) AS video_id";
        using var connection = store.OpenReader();
        using var command = connection.CreateCommand();
        command.CommandText = $"""
            WITH clicks AS (
                SELECT subject, product_id, video_id, occurred_at FROM events
                WHERE type = 'tag_click' AND occurred_at >= $clickFrom AND occurred_at < $to AND product_id IN ({productList})),
            videos AS (SELECT DISTINCT video_id FROM clicks WHERE occurred_at >= $from {ownList}),
            period AS (
                SELECT * FROM events WHERE occurred_at >= $from AND occurred_at < $to AND video_id IN (SELECT video_id FROM videos)),
            views AS (SELECT video_id, count(*) AS views FROM period WHERE type = 'view_start' GROUP BY video_id),
            watched AS (
                SELECT video_id, sum(longest) AS seconds FROM (
                    SELECT video_id, subject, max(watch_seconds) AS longest FROM period WHERE watch_seconds IS NOT NULL GROUP BY video_id, subject)
                GROUP BY video_id),
            completed AS (SELECT video_id, count(*) AS completions FROM period WHERE type = 'watch_progress' AND percent = 100 GROUP BY video_id),
            tagged AS (SELECT video_id, count(*) AS clicks FROM clicks WHERE occurred_at >= $from GROUP BY video_id),
            carts AS (
                SELECT subject, product_id, occurred_at FROM events
                WHERE type = 'add_to_cart' AND occurred_at >= $from AND occurred_at < $to AND product_id IN ({productList})),
            paid AS (
                SELECT coalesce(checkout.subject, p.subject) AS subject, p.product_id, p.order_id, p.amount, p.currency, p.occurred_at
                FROM events p
                LEFT JOIN events checkout ON starts_with(p.subject, 'o:') AND checkout.type = 'checkout_start' AND checkout.order_id = p.order_id
                WHERE p.type = 'payment_success' AND p.occurred_at >= $from AND p.occurred_at < $to AND p.product_id IN ({productList})),
            cart_credit AS (
                SELECT c.video_id, count(*) AS carts
                FROM carts a ASOF JOIN clicks c ON a.subject = c.subject AND a.product_id = c.product_id AND a.occurred_at >= c.occurred_at
                WHERE epoch(a.occurred_at) - epoch(c.occurred_at) <= $window
                GROUP BY c.video_id),
            paid_credit AS (
                SELECT c.video_id, p.order_id, p.amount, p.currency
                FROM paid p ASOF JOIN clicks c ON p.subject = c.subject AND p.product_id = c.product_id AND p.occurred_at >= c.occurred_at
                WHERE epoch(p.occurred_at) - epoch(c.occurred_at) <= $window),
            order_credit AS (SELECT video_id, count(DISTINCT order_id) AS orders FROM paid_credit GROUP BY video_id),
            gmv AS (SELECT video_id, string_agg(currency || ' ' || CAST(total AS VARCHAR), ';' ORDER BY currency) AS gmv
                FROM (SELECT video_id, currency, sum(amount) AS total FROM paid_credit GROUP BY video_id, currency) GROUP BY video_id)
            SELECT v.video_id, coalesce(views.views, 0), coalesce(watched.seconds, 0), coalesce(completed.completions, 0), coalesce(tagged.clicks, 0),
                   coalesce(cart_credit.carts, 0), coalesce(order_credit.orders, 0), gmv.gmv
            FROM videos v
            LEFT JOIN views USING (video_id) LEFT JOIN watched USING (video_id) LEFT JOIN completed USING (video_id)
            LEFT JOIN tagged USING (video_id) LEFT JOIN cart_credit USING (video_id) LEFT JOIN order_credit USING (video_id) LEFT JOIN gmv USING (video_id)
            ORDER BY 2 DESC, 1
            """;
        command.Parameters.Add(new DuckDBParameter("clickFrom", (start - window).UtcDateTime));
        command.Parameters.Add(new DuckDBParameter("from", start.UtcDateTime));
        command.Parameters.Add(new DuckDBParameter("to", end.UtcDateTime));
        command.Parameters.Add(new DuckDBParameter("window", window.TotalSeconds));
        using var reader = command.ExecuteReader();
        var videos = new List<VideoFiguresDto>();
        while (reader.Read())
        {
            var views = Convert.ToInt64(reader.GetValue(1), CultureInfo.InvariantCulture);
            var seconds = Convert.ToDouble(reader.GetValue(2), CultureInfo.InvariantCulture);
            var completions = Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture);
            videos.Add(new VideoFiguresDto(
                reader.GetGuid(0), null, views,
                views == 0 ? 0 : Math.Round(seconds / views, 1),
                views == 0 ? 0 : Math.Round((double)completions / views, 4),
                Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(6), CultureInfo.InvariantCulture),
                reader.IsDBNull(7) ? [] : ParseGmv(reader.GetString(7))));
        }
        return videos;
    }

    private static List<AmountDto> ParseGmv(string text) =>
        [.. text.Split(';').Select(part => part.Split(' ')).Select(p => new AmountDto(decimal.Parse(p[1], CultureInfo.InvariantCulture), p[0]))];
}
