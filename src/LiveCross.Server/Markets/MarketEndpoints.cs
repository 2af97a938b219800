using System.Text.Json;
using LiveCross.Domain.Markets;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Markets;

public sealed record MarketResponse(
    string Code, string Name, IReadOnlyDictionary<string, string> Names, string Currency, int MinorUnits,
    string DefaultLocale, IReadOnlyList<string> Locales, string TimeZone, IReadOnlyList<DayOfWeek> Weekend,
    string? TaxRegime, IReadOnlyList<string> PaymentMethods, IReadOnlyList<string> Carriers, IReadOnlyList<MarketHoliday> Holidays)
{
    public static MarketResponse From(MarketDefinition m, string locale) => new(
        m.Code, m.DisplayName(locale), m.Names, m.Currency, m.CurrencyMinorUnits, m.DefaultLocale, m.Locales, m.TimeZone,
        m.Weekend, m.TaxRegime, m.PaymentMethods, m.Carriers, m.Holidays);
}

public sealed record ExchangeRateResponse(string Base, string Quote, decimal Rate, string Source, DateOnly AsOf);

public sealed record ExchangeRateInput(string? Base, string? Quote, decimal? Rate, string? Source, DateOnly? AsOf);

public static class MarketEndpoints
{
    // Real rates between currencies span about 1e-5 (KWD per IDR) to 1e5; the bounds keep converted prices finite.
    public const decimal MinRate = 0.000001m;
    public const decimal MaxRate = 1_000_000m;

    public static IEndpointRouteBuilder MapMarkets(this IEndpointRouteBuilder app)
    {
        var markets = app.MapGroup("/api/v1/markets").WithTags("Markets");
        markets.MapGet("/", (MarketRegistry registry, ShopperContext shopper) =>
            TypedResults.Ok(registry.All.Select(m => MarketResponse.From(m, shopper.Locale)).ToList()));
        markets.MapGet("/{code}", GetMarket);

        app.MapGet("/api/v1/exchange-rates", (MarketRegistry registry) =>
                TypedResults.Ok(registry.Rates.Rates
                    .OrderBy(r => r.Base.Value, StringComparer.Ordinal).ThenBy(r => r.Quote.Value, StringComparer.Ordinal)
                    .Select(r => new ExchangeRateResponse(r.Base.Value, r.Quote.Value, r.Rate, r.Source, r.AsOf))))
            .WithTags("Markets");

        var admin = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.PlatformAdmin);
        admin.MapPut("/markets/{code}", UpdateMarket);
        admin.MapPost("/exchange-rates", AddExchangeRate);
        return app;
    }

    private static Results<Ok<MarketResponse>, ProblemHttpResult> GetMarket(string code, MarketRegistry registry, ShopperContext shopper) =>
        registry.TryGet(code, out var market)
            ? TypedResults.Ok(MarketResponse.From(market, shopper.Locale))
            : TypedResults.Problem($"There is no market '{code}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown market.");

    private static async Task<Results<Ok<MarketResponse>, ProblemHttpResult, ValidationProblem>> UpdateMarket(
        string code, MarketDefinition definition, LiveCrossDbContext db, MarketRegistry registry, CancellationToken cancellationToken)
    {
        var row = await db.Markets.FirstOrDefaultAsync(m => m.Code == code.ToUpperInvariant(), cancellationToken);
        if (row is null) return TypedResults.Problem($"There is no market '{code}'.", statusCode: StatusCodes.Status404NotFound, title: "Unknown market.");
        var errors = MarketDefinitionValidator.Validate(definition, row.Code).ToList();
        if (CurrencyCode.TryParse(definition.Currency, out var currency) && !registry.Rates.TryGetRate(ExchangeRateTable.Pivot, currency, out _))
            errors.Add(new MarketDefinitionError("currency", $"There is no exchange rate for {currency} yet, so prices could not be converted into it; add one first."));
        if (errors.Count > 0)
            return TypedResults.ValidationProblem(errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()));
        row.DefinitionJson = JsonSerializer.Serialize(definition, MarketFiles.Json);
        row.EditedByAdmin = true;
        await db.SaveChangesAsync(cancellationToken);
        await registry.ReloadAsync(db, cancellationToken);
        return TypedResults.Ok(MarketResponse.From(definition, "en"));
    }

    private static async Task<Results<Created<ExchangeRateResponse>, ValidationProblem>> AddExchangeRate(
        ExchangeRateInput input, LiveCrossDbContext db, MarketRegistry registry, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(CurrencyCode.TryParse(input.Base, out var baseCurrency), "base", "A known ISO 4217 currency code is required.");
        errors.Require(CurrencyCode.TryParse(input.Quote, out var quoteCurrency), "quote", "A known ISO 4217 currency code is required.");
        errors.Require(errors.Any || baseCurrency != quoteCurrency, "quote", "Base and quote must differ.");
        errors.Require(input.Rate is >= MinRate and <= MaxRate, "rate", $"A rate is between {MinRate} and {MaxRate:N0}: outside that range it is a typo, and its inverse would be too.");
        errors.Require(!string.IsNullOrWhiteSpace(input.Source) && input.Source.Length <= 300, "source", "Name where the rate comes from (at most 300 characters).");
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        errors.Require(input.AsOf is { } asOf && asOf <= today.AddDays(1) && asOf.Year >= 2000, "asOf", "The as-of date is required and cannot be in the future.");
        if (!errors.Any && await db.ExchangeRates.AnyAsync(r => r.BaseCurrency == baseCurrency.Value && r.QuoteCurrency == quoteCurrency.Value && r.AsOf == input.AsOf, cancellationToken))
            errors.Add("asOf", "A rate for this pair and date exists already.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        db.ExchangeRates.Add(new ExchangeRateRecord
        {
            BaseCurrency = baseCurrency.Value,
            QuoteCurrency = quoteCurrency.Value,
            Rate = input.Rate!.Value,
            Source = input.Source!.Trim(),
            AsOf = input.AsOf!.Value,
            CreatedAt = clock.GetUtcNow(),
        });
        await db.SaveChangesAsync(cancellationToken);
        await registry.ReloadAsync(db, cancellationToken);
        return TypedResults.Created("/api/v1/exchange-rates",
            new ExchangeRateResponse(baseCurrency.Value, quoteCurrency.Value, input.Rate.Value, input.Source.Trim(), input.AsOf.Value));
    }
}
