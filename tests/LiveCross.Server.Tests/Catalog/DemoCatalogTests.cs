using LiveCross.Domain.Monetary;
using LiveCross.Server.Catalog;
using LiveCross.Server.Platform.DemoData;

namespace LiveCross.Server.Tests.Catalog;

/// <summary>The demo seed bypasses the API, so it is held to the same rules a seller's request is.</summary>
public sealed class DemoCatalogTests
{
    [Fact]
    public void Every_demo_product_passes_the_sellers_validation()
    {
        foreach (var demo in DemoCatalog.Products)
        {
            var currency = CurrencyCode.Parse(demo.SellerSlug == DemoSeeder.ElectronicsSlug ? "USD" : "CNY");
            var errors = ProductInputValidator.Validate(demo.Input, currency, isUpdate: false).ToDictionary();
            errors.ShouldBeEmpty($"{demo.Input.Variants![0].Sku}: {string.Join("; ", errors.Select(e => $"{e.Key} {string.Join(", ", e.Value)}"))}");
        }
    }

    [Fact]
    public void Demo_catalog_is_large_enough_and_its_skus_are_unique_per_seller()
    {
        DemoCatalog.Products.Count.ShouldBeGreaterThanOrEqualTo(40);
        foreach (var seller in DemoCatalog.Products.GroupBy(p => p.SellerSlug))
        {
            var skus = seller.SelectMany(p => p.Input.Variants!).Select(v => v.Sku!.ToUpperInvariant()).ToList();
            skus.Distinct().Count().ShouldBe(skus.Count, seller.Key);
        }
        DemoCatalog.Products.ShouldAllBe(p => p.Input.Translations!.Any(t => t.Locale == "zh-Hans") && p.Input.Translations!.Any(t => t.Locale == "es"));
    }
}
