using System.Globalization;
using LiveCross.Domain.Markets;
using LiveCross.Domain.Monetary;
using Microsoft.AspNetCore.Localization;

namespace LiveCross.Server.Markets;

/// <summary>
/// Who is shopping from where, for this request: the market (from <c>?market=</c>, the market cookie or
/// the Accept-Language region, else US), the content locale and the culture money and dates are
/// formatted in.
/// </summary>
public sealed class ShopperContext(IHttpContextAccessor http, MarketRegistry markets)
{
    public const string MarketCookie = "livecross.market";
    public const string DefaultMarket = "US";

    /// <summary>The storefront's UI languages: every one has a full set of resource strings.</summary>
    public static readonly string[] UiCultures = ["en", "zh-Hans", "es", "de", "ja", "id", "ar"];

    private MarketDefinition? _market;

    public MarketDefinition Market => _market ??= ResolveMarket();

    /// <summary>
    /// The market and locale a public API request asks for (<c>?market=&amp;locale=</c>), else the shopper's own. An
    /// unknown market or locale is a 400 problem, reported together with any <paramref name="errors"/> the caller found.
    /// </summary>
    public (MarketDefinition Market, string Locale) Asked(string? market, string? locale, Platform.Http.ValidationErrors? errors = null)
    {
        errors ??= new Platform.Http.ValidationErrors();
        MarketDefinition? asked = null;
        if (market is not null)
        {
            if (markets.TryGet(market, out var found)) asked = found;
            else errors.Add("market", $"There is no market '{market}'.");
        }
        errors.Require(locale is null || IsCulture(locale), "locale", "A known locale such as en or zh-Hans is required.");
        if (errors.Any) throw new Platform.Http.ProblemException(StatusCodes.Status400BadRequest, "The request is invalid.", null, errors.ToDictionary());
        return (asked ?? Market, locale is not null ? CultureInfo.GetCultureInfo(locale).Name : Locale);
    }

    /// <summary>The locale asked for (query or culture cookie), else the UI culture; used to pick content translations.</summary>
    public string Locale
    {
        get
        {
            var request = http.HttpContext?.Request;
            var asked = request?.Query["locale"].ToString();
            if (!string.IsNullOrWhiteSpace(asked) && IsCulture(asked)) return CultureInfo.GetCultureInfo(asked).Name;
            return CultureInfo.CurrentUICulture.Name is { Length: > 0 } ui ? ui : "en";
        }
    }

    /// <summary>The UI language with the market's region where ICU knows the pair (ar + DE → ar-DE), for numbers, money and dates.</summary>
    public CultureInfo FormatCulture => _formatCulture ??= ResolveFormatCulture();

    private CultureInfo? _formatCulture;

    private CultureInfo ResolveFormatCulture()
    {
        var language = CultureInfo.CurrentUICulture;
        var regional = $"{language.Name}-{Market.Code}";
        return IsCulture(regional) ? CultureInfo.GetCultureInfo(regional) : language;
    }

    /// <summary>The market's name in the UI language.</summary>
    public string MarketName => Market.DisplayName(CultureInfo.CurrentUICulture.Name);

    public bool IsRightToLeft => CultureInfo.CurrentUICulture.TextInfo.IsRightToLeft;

    /// <summary>An API amount as this shopper reads it: the currency's symbol and minor units in <see cref="FormatCulture"/>.</summary>
    public string Format(Catalog.MoneyDto? price) =>
        price is null ? "" : MoneyFormatter.Format(new Money(price.Amount, CurrencyCode.Parse(price.Currency)), FormatCulture);

    private MarketDefinition ResolveMarket()
    {
        var context = http.HttpContext;
        foreach (var candidate in Candidates(context))
        {
            if (markets.TryGet(candidate, out var market)) return market;
        }
        if (markets.TryGet(DefaultMarket, out var fallback)) return fallback;
        return markets.All.First();
    }

    private static IEnumerable<string?> Candidates(HttpContext? context)
    {
        if (context is null) yield break;
        yield return context.Request.Query["market"].ToString();
        yield return context.Request.Cookies[MarketCookie];
        foreach (var language in context.Request.GetTypedHeaders().AcceptLanguage.OrderByDescending(l => l.Quality ?? 1))
        {
            var tag = language.Value.Value;
            if (tag is null) continue;
            var dash = tag.LastIndexOf('-');
            if (dash > 0 && tag.Length - dash == 3) yield return tag[(dash + 1)..];
        }
    }

    public static bool IsCulture(string? name) => LocaleFallback.IsKnown(name);

    public static string CultureCookieValue(string culture) =>
        CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture));
}
