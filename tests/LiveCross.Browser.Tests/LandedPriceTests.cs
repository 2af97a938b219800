using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Testing;

namespace LiveCross.Browser.Tests;

/// <summary>
/// The product page's price to the shopper's door: the page quotes in-process; these tests ask the public quote endpoint for
/// the same SKU, market and cheapest shipping over HTTP, and check the page shows those figures and who collects them.
/// </summary>
public sealed class LandedPriceTests(ShopServerFixture server, ChromiumFixture chromium)
    : BrowserTest(server, chromium), IClassFixture<ShopServerFixture>, IClassFixture<ChromiumFixture>
{
    [Fact]
    public async Task A_US_shopper_sees_duties_shown_as_collected_at_checkout_or_at_the_border_as_the_2026_rules_say()
    {
        var ct = TestContext.Current.CancellationToken;
        var product = await TestProducts.CreateAsync(App, "Landed Test Earbuds " + Guid.NewGuid().ToString("N")[..6], 59.90m, ct);

        var quote = await QuoteAsync(product, DemoSeeder.ElectronicsSlug, "US", ct);

        // US.json for 2026: no de minimis since 2025-08-29 (EO 14324), duty collected at the border unless the seller is
        // registered US-DDP (VoltWave is not); no federal VAT. HS 8518 from China: 4.9% MFN plus 7.5% Section 301 list 4A.
        quote.CollectedAt.ShouldBe("border");
        quote.Scheme.ShouldBe("none");
        quote.Tax.ShouldBe(0m);
        quote.Duty.ShouldBe(Math.Round(59.90m * 0.124m, 2, MidpointRounding.AwayFromZero));
        quote.DutyAtBorder.ShouldBe(quote.Duty);

        await Page.GotoAsync($"/products/{product.Id}?market=US");

        await Expect(Page.GetByTestId("landed")).ToHaveAttributeAsync("data-collected-at", "border");
        await Expect(Page.GetByTestId("landed-collected-at")).ToHaveTextAsync("plus import charges collected on delivery");
        await Expect(Page.GetByTestId("landed-price")).ToHaveTextAsync(Shown(quote.PayableAtCheckout, "USD", "US"));
        await Expect(Page.GetByTestId("landed-on-delivery")).ToHaveTextAsync($"Estimated import duty and tax to pay on delivery: {Shown(quote.Duty, "USD", "US")}");
        await Expect(Page.GetByTestId("landed-duty")).ToHaveTextAsync($"{Shown(quote.Duty, "USD", "US")} on delivery");
        await Expect(Page.GetByTestId("landed-tax")).ToHaveTextAsync(Shown(0m, "USD", "US"));
        await Expect(Page.GetByTestId("landed-explanation")).ToContainTextAsync("No de minimis: duty is due on every parcel");
        await Expect(Page.GetByTestId("landed-delivery")).ToContainTextAsync("Cheapest shipping");
        await Expect(Page.GetByTestId("landed-unavailable")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_GB_shopper_pays_UK_VAT_at_checkout_on_a_VoltWave_product()
    {
        var ct = TestContext.Current.CancellationToken;
        var product = await TestProducts.CreateAsync(App, "Landed Test Speaker " + Guid.NewGuid().ToString("N")[..6], 45.00m, ct);

        var quote = await QuoteAsync(product, DemoSeeder.ElectronicsSlug, "GB", ct);

        // GB.json: a consignment up to £135 has no duty, and a seller registered for UK-VAT charges 20% on the price incl. delivery.
        quote.CollectedAt.ShouldBe("checkout");
        quote.Scheme.ShouldBe("UK-VAT");
        quote.Duty.ShouldBe(0m);
        quote.Tax.ShouldBe(Math.Round((quote.Goods + quote.Shipping) * 0.20m, 2, MidpointRounding.AwayFromZero));
        quote.Shipping.ShouldBeGreaterThan(0m);

        await Page.GotoAsync($"/products/{product.Id}?market=GB");

        await Expect(Page.GetByTestId("landed")).ToHaveAttributeAsync("data-collected-at", "checkout");
        await Expect(Page.GetByTestId("landed-price")).ToHaveTextAsync(Shown(quote.Total, "GBP", "GB"));
        await Expect(Page.GetByTestId("landed-collected-at")).ToHaveTextAsync("incl. import VAT / tax and duty; nothing more to pay on delivery");
        await Expect(Page.GetByTestId("landed-goods")).ToHaveTextAsync(Shown(quote.Goods, "GBP", "GB"));
        await Expect(Page.GetByTestId("landed-shipping")).ToContainTextAsync(Shown(quote.Shipping, "GBP", "GB"));
        await Expect(Page.GetByTestId("landed-tax")).ToHaveTextAsync($"{Shown(quote.Tax, "GBP", "GB")} at checkout");
        await Expect(Page.GetByTestId("landed-duty")).ToHaveTextAsync(Shown(0m, "GBP", "GB"));
        await Expect(Page.GetByTestId("landed-explanation")).ToContainTextAsync("collected at checkout under UK-VAT");
        await Expect(Page.GetByTestId("landed-on-delivery")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_Silk_and_Bloom_product_into_Germany_shows_import_charges_collected_on_delivery()
    {
        var ct = TestContext.Current.CancellationToken;
        var product = await TestProducts.CreateApparelAsync(App, "Landed Test Tee " + Guid.NewGuid().ToString("N")[..6], 128.00m, ct);

        var quote = await QuoteAsync(product, DemoSeeder.ApparelSlug, "DE", ct);

        // Silk & Bloom holds no IOSS registration, so German import VAT is collected on delivery.
        quote.CollectedAt.ShouldBe("border");
        quote.TaxAtBorder.ShouldBeGreaterThan(0m);
        quote.PayableAtCheckout.ShouldBe(quote.Goods + quote.Shipping);

        await Page.GotoAsync($"/products/{product.Id}?market=DE");

        await Expect(Page.GetByTestId("landed")).ToHaveAttributeAsync("data-collected-at", "border");
        await Expect(Page.GetByTestId("landed-collected-at")).ToHaveTextAsync("plus import charges collected on delivery");
        await Expect(Page.GetByTestId("landed-price")).ToHaveTextAsync(Shown(quote.PayableAtCheckout, "EUR", "DE"));
        await Expect(Page.GetByTestId("landed-on-delivery")).ToContainTextAsync(Shown(quote.DutyAtBorder + quote.TaxAtBorder, "EUR", "DE"));
        await Expect(Page.GetByTestId("landed-tax")).ToHaveTextAsync($"{Shown(quote.Tax, "EUR", "DE")} on delivery");
        await Expect(Page.GetByTestId("landed-explanation")).ToContainTextAsync("not registered for IOSS");
    }

    private sealed record Quote(
        string CollectedAt, string Scheme, decimal Goods, decimal Shipping, decimal Duty, decimal Tax, decimal Total, decimal PayableAtCheckout,
        decimal DutyAtBorder, decimal TaxAtBorder);

    /// <summary>The public quote for one of the product's SKU to a market, with its cheapest available shipping option, as a client would ask.</summary>
    private async Task<Quote> QuoteAsync(TestProduct product, string sellerSlug, string market, CancellationToken cancellationToken)
    {
        using var http = App.CreateClient();
        var options = await http.GetFromJsonAsync<JsonElement>($"/api/v1/products/{product.Id}/shipping-options?market={market}&sku={product.Sku}", LiveCrossApp.Json, cancellationToken);
        var cheapest = options.GetProperty("options").EnumerateArray().First(o => o.GetProperty("available").GetBoolean());
        var shipping = cheapest.GetProperty("price").GetProperty("amount").GetDecimal();

        var response = await http.PostAsJsonAsync("/api/v1/quotes/landed-cost", new
        {
            destination = market,
            items = new[] { new { sku = product.Sku, seller = sellerSlug, quantity = 1 } },
            shipping,
        }, cancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(cancellationToken));
        var quote = await response.Content.ReadFromJsonAsync<JsonElement>(LiveCrossApp.Json, cancellationToken);
        decimal Amount(string name) => quote.GetProperty(name).GetDecimal();
        return new Quote(
            quote.GetProperty("collectedAt").GetString()!, quote.GetProperty("scheme").GetString()!, Amount("goods"), Amount("shipping"),
            Amount("duty"), Amount("tax"), Amount("total"), Amount("payableAtCheckout"), Amount("dutyAtBorder"), Amount("taxAtBorder"));
    }

    /// <summary>An amount as the page writes it for this browser (American English) shopping in a market: English with the market's region.</summary>
    private static string Shown(decimal amount, string currency, string market) =>
        MoneyFormatter.Format(new Money(amount, CurrencyCode.Parse(currency)), CultureInfo.GetCultureInfo("en-" + market));
}
