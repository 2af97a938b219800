using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCross.Server.Catalog;
using LiveCross.Server.Live.FlashSales;
using LiveCross.Server.Markets;
using LiveCross.Server.Orders;
using LiveCross.Server.Payments;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Live;

/// <summary>
/// One-tap checkout of a flash-sale claim at the flash price, and live coupons at checkout: each is bought or used
/// once, whatever races, and a claim's units go back to the sale exactly once when its order is not paid.
/// </summary>
public abstract class LiveCheckoutTests(AppFixture fixture)
{
    private const decimal ShelfPriceUsd = 30.00m;
    private const decimal FlashPriceUsd = 9.99m;

    private LiveCrossApp App => fixture.App;

    [Fact]
    public async Task A_claim_is_ordered_at_the_flash_price_with_vat_on_that_price_and_paying_the_order_pays_the_claim()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var sale = await CreateSaleAsync(seller, quantity: 5, perCustomerLimit: 2);
        using var buyer = await CustomerAsync();
        var claim = await ClaimAsync(buyer, sale.Id, quantity: 2);

        var order = await buyer.PlaceOkAsync(ClaimOrder(claim.Id));

        var flashEur = InDe(FlashPriceUsd);
        flashEur.ShouldBeLessThan(InDe(ShelfPriceUsd));
        var line = order.GetProperty("lines").EnumerateArray().ShouldHaveSingleItem();
        line.GetProperty("sku").GetString().ShouldBe(sale.Sku);
        line.GetProperty("quantity").GetInt32().ShouldBe(2);
        line.GetProperty("unitPrice").Amount().ShouldBe(flashEur);
        var charges = order.GetProperty("charges");
        var goods = charges.GetProperty("goods").Amount();
        var shipping = charges.GetProperty("shipping").Amount();
        goods.ShouldBe(flashEur * 2);
        charges.GetProperty("discount").Amount().ShouldBe(0m);
        // VoltWave collects VAT under IOSS: 19% of what the buyer pays for goods and shipping, here the flash price.
        charges.GetProperty("tax").Amount().ShouldBe(decimal.Round((goods + shipping) * 0.19m, 2, MidpointRounding.AwayFromZero));
        charges.GetProperty("total").Amount().ShouldBe(goods + shipping + charges.GetProperty("duty").Amount() + charges.GetProperty("tax").Amount());
        order.GetProperty("reservationExpiresAt").GetDateTimeOffset().ShouldBeLessThanOrEqualTo(claim.PayBefore, "the order must be paid while the claim holds its units");
        (await ClaimStatusAsync(seller, sale.Id, claim.Id)).ShouldBe("ordered");

        await App.ReportPaymentAsync(OrdersApi.Outcome(order, PaymentOutcomeKind.Succeeded));

        (await buyer.GetJsonAsync($"{OrdersApi.Orders}/{order.Id()}")).Status().ShouldBe("paid");
        (await ClaimStatusAsync(seller, sale.Id, claim.Id)).ShouldBe("paid");
        (await SaleAsync(sale.Id)).GetProperty("claimed").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Orders_racing_for_one_claim_make_one_order_and_the_others_are_told_it_was_ordered()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var sale = await CreateSaleAsync(seller, quantity: 3, perCustomerLimit: 1);
        using var buyer = await CustomerAsync();
        var claim = await ClaimAsync(buyer, sale.Id, quantity: 1);
        var answers = new ConcurrentBag<HttpResponseMessage>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 8), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Api.Cancel }, async (i, _) =>
            answers.Add(await buyer.PlaceAsync(ClaimOrder(claim.Id), $"race-{claim.Id}-{i}")));

        answers.Count(a => a.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
            (await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString().ShouldBeOneOf("Claim already ordered.", "Stock busy.");
        var again = await (await buyer.PlaceAsync(ClaimOrder(claim.Id), Guid.NewGuid().ToString())).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        again.GetProperty("title").GetString().ShouldBe("Claim already ordered.");
        (await buyer.GetJsonAsync(OrdersApi.Orders)).GetProperty("total").GetInt32().ShouldBe(1);
        (await seller.StockOfAsync(sale.Sku)).Reserved.ShouldBe(1);
        (await SaleAsync(sale.Id)).GetProperty("claimed").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_claim_is_its_buyers_only_and_an_expired_claim_is_gone()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var sale = await CreateSaleAsync(seller, quantity: 3, perCustomerLimit: 1);
        using var buyer = await CustomerAsync();
        using var other = await CustomerAsync();
        using var guest = App.CreateClient();
        var claim = await ClaimAsync(buyer, sale.Id, quantity: 1);

        await (await other.PlaceAsync(ClaimOrder(claim.Id), Guid.NewGuid().ToString())).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        var asGuest = ClaimOrder(claim.Id);
        asGuest["email"] = Unique.Email("guest");
        await (await guest.PlaceAsync(asGuest, Guid.NewGuid().ToString())).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "claimId");
        var withItems = ClaimOrder(claim.Id);
        withItems["items"] = new JsonArray(new JsonObject { ["sku"] = sale.Sku, ["quantity"] = 1 });
        await (await buyer.PlaceAsync(withItems, Guid.NewGuid().ToString())).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "items");

        App.Clock.Advance(TimeSpan.FromMinutes(11));
        var gone = await (await buyer.PlaceAsync(ClaimOrder(claim.Id), Guid.NewGuid().ToString())).ShouldBeProblemAsync(HttpStatusCode.Gone);
        gone.GetProperty("title").GetString().ShouldBe("Claim expired.");
        await App.Services.GetRequiredService<ClaimExpiryJob>().SweepAsync(Api.Cancel);
        await (await buyer.PlaceAsync(ClaimOrder(claim.Id), Guid.NewGuid().ToString())).ShouldBeProblemAsync(HttpStatusCode.Gone);
        (await SaleAsync(sale.Id)).GetProperty("claimed").GetInt32().ShouldBe(0);
        (await seller.StockOfAsync(sale.Sku)).Reserved.ShouldBe(0);
    }

    [Fact]
    public async Task The_claim_expiry_job_never_releases_an_ordered_claim_and_an_unpaid_order_gives_its_units_back_once()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var sale = await CreateSaleAsync(seller, quantity: 1, perCustomerLimit: 1, durationSeconds: 3600);
        using var buyer = await CustomerAsync();
        using var waiting = await CustomerAsync();
        var claim = await ClaimAsync(buyer, sale.Id, quantity: 1);
        var order = await buyer.PlaceOkAsync(ClaimOrder(claim.Id));
        (await AttemptAsync(waiting, sale.Id, "before", 1)).GetProperty("outcome").GetString().ShouldBe("SoldOut");

        // The claim's time is up, but it is an order now: only the order's own expiry may give its units back.
        App.Clock.Advance(TimeSpan.FromMinutes(11));
        await App.Services.GetRequiredService<ClaimExpiryJob>().SweepAsync(Api.Cancel);
        (await ClaimStatusAsync(seller, sale.Id, claim.Id)).ShouldBe("ordered");
        (await SaleAsync(sale.Id)).GetProperty("claimed").GetInt32().ShouldBe(1);

        // The order's expiry on two nodes and the buyer's cancel, all at once: one of them cancels, the units go back once.
        var expiryJob = App.Services.GetRequiredService<ReservationExpiryJob>();
        var otherNode = ActivatorUtilities.CreateInstance<ReservationExpiryJob>(App.Services);
        await Task.WhenAll(
            expiryJob.SweepAsync(Api.Cancel),
            otherNode.SweepAsync(Api.Cancel),
            buyer.PostAsync($"{OrdersApi.Orders}/{order.Id()}/cancel", null, Api.Cancel));

        (await buyer.GetJsonAsync($"{OrdersApi.Orders}/{order.Id()}")).Status().ShouldBe("cancelled");
        (await ClaimStatusAsync(seller, sale.Id, claim.Id)).ShouldBe("expired");
        (await SaleAsync(sale.Id)).GetProperty("claimed").GetInt32().ShouldBe(0);
        (await seller.StockOfAsync(sale.Sku)).Reserved.ShouldBe(0);
        (await AttemptAsync(waiting, sale.Id, "after", 1)).GetProperty("outcome").GetString().ShouldBe("Accepted");
        (await SaleAsync(sale.Id)).GetProperty("claimed").GetInt32().ShouldBe(1);
        await (await buyer.PlaceAsync(ClaimOrder(claim.Id), Guid.NewGuid().ToString())).ShouldBeProblemAsync(HttpStatusCode.Gone);
    }

    [Fact]
    public async Task A_coupon_takes_its_amount_off_the_goods_before_vat_and_is_used_once_even_by_orders_at_once()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        var sku = await seller.StockedSkuAsync(ShelfPriceUsd, 100);
        using var buyer = await CustomerAsync();
        var coupon = await CouponAsync(seller, buyer, DrawsApi.AmountOff(5.00m, "USD", 10, App.Clock.GetUtcNow().AddMinutes(30), minimumSpend: 20.00m));
        var answers = new ConcurrentBag<HttpResponseMessage>();

        await Parallel.ForEachAsync(Enumerable.Range(0, 6), new ParallelOptions { MaxDegreeOfParallelism = 6, CancellationToken = Api.Cancel }, async (i, _) =>
            answers.Add(await buyer.PlaceAsync(CouponOrder(sku.Sku, 2, coupon), $"coupon-{coupon}-{i}")));

        var placed = answers.Where(a => a.StatusCode == HttpStatusCode.Created).ShouldHaveSingleItem();
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.Created))
            (await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("title").GetString().ShouldBeOneOf("Coupon already used.", "Stock busy.");
        var charges = (await placed.ShouldBeJsonAsync(HttpStatusCode.Created)).GetProperty("charges");
        var goods = charges.GetProperty("goods").Amount();
        var discount = charges.GetProperty("discount").Amount();
        var shipping = charges.GetProperty("shipping").Amount();
        goods.ShouldBe(InDe(ShelfPriceUsd) * 2);
        discount.ShouldBe(InDe(5.00m));
        charges.GetProperty("tax").Amount().ShouldBe(decimal.Round((goods - discount + shipping) * 0.19m, 2, MidpointRounding.AwayFromZero));
        charges.GetProperty("total").Amount().ShouldBe(goods - discount + shipping + charges.GetProperty("duty").Amount() + charges.GetProperty("tax").Amount());
        var again = await (await buyer.PlaceAsync(CouponOrder(sku.Sku, 1, coupon), Guid.NewGuid().ToString())).ShouldBeProblemAsync(HttpStatusCode.Conflict);
        again.GetProperty("title").GetString().ShouldBe("Coupon already used.");
        (await buyer.GetJsonAsync(OrdersApi.Orders)).GetProperty("total").GetInt32().ShouldBe(1);
    }

    [Fact]
    public async Task A_coupon_below_its_minimum_spend_expired_or_of_another_seller_is_refused_naming_the_coupon()
    {
        using var seller1 = await App.ClientForAsync(DemoAccounts.Seller1);
        using var seller2 = await App.ClientForAsync(DemoAccounts.Seller2);
        var sku = await seller1.StockedSkuAsync(ShelfPriceUsd, 100);
        var otherSellersSku = await seller2.StockedSkuAsync(200m, 100);
        using var buyer = await CustomerAsync();
        var expires = App.Clock.GetUtcNow().AddMinutes(30);
        var needs50 = await CouponAsync(seller1, buyer, DrawsApi.AmountOff(5.00m, "USD", 10, expires, minimumSpend: 50.00m));
        var tenPercent = await CouponAsync(seller1, buyer, new JsonObject { ["quantity"] = 10, ["percentOff"] = 10, ["expiresAt"] = expires.ToString("O") });
        var unused = await CouponAsync(seller1, buyer, DrawsApi.AmountOff(1.00m, "USD", 10, expires));

        await (await buyer.PlaceAsync(CouponOrder(sku.Sku, 1, needs50), Guid.NewGuid().ToString())).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "couponId");
        await (await buyer.PlaceAsync(CouponOrder(otherSellersSku.Sku, 1, tenPercent), Guid.NewGuid().ToString())).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "couponId");
        await (await buyer.PlaceAsync(CouponOrder(sku.Sku, 1, Guid.NewGuid()), Guid.NewGuid().ToString())).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "couponId");
        using var guest = App.CreateClient();
        var asGuest = CouponOrder(sku.Sku, 1, tenPercent);
        asGuest["email"] = Unique.Email("guest");
        await (await guest.PlaceAsync(asGuest, Guid.NewGuid().ToString())).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "couponId");
        (await seller1.StockOfAsync(sku.Sku)).Reserved.ShouldBe(0, "a refused order changes nothing");

        var twoUnits = await buyer.PlaceOkAsync(CouponOrder(sku.Sku, 2, needs50));
        twoUnits.GetProperty("charges").GetProperty("discount").Amount().ShouldBe(InDe(5.00m));
        // Cancelled unpaid, the order gives its coupon back.
        (await buyer.PostAsync($"{OrdersApi.Orders}/{twoUnits.Id()}/cancel", null, Api.Cancel)).IsSuccessStatusCode.ShouldBeTrue();
        (await buyer.PlaceOkAsync(CouponOrder(sku.Sku, 2, needs50))).GetProperty("charges").GetProperty("discount").Amount().ShouldBe(InDe(5.00m));
        var percentOrder = await buyer.PlaceOkAsync(CouponOrder(sku.Sku, 3, tenPercent));
        var goods = percentOrder.GetProperty("charges").GetProperty("goods").Amount();
        percentOrder.GetProperty("charges").GetProperty("discount").Amount().ShouldBe(decimal.Round(goods * 0.10m, 2, MidpointRounding.AwayFromZero));

        App.Clock.Advance(TimeSpan.FromMinutes(31));
        var expired = await (await buyer.PlaceAsync(CouponOrder(sku.Sku, 2, unused), Guid.NewGuid().ToString())).ShouldBeProblemAsync(HttpStatusCode.BadRequest, "couponId");
        expired.GetProperty("errors").GetProperty("couponId")[0].GetString()!.ShouldContain("expired");
    }

    private static JsonObject ClaimOrder(Guid claimId) => new() { ["market"] = "DE", ["address"] = OrdersApi.BerlinAddress(), ["claimId"] = claimId.ToString() };

    private static JsonObject CouponOrder(string sku, int quantity, Guid couponId) => new()
    {
        ["market"] = "DE",
        ["address"] = OrdersApi.BerlinAddress(),
        ["items"] = new JsonArray(new JsonObject { ["sku"] = sku, ["quantity"] = quantity }),
        ["couponId"] = couponId.ToString(),
    };

    /// <summary>A USD amount as a shopper in Germany pays it, by the app's exchange rates.</summary>
    private decimal InDe(decimal usd)
    {
        var markets = App.Services.GetRequiredService<MarketRegistry>();
        markets.TryGet("DE", out var germany).ShouldBeTrue();
        return Pricing.PriceIn(germany, markets.Rates, usd, "USD", marketPrice: null).Amount;
    }

    private sealed record Sale(Guid Id, string Sku);

    private sealed record Claim(Guid Id, DateTimeOffset PayBefore);

    private static async Task<Sale> CreateSaleAsync(HttpClient seller, int quantity, int perCustomerLimit, int durationSeconds = 600)
    {
        var stocked = await seller.StockedSkuAsync(ShelfPriceUsd, 100);
        var product = await seller.GetJsonAsync($"/api/v1/seller/products/{stocked.ProductId}");
        var skuId = product.GetProperty("variants").EnumerateArray().Single().Id();
        var created = await (await seller.SendJsonAsync(HttpMethod.Post, "/api/v1/seller/flash-sales", new JsonObject
        {
            ["skuId"] = skuId.ToString(),
            ["quantity"] = quantity,
            ["price"] = new JsonObject { ["amount"] = FlashPriceUsd, ["currency"] = "USD" },
            ["perCustomerLimit"] = perCustomerLimit,
            ["durationSeconds"] = durationSeconds,
        })).ShouldBeJsonAsync(HttpStatusCode.Created);
        return new Sale(created.Id(), stocked.Sku);
    }

    private async Task<HttpClient> CustomerAsync()
    {
        var email = Unique.Email("buyer");
        const string password = "Live-checkout-buyer-1";
        using var anonymous = App.CreateClient();
        (await anonymous.PostAsJsonAsync("/api/v1/account/register", new { email, password }, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Created);
        return await App.ClientForAsync(email, password);
    }

    private static async Task<JsonElement> AttemptAsync(HttpClient buyer, Guid sale, string key, int quantity)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/flash-sales/{sale}/attempts") { Content = Api.JsonContent(new JsonObject { ["quantity"] = quantity }) };
        request.Headers.Add("Idempotency-Key", key);
        return await (await buyer.SendAsync(request, Api.Cancel)).ShouldBeJsonAsync();
    }

    private static async Task<Claim> ClaimAsync(HttpClient buyer, Guid sale, int quantity)
    {
        var answer = await AttemptAsync(buyer, sale, Guid.NewGuid().ToString(), quantity);
        answer.GetProperty("outcome").GetString().ShouldBe("Accepted");
        return new Claim(answer.GetProperty("claimId").GetGuid(), answer.GetProperty("payBefore").GetDateTimeOffset());
    }

    /// <summary>Drops coupons in a new live session of the seller; the buyer claims one.</summary>
    private static async Task<Guid> CouponAsync(HttpClient seller, HttpClient buyer, JsonObject drop)
    {
        var session = await seller.LiveSessionAsync();
        var coupon = (await (await seller.SendJsonAsync(HttpMethod.Post, DrawsApi.Coupons(session), drop)).ShouldBeJsonAsync(HttpStatusCode.Created)).Id();
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/coupons/{coupon}/claims");
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString());
        (await (await buyer.SendAsync(request, Api.Cancel)).ShouldBeJsonAsync()).GetProperty("outcome").GetString().ShouldBe("Claimed");
        return coupon;
    }

    private static async Task<string> ClaimStatusAsync(HttpClient seller, Guid sale, Guid claim) =>
        (await seller.GetJsonAsync($"/api/v1/flash-sales/{sale}/claims")).GetProperty("claims").EnumerateArray()
            .Single(c => c.Id() == claim).GetProperty("status").GetString()!;

    private async Task<JsonElement> SaleAsync(Guid sale) => await App.CreateClient().GetJsonAsync($"/api/v1/flash-sales/{sale}");
}

public sealed class LiveCheckoutTestsOnSqlite(SqliteAppFixture fixture) : LiveCheckoutTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class LiveCheckoutTestsOnPostgres(PostgresAppFixture fixture) : LiveCheckoutTests(fixture), IClassFixture<PostgresAppFixture>;
