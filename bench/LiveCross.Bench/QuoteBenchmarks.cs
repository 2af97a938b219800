using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using LiveCross.Domain.LandedCost;
using LiveCross.Domain.Monetary;

namespace LiveCross.Bench;

/// <summary>
/// A 3-line landed-cost quote computed in-process from the shipped rule files, for DE, GB, US, CA and BR. Target
/// (issue 3): at most 2 µs per quote and only a few small allocations.
/// </summary>
[MemoryDiagnoser]
public class QuoteBenchmarks
{
    public const double TargetMicroseconds = 2.0;

    private LandedCostCalculator _calculator = null!;
    private LandedCostRequest _request = null!;

    [Params("DE", "GB", "US", "CA", "BR")]
    public string Market { get; set; } = "DE";

    public static RuleBook LoadRules()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "LandedCostData");
        IEnumerable<RuleFileText> Read(string sub) =>
            Directory.GetFiles(Path.Combine(folder, sub), "*.json").Order(StringComparer.Ordinal).Select(p => new RuleFileText(Path.GetFileName(p), File.ReadAllText(p)));
        return ImportRuleFiles.Parse(Read("Regimes"), Read("Tariffs"));
    }

    /// <summary>Earbuds ×2, a T-shirt and a cable from China, with shipping: what a cart of three lines looks like in each market.</summary>
    public static LandedCostRequest ThreeLines(string market)
    {
        LandedCostItem Item(string hs, decimal price, int quantity) => new() { HsCode = hs, OriginCountry = "CN", UnitPrice = price, Quantity = quantity };
        var (currency, registrations, region, shipFrom, rates) = market switch
        {
            "DE" => ("EUR", new[] { "IOSS" }, (string?)null, (string?)null, Array.Empty<ExchangeRate>()),
            "GB" => ("GBP", ["UK-VAT"], null, null, []),
            "US" => ("USD", [], null, null, []),
            "CA" => ("CAD", [], "ON", "US", []),
            "BR" => ("BRL", ["BR-RC"], "SP", null, [new ExchangeRate(CurrencyCode.Parse("USD"), CurrencyCode.Parse("BRL"), 5.52m, "bench", new DateOnly(2026, 11, 24))]),
            _ => throw new ArgumentOutOfRangeException(nameof(market), market, "DE, GB, US, CA or BR."),
        };
        return new LandedCostRequest
        {
            Market = market,
            Region = region,
            Date = new DateOnly(2026, 11, 24),
            Currency = CurrencyCode.Parse(currency),
            SellerRegistrations = registrations,
            ShipFrom = shipFrom,
            Items = [Item("851830", 29.90m, 2), Item("610910", 12.50m, 1), Item("854442", 8.90m, 1)],
            Shipping = 6.00m,
            Rates = new QuoteRates(rates, null),
        };
    }

    [GlobalSetup]
    public void Setup()
    {
        _calculator = new LandedCostCalculator(LoadRules());
        _request = ThreeLines(Market);
        if (!_calculator.TryCalculate(_request, out _, out var error)) throw new BenchmarkException($"{Market}: {error}");
    }

    [Benchmark]
    public LandedCostQuote Quote()
    {
        _calculator.TryCalculate(_request, out var quote, out _);
        return quote;
    }

    /// <summary>Runs in this process (no generated project to build), so the command stays short on a shared 2-core machine.</summary>
    public static int Run(string[] args)
    {
        var config = DefaultConfig.Instance.AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(15).WithToolchain(InProcessEmitToolchain.Instance).WithId("in-process"));
        var calculator = new LandedCostCalculator(LoadRules());
        foreach (var market in new[] { "DE", "GB", "US", "CA", "BR" })
        {
            calculator.TryCalculate(ThreeLines(market), out var quote, out _);
            Console.WriteLine($"{market}: goods {quote.Goods} shipping {quote.Shipping} duty {quote.Duty} tax {quote.Tax} total {quote.Total} ({quote.CollectedAt}, {quote.Scheme}, {quote.RuleVersion})");
        }
        var summary = BenchmarkSwitcher.FromTypes([typeof(QuoteBenchmarks)]).Run(args, config);
        var worst = summary.SelectMany(s => s.Reports).Where(r => r.ResultStatistics is not null).Select(r => r.ResultStatistics!.Mean / 1000.0).DefaultIfEmpty(double.NaN).Max();
        Console.WriteLine($"slowest market: {worst:0.000} µs per quote, target ≤ {TargetMicroseconds} µs: {(worst <= TargetMicroseconds ? "PASS" : "FAIL")}");
        return worst <= TargetMicroseconds ? 0 : 1;
    }
}
