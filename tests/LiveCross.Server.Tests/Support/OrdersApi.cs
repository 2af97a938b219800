using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCross.Server.Payments;
using LiveCross.Server.Platform.Database;
using LiveCross.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Support;

/// <summary>Stock, cart and order calls the order tests make again and again.</summary>
public static class OrdersApi
{
    public const string Orders = "/api/v1/orders";
    public const string Cart = "/api/v1/cart";
    public const string Stock = "/api/v1/seller/stock";
    public const string Warehouses = "/api/v1/seller/warehouses";

    /// <summary>The seller's warehouses, by name.</summary>
    public static async Task<IReadOnlyDictionary<string, Guid>> WarehousesAsync(this HttpClient seller) =>
        (await seller.GetJsonAsync(Warehouses)).EnumerateArray().ToDictionary(w => w.GetProperty("name").GetString()!, w => w.Id());

    /// <summary>A new active product of the seller with one SKU and the given units on hand in its first, second … warehouse (by name).</summary>
    public static async Task<Stocked> StockedSkuAsync(this HttpClient seller, decimal price, params int[] onHandPerWarehouse)
    {
        var sku = Unique.Sku("ORD");
        var product = await seller.CreateProductAsync(ProductBuilder.Titled($"Travel Adapter {Unique.Word()}").Variant(sku, price));
        var warehouses = (await seller.WarehousesAsync()).OrderBy(w => w.Key, StringComparer.Ordinal).Select(w => w.Value).ToList();
        for (var i = 0; i < onHandPerWarehouse.Length; i++) await seller.SetStockAsync(sku, warehouses[i], onHandPerWarehouse[i]);
        return new Stocked(sku, product.Id(), warehouses);
    }

    public static async Task<JsonElement> SetStockAsync(this HttpClient seller, string sku, Guid warehouseId, int onHand) =>
        await (await seller.SendJsonAsync(HttpMethod.Put, Stock, new JsonObject { ["sku"] = sku, ["warehouseId"] = warehouseId.ToString(), ["onHand"] = onHand })).ShouldBeJsonAsync();

    /// <summary>On hand, reserved and available of a SKU, summed over the seller's warehouses.</summary>
    public static async Task<StockTotals> StockOfAsync(this HttpClient seller, string sku)
    {
        var rows = (await seller.GetJsonAsync($"{Stock}?sku={Uri.EscapeDataString(sku)}")).Items();
        return new StockTotals(rows.Sum(r => r.GetProperty("onHand").GetInt32()), rows.Sum(r => r.GetProperty("reserved").GetInt32()), rows.Sum(r => r.GetProperty("available").GetInt32()));
    }

    /// <summary>What a shopper in <paramref name="market"/> pays for one unit of the SKU now.</summary>
    public static async Task<decimal> ShelfPriceAsync(this HttpClient shopper, Guid productId, string sku, string market = "DE")
    {
        var product = await (await shopper.PublicProductAsync(productId, market)).ShouldBeJsonAsync();
        return product.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("sku").GetString() == sku).GetProperty("price").Amount();
    }

    /// <summary>A valid address in Berlin.</summary>
    public static JsonObject BerlinAddress() => new()
    {
        ["name"] = "Anna Schmidt",
        ["line1"] = "Friedrichstraße 43",
        ["city"] = "Berlin",
        ["postalCode"] = "10117",
        ["country"] = "DE",
        ["phone"] = "030 12345678",
    };

    /// <summary>A guest's order for Germany; leave <paramref name="items"/> out to order the cart.</summary>
    public static JsonObject GuestOrder(string email, params (string Sku, int Quantity)[] items)
    {
        var body = new JsonObject { ["market"] = "DE", ["email"] = email, ["address"] = BerlinAddress() };
        if (items.Length > 0) body["items"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject { ["sku"] = i.Sku, ["quantity"] = i.Quantity }).ToArray());
        return body;
    }

    public static Task<HttpResponseMessage> PlaceAsync(this HttpClient client, JsonNode body, string? idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, Orders) { Content = Api.JsonContent(body) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        return client.SendAsync(request, Api.Cancel);
    }

    public static async Task<JsonElement> PlaceOkAsync(this HttpClient client, JsonNode body) =>
        await (await client.PlaceAsync(body, Guid.NewGuid().ToString())).ShouldBeJsonAsync(HttpStatusCode.Created);

    /// <summary>A guest reads an order with the access token the placement answer gave.</summary>
    public static Task<JsonElement> GuestOrderAsync(this HttpClient client, JsonElement placed) =>
        client.GetJsonAsync($"{Orders}/{placed.Id()}?token={Uri.EscapeDataString(placed.GetProperty("accessToken").GetString()!)}");

    public static string Status(this JsonElement order) => order.GetProperty("status").GetString()!;

    /// <summary>Reports a payment outcome to the orders module as the payments module's webhook does: the handler changes tracked rows, one save writes them.</summary>
    public static async Task ReportPaymentAsync(this LiveCrossApp app, PaymentOutcome outcome)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        await scope.ServiceProvider.GetRequiredService<IPaymentOutcomeHandler>().HandleAsync(outcome, Api.Cancel);
        await db.SaveChangesAsync(Api.Cancel);
    }

    public static PaymentOutcome Outcome(JsonElement order, PaymentOutcomeKind kind, decimal? amount = null, Guid? paymentId = null, string? eventId = null, string? failure = null)
    {
        var due = order.GetProperty("charges").GetProperty("amountDue");
        return new PaymentOutcome(order.Id(), paymentId ?? Guid.NewGuid(), "sandbox", "pay_" + Unique.Word(), eventId ?? "evt_" + Guid.NewGuid().ToString("N"),
            kind, amount ?? due.Amount(), due.Currency(), DateTimeOffset.UtcNow, failure);
    }

    /// <summary>Polls <paramref name="read"/> until <paramref name="done"/> (at most 20 s), for work a background job does.</summary>
    public static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        var value = await read();
        for (var i = 0; i < 100 && !done(value); i++)
        {
            await Task.Delay(200, Api.Cancel);
            value = await read();
        }
        return value;
    }
}

public sealed record Stocked(string Sku, Guid ProductId, IReadOnlyList<Guid> Warehouses);

public sealed record StockTotals(int OnHand, int Reserved, int Available);

/// <summary>An app for order tests: background jobs poll four times a second, and e-mail goes to a local SMTP sink.</summary>
public abstract class OrdersAppFixture(TestDatabase database) : AppFixture(database)
{
    public SmtpSink Mail { get; } = SmtpSink.Start();

    protected override void Configure(LiveCrossApp app) => app
        .WithSetting("Orders:ExpirySweepInterval", "00:00:00.250")
        .WithSetting("Outbox:PollInterval", "00:00:00.250")
        .WithSetting("Email:Smtp:Host", "127.0.0.1")
        .WithSetting("Email:Smtp:Port", Mail.Port.ToString(System.Globalization.CultureInfo.InvariantCulture))
        .WithSetting("Email:Smtp:Security", "None")
        .WithSetting("Email:SiteUrl", "https://shop.example");

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

public sealed class SqliteOrdersAppFixture() : OrdersAppFixture(TestDatabase.Sqlite);

public sealed class PostgresOrdersAppFixture() : OrdersAppFixture(TestDatabase.Postgres);
