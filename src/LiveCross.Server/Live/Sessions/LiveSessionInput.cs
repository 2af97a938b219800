using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Http;

namespace LiveCross.Server.Live.Sessions;

public sealed record LiveSessionTitleInput(string? Locale, string? Title);

/// <summary>A session as a seller sends it to create or change one. <see cref="Version"/> is required to change.</summary>
public sealed record LiveSessionInput(
    List<LiveSessionTitleInput?>? Titles,
    string? DefaultLocale,
    List<string?>? Markets,
    Guid? HostAccountId,
    List<Guid>? Products,
    DateTimeOffset? ScheduledStart,
    Guid? Version = null);

public static class LiveSessionInputValidator
{
    public const int MaxTitle = 200;
    public const int MaxTitles = 30;
    public const int MaxProducts = 50;

    /// <summary>How far ahead a session may be scheduled.</summary>
    public static readonly TimeSpan Horizon = TimeSpan.FromDays(366);

    /// <summary>The checks that need no database: shape, locales, markets and the start time.</summary>
    public static ValidationErrors Validate(LiveSessionInput input, MarketRegistry markets, DateTimeOffset now, bool isUpdate)
    {
        var errors = new ValidationErrors();
        if (!errors.NoNullItems(input.Titles, "titles") | !errors.NoNullItems(input.Markets, "markets")) return errors;

        var titles = input.Titles ?? [];
        errors.Require(titles.Count is > 0 and <= MaxTitles, "titles", $"Between 1 and {MaxTitles} titles (one per locale) are required.");
        for (var i = 0; i < titles.Count; i++)
        {
            var t = titles[i]!;
            errors.Require(t.Locale is not null && ShopperContext.IsCulture(t.Locale), $"titles[{i}].locale", "A known locale such as en or zh-Hans is required.");
            errors.Require(!string.IsNullOrWhiteSpace(t.Title) && t.Title.Trim().Length <= MaxTitle, $"titles[{i}].title", $"A title of 1 to {MaxTitle} characters is required.");
        }
        if (titles.Select(t => t!.Locale?.ToLowerInvariant()).Distinct().Count() != titles.Count) errors.Add("titles", "Each locale may appear once.");
        errors.Require(input.DefaultLocale is null || ShopperContext.IsCulture(input.DefaultLocale), "defaultLocale", "A known locale such as en or zh-Hans is required.");
        var defaultLocale = input.DefaultLocale ?? "en";
        if (titles.Count > 0 && !titles.Any(t => string.Equals(t!.Locale, defaultLocale, StringComparison.OrdinalIgnoreCase)))
            errors.Add("defaultLocale", $"There is no title for the default locale '{defaultLocale}'.");

        var codes = input.Markets ?? [];
        errors.Require(codes.Count is > 0 and <= 50, "markets", "Between 1 and 50 target markets are required.");
        for (var i = 0; i < codes.Count; i++)
            errors.Require(markets.TryGet(codes[i], out _), $"markets[{i}]", $"There is no market '{codes[i]}'.");
        if (codes.Select(c => c?.ToUpperInvariant()).Distinct().Count() != codes.Count) errors.Add("markets", "Each market may appear once.");

        var products = input.Products ?? [];
        errors.Require(products.Count <= MaxProducts, "products", $"At most {MaxProducts} products in a line-up.");
        if (products.Distinct().Count() != products.Count) errors.Add("products", "Each product may appear once in the line-up.");

        if (input.ScheduledStart is not { } start) errors.Add("scheduledStart", "A start time (ISO 8601 with an offset, e.g. 2026-12-24T12:00:00Z) is required.");
        else if (start < now.AddMinutes(-5)) errors.Add("scheduledStart", "The start time has passed.");
        else if (start > now + Horizon) errors.Add("scheduledStart", "A session can be scheduled at most a year ahead.");

        if (isUpdate) errors.Require(input.Version is not null, "version", "Send the version you read, so a concurrent change is not overwritten.");
        return errors;
    }
}
