using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using LiveCross.Domain.Markets;
using LiveCross.Domain.Shipping;
using LiveCross.Server.Markets;

namespace LiveCross.Server.Shipping;

/// <summary>
/// The shipping data as served: loaded once at start into memory (it is read by every product page and
/// checkout), keyed by lane. Calendars are built from the live market definitions and kept per definition,
/// so an admin's edit of a market's holidays applies once the market registry has reloaded.
/// </summary>
public sealed class ShippingRateCards
{
    private static readonly ConditionalWeakTable<MarketDefinition, BusinessCalendar> Calendars = [];
    private static readonly ConditionalWeakTable<MarketDefinition, TimeZoneInfo> TimeZones = [];

    private volatile Loaded _current = new(new ShippingData(FrozenDictionary<string, ShippingService>.Empty, FrozenDictionary<string, ShippingOrigin>.Empty, []), FrozenDictionary<string, RateCard[]>.Empty);

    private sealed record Loaded(ShippingData Data, FrozenDictionary<string, RateCard[]> Lanes);

    public IReadOnlyDictionary<string, ShippingService> Services => _current.Data.Services;

    public void Load(ShippingData data) =>
        _current = new Loaded(data, data.Cards.GroupBy(c => LaneKey(c.Origin, c.Destination)).ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal));

    /// <summary>The rate cards from <paramref name="origin"/> to market <paramref name="destination"/>; empty when no carrier serves the lane.</summary>
    public IReadOnlyList<RateCard> Lane(string origin, string destination) =>
        _current.Lanes.TryGetValue(LaneKey(origin, destination), out var cards) ? cards : [];

    /// <summary>Markets reachable from <paramref name="origin"/>, for a seller's calculator.</summary>
    public IReadOnlyList<string> DestinationsFrom(string origin) =>
        _current.Data.Cards.Where(c => c.Origin == origin).Select(c => c.Destination).Distinct().Order(StringComparer.Ordinal).ToList();

    public bool TryGetOrigin(string? country, out ShippingOrigin origin)
    {
        origin = null!;
        return country is not null && _current.Data.Origins.TryGetValue(country, out origin!);
    }

    /// <summary>When parcels leave <paramref name="origin"/>: its own calendar, or its market's.</summary>
    public static DispatchRule? DispatchRuleOf(ShippingOrigin origin, MarketRegistry markets)
    {
        if (origin.OwnRule is { } own) return own;
        if (!markets.TryGet(origin.Country, out var market)) return null;
        return new DispatchRule(TimeZones.GetValue(market, m => TimeZoneInfo.FindSystemTimeZoneById(m.TimeZone)), origin.CutoffHour, CalendarOf(market));
    }

    public static BusinessCalendar CalendarOf(MarketDefinition market) => Calendars.GetValue(market, BusinessCalendar.For);

    private static string LaneKey(string origin, string destination) => origin + ">" + destination;
}

/// <summary>Loads <c>Shipping/Data</c> once the markets and rates are loaded (hosted services start in order); a broken file stops the start.</summary>
public sealed class ShippingDataLoader(ShippingRateCards rateCards, MarketRegistry markets, IConfiguration configuration, ILogger<ShippingDataLoader> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var folder = configuration["Shipping:DataPath"] ?? ShippingFiles.DefaultFolder;
        var data = ShippingFiles.LoadAll(folder, markets.All.ToList(), markets.Rates);
        rateCards.Load(data);
        logger.LogInformation("Loaded {Cards} shipping rate cards of {Services} services from {Origins} origins", data.Cards.Count, data.Services.Count, data.Origins.Count);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

public static class ShippingModule
{
    /// <summary>Call after <c>AddPlatform</c>, so the data loads after the markets it refers to.</summary>
    public static WebApplicationBuilder AddShipping(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<ShippingRateCards>();
        builder.Services.AddHostedService<ShippingDataLoader>();
        builder.Services.AddScoped<ShippingQuotes>();
        return builder;
    }
}
