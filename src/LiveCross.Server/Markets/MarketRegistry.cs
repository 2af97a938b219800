using System.Collections.Frozen;
using System.Text.Json;
using LiveCross.Domain.Markets;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Markets;

/// <summary>
/// Markets and exchange rates as served: loaded from the database into memory, since every
/// storefront request needs them. Reloaded after an admin edit and, for other nodes, by <see cref="MarketDataRefresher"/>.
/// </summary>
public sealed class MarketRegistry
{
    private volatile Snapshot _current = new(FrozenDictionary<string, MarketDefinition>.Empty, new ExchangeRateTable([]), "");

    private sealed record Snapshot(FrozenDictionary<string, MarketDefinition> Markets, ExchangeRateTable Rates, string Stamp);

    public IEnumerable<MarketDefinition> All => _current.Markets.Values.OrderBy(m => m.Code, StringComparer.Ordinal);

    public ExchangeRateTable Rates => _current.Rates;

    public string Stamp => _current.Stamp;

    public bool TryGet(string? code, out MarketDefinition market)
    {
        market = null!;
        return code is not null && _current.Markets.TryGetValue(code.ToUpperInvariant(), out market!);
    }

    public async Task ReloadAsync(LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Markets.AsNoTracking().ToListAsync(cancellationToken);
        var rates = await db.ExchangeRates.AsNoTracking().ToListAsync(cancellationToken);
        var markets = rows.ToFrozenDictionary(
            r => r.Code,
            r => JsonSerializer.Deserialize<MarketDefinition>(r.DefinitionJson, MarketFiles.Json)!);
        var table = new ExchangeRateTable(rates
            .Where(r => CurrencyCode.TryParse(r.BaseCurrency, out _) && CurrencyCode.TryParse(r.QuoteCurrency, out _))
            .Select(r => new ExchangeRate(CurrencyCode.Parse(r.BaseCurrency), CurrencyCode.Parse(r.QuoteCurrency), r.Rate, r.Source, r.AsOf)));
        _current = new Snapshot(markets, table, StampOf(rows.Select(r => r.Version), rates.Count));
    }

    /// <summary>Changes whenever a market or a rate is added or edited; cheap enough to poll.</summary>
    public static async Task<string> StampAsync(LiveCrossDbContext db, CancellationToken cancellationToken) =>
        StampOf(await db.Markets.Select(m => m.Version).ToListAsync(cancellationToken), await db.ExchangeRates.CountAsync(cancellationToken));

    // Sorted first: the rows come back in no guaranteed order, and the stamp must not change with it.
    private static string StampOf(IEnumerable<Guid> marketVersions, int rateCount)
    {
        var versions = marketVersions.Order().ToList();
        var hash = versions.Aggregate(17L, (h, v) => unchecked(h * 31 + v.GetHashCode()));
        return $"{versions.Count}:{hash}:{rateCount}";
    }
}

/// <summary>Picks up market and rate edits made through another node.</summary>
public sealed class MarketDataRefresher(IServiceScopeFactory scopes, MarketRegistry registry, TimeProvider clock, ILogger<MarketDataRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
                if (await MarketRegistry.StampAsync(db, stoppingToken) != registry.Stamp) await registry.ReloadAsync(db, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Refreshing markets and exchange rates failed; serving the previous copy");
            }
        }
    }
}

public static class MarketsModule
{
    public static WebApplicationBuilder AddMarkets(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<MarketRegistry>();
        builder.Services.AddHostedService<MarketDataRefresher>();
        builder.Services.AddScoped<ShopperContext>();
        return builder;
    }
}
