using System.Net;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Orders;

/// <summary>Stock held for an unpaid order goes back when the payment window passes, even across restarts.</summary>
public abstract class ReservationExpiryTests(OrdersAppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    [Fact]
    public async Task An_unpaid_order_is_cancelled_by_the_system_when_its_payment_window_passes_and_its_stock_is_released()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(10.00m, 4);
        var order = await guest.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("late"), (item.Sku, 3)));
        (await seller.StockOfAsync(item.Sku)).Available.ShouldBe(1);

        App.Clock.Advance(TimeSpan.FromMinutes(16));

        var cancelled = await OrdersApi.EventuallyAsync(() => guest.GuestOrderAsync(order), o => o.Status() != "pending_payment");
        cancelled.Status().ShouldBe("cancelled");
        var last = cancelled.GetProperty("transitions").EnumerateArray().Last();
        last.GetProperty("from").GetString().ShouldBe("pending_payment");
        last.GetProperty("to").GetString().ShouldBe("cancelled");
        last.GetProperty("actor").GetString().ShouldBe("system");
        (await seller.StockOfAsync(item.Sku)).ShouldBe(new StockTotals(OnHand: 4, Reserved: 0, Available: 4));
    }

    [Fact]
    public async Task An_order_still_inside_its_payment_window_keeps_its_stock()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(10.00m, 2);
        var order = await guest.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("patient"), (item.Sku, 2)));

        App.Clock.Advance(TimeSpan.FromMinutes(14));
        await Task.Delay(TimeSpan.FromSeconds(1), Api.Cancel); // four sweeps at the fixture's interval

        (await guest.GuestOrderAsync(order)).Status().ShouldBe("pending_payment");
        (await seller.StockOfAsync(item.Sku)).Available.ShouldBe(0);
    }

    [Fact]
    public async Task A_buyer_can_cancel_an_unpaid_order_and_the_stock_comes_back()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var guest = App.CreateClient();
        var item = await seller.StockedSkuAsync(10.00m, 2);
        var order = await guest.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("cancel"), (item.Sku, 2)));
        var token = Uri.EscapeDataString(order.GetProperty("accessToken").GetString()!);

        (await guest.PostAsync($"{OrdersApi.Orders}/{order.Id()}/cancel", null, Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var cancelled = await (await guest.PostAsync($"{OrdersApi.Orders}/{order.Id()}/cancel?token={token}", null, Api.Cancel)).ShouldBeJsonAsync();

        cancelled.Status().ShouldBe("cancelled");
        cancelled.GetProperty("transitions").EnumerateArray().Last().GetProperty("actor").GetString().ShouldBe("guest");
        (await seller.StockOfAsync(item.Sku)).ShouldBe(new StockTotals(OnHand: 2, Reserved: 0, Available: 2));
        await (await guest.PostAsync($"{OrdersApi.Orders}/{order.Id()}/cancel?token={token}", null, Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.Conflict);
    }
}

public sealed class ReservationExpiryTestsOnSqlite(SqliteOrdersAppFixture fixture) : ReservationExpiryTests(fixture), IClassFixture<SqliteOrdersAppFixture>;

public sealed class ReservationExpiryTestsOnPostgres(PostgresOrdersAppFixture fixture) : ReservationExpiryTests(fixture), IClassFixture<PostgresOrdersAppFixture>;

/// <summary>The payment deadline lives in the database: an order placed before a restart expires on whichever instance runs next.</summary>
public sealed class ReservationExpiryAcrossRestartsTests
{
    [Theory]
    [InlineData(TestDatabase.Sqlite)]
    [InlineData(TestDatabase.Postgres)]
    public async Task An_order_placed_before_a_restart_is_expired_by_the_next_instance(TestDatabase database)
    {
        var connection = database == TestDatabase.Postgres ? await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("restart") : null;
        var dataDirectory = LiveCrossApp.NewDataDirectory();
        try
        {
            string sku;
            Guid orderId;
            await using (var first = new LiveCrossApp(database, connection, dataDirectory: dataDirectory).WithSetting("Orders:ExpirySweepInterval", "01:00:00"))
            {
                using var seller = await first.ClientForAsync(DemoAccounts.Seller1);
                using var guest = first.CreateClient();
                var item = await seller.StockedSkuAsync(10.00m, 3);
                sku = item.Sku;
                orderId = (await guest.PlaceOkAsync(OrdersApi.GuestOrder(Unique.Email("restart"), (sku, 3)))).Id();
                (await seller.StockOfAsync(sku)).Available.ShouldBe(0);
            }

            await using var second = new LiveCrossApp(database, connection, dataDirectory: dataDirectory).WithSetting("Orders:ExpirySweepInterval", "00:00:00.250");
            second.Clock.Advance(TimeSpan.FromMinutes(20));
            using var sellerAfter = await second.ClientForAsync(DemoAccounts.Seller1);

            var stock = await OrdersApi.EventuallyAsync(() => sellerAfter.StockOfAsync(sku), s => s.Available == 3);

            stock.ShouldBe(new StockTotals(OnHand: 3, Reserved: 0, Available: 3));
            var order = await sellerAfter.GetJsonAsync($"/api/v1/seller/orders/{orderId}");
            order.Status().ShouldBe("cancelled");
            order.GetProperty("transitions").EnumerateArray().Last().GetProperty("actor").GetString().ShouldBe("system");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDirectory, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }
}
