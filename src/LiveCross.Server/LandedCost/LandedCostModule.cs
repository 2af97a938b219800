using System.ComponentModel.DataAnnotations;
using LiveCross.Domain.LandedCost;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.LandedCost;

public sealed class LandedCostOptions
{
    public const string Section = "LandedCost";

    /// <summary>How long a quote token is accepted by the checkout.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "1.00:00:00")]
    public TimeSpan QuoteLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>Folder holding Regimes/ and Tariffs/; default LandedCost/Data beside the binaries.</summary>
    public string? DataPath { get; set; }
}

/// <summary>The rules loaded once at start and the calculator over them.</summary>
public sealed class LandedCostEngine
{
    public LandedCostEngine(RuleBook rules)
    {
        Rules = rules;
        Calculator = new LandedCostCalculator(rules);
        SchemeCodes = [.. rules.Markets.SelectMany(m => m.Versions)
            .SelectMany(v => (v.Scheme is null ? [] : new[] { v.Scheme.Code }).Concat(v.CollectingSchemes.Select(c => c.Code)).Concat(v.DutyBands.Select(b => b.Scheme).OfType<string>()))
            .Distinct(StringComparer.Ordinal)];
    }

    public RuleBook Rules { get; }

    public LandedCostCalculator Calculator { get; }

    /// <summary>Every scheme a seller can be registered for, from the rule files.</summary>
    public HashSet<string> SchemeCodes { get; }

    /// <summary>Whether the market's tax differs by region (Canadian provinces, Brazilian states), so a quote takes the buyer's region.</summary>
    public bool TaxesByRegion(string market) => Rules.TryGet(market, out var rules) && rules.Versions.Any(v => v.Tax.Regions.Length > 0);
}

public static class LandedCostModule
{
    public static WebApplicationBuilder AddLandedCost(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LandedCostOptions>().BindConfiguration(LandedCostOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        // Loaded here, before the host is built: a broken rule file stops the start with the file, entry and field.
        var folder = builder.Configuration[$"{LandedCostOptions.Section}:DataPath"] ?? LandedCostRuleFiles.DefaultFolder;
        var marketFolder = builder.Configuration["Markets:DataPath"] ?? MarketFiles.DefaultFolder;
        var markets = Directory.Exists(marketFolder) ? Directory.GetFiles(marketFolder, "*.json").Select(Path.GetFileNameWithoutExtension).OfType<string>().ToList() : [];
        builder.Services.AddSingleton(new LandedCostEngine(LandedCostRuleFiles.Load(folder, markets)));
        builder.Services.AddSingleton<QuoteTokens>();
        builder.Services.AddHostedService<QuoteTokenKeyLoader>();
        builder.Services.AddScoped<LandedCostQuotes>();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, QuoteJsonContext.Default));
        return builder;
    }

    public static void ConfigureModel(ModelBuilder builder, LiveCrossDbContext db)
    {
        builder.Entity<SellerTaxRegistration>(r =>
        {
            r.HasKey(x => new { x.SellerId, x.Scheme });
            r.HasQueryFilter(x => db.TenantSellerId == null || x.SellerId == db.TenantSellerId);
            r.Property(x => x.Scheme).HasMaxLength(20);
            r.Property(x => x.Number).HasMaxLength(40);
            r.HasOne<Platform.Tenancy.Seller>().WithMany().HasForeignKey(x => x.SellerId).OnDelete(DeleteBehavior.Cascade);
        });
        builder.Entity<ProductDutyRate>(d =>
        {
            d.HasKey(x => new { x.ProductId, x.MarketCode });
            d.HasQueryFilter(x => db.TenantSellerId == null || x.SellerId == db.TenantSellerId);
            d.Property(x => x.MarketCode).HasMaxLength(2);
            d.Property(x => x.RatePercent).HasPrecision(9, 4);
            d.Property(x => x.Note).HasMaxLength(300);
            d.HasOne(x => x.Product).WithMany(p => p.DutyRates).HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
