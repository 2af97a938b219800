using LiveCross.Domain.LandedCost;
using LiveCross.Server.Addresses;
using LiveCross.Server.Cart;
using LiveCross.Server.Catalog;
using LiveCross.Server.Events;
using LiveCross.Server.Feed;
using LiveCross.Server.Inventory;
using LiveCross.Server.LandedCost;
using LiveCross.Server.Live.Checkout;
using LiveCross.Server.Live.Coupons;
using LiveCross.Server.Live.Draws;
using LiveCross.Server.Live.FlashSales;
using LiveCross.Server.Live.HostConsole;
using LiveCross.Server.Live.Replays;
using LiveCross.Server.Live.Rooms;
using LiveCross.Server.Live.Sessions;
using LiveCross.Server.Markets;
using LiveCross.Server.Orders;
using LiveCross.Server.Payments;
using LiveCross.Server.Platform;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Admin;
using LiveCross.Server.Platform.Benchmarks;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Email;
using LiveCross.Server.Platform.Outbox;
using LiveCross.Server.Platform.Redis;
using LiveCross.Server.Platform.Telemetry;
using LiveCross.Server.Platform.Web;
using LiveCross.Server.Recommendations;
using LiveCross.Server.Shipping;
using LiveCross.Server.Videos;

// `recs eval …` is an offline tool: it runs before (and instead of) the web host.
if (args is ["recs", ..]) return RecommendationEvaluationCommand.Run(args[1..], Console.Out, Console.Error);

var builder = WebApplication.CreateBuilder(args);
builder.Configuration.AddEnvironmentVariables(prefix: "LIVECROSS__");
builder.Configuration.AddCommandLine(args);

builder.AddPlatform();
builder.AddTelemetry();
builder.AddDatabase();
builder.AddRedis();
builder.AddOutbox();
builder.AddAccounts();
builder.AddMarkets();
builder.AddCatalog();
builder.AddPayments();
builder.AddShipping();
builder.AddEmail();
builder.AddCart();
builder.AddOrders();
builder.AddLandedCost();
builder.AddFlashSales();
builder.AddLiveSessions();
builder.AddLuckyDraws();
builder.AddLiveCoupons();
builder.AddLiveCheckout();
builder.AddRooms();
builder.AddReplays();
builder.AddHostConsole();
builder.AddVideos();
builder.AddFeed();
builder.AddRecommendations();
builder.AddEvents();
builder.AddWeb();

var app = builder.Build();
app.UseWeb();
app.MapAccountApi();
app.MapMarkets();
app.MapCatalog();
app.MapSellerCatalog();
app.MapPayments();
app.MapShipping();
app.MapSellerInventory();
app.MapCart();
app.MapAddresses();
app.MapOrders();
app.MapSellerOrders();
app.MapLandedCost();
app.MapFlashSales();
app.MapLiveSessions();
app.MapLuckyDraws();
app.MapLiveCoupons();
app.MapRooms();
app.MapReplays();
app.MapHostConsole();
app.MapVideos();
app.MapFeed();
app.MapEvents();
app.MapAdmin();
app.MapBenchmarkReferences();
app.MapWebPages();

try
{
    await app.RunAsync();
    return 0;
}
// Under WebApplicationFactory this Main runs inside the test process, and the factory learns of a
// failed start only from an exception leaving Main; the friendly exit is for LiveCross run as itself.
catch (Microsoft.Extensions.Options.OptionsValidationException e) when (System.Reflection.Assembly.GetEntryAssembly() == typeof(Program).Assembly)
{
    await Console.Error.WriteLineAsync($"LiveCross cannot start: a setting is invalid.{Environment.NewLine}{string.Join(Environment.NewLine, e.Failures)}");
    return 1;
}
catch (MarketDataException e) when (System.Reflection.Assembly.GetEntryAssembly() == typeof(Program).Assembly)
{
    await Console.Error.WriteLineAsync($"LiveCross cannot start: the market data is invalid.{Environment.NewLine}{e.Message}");
    return 1;
}
catch (ShippingDataException e) when (System.Reflection.Assembly.GetEntryAssembly() == typeof(Program).Assembly)
{
    await Console.Error.WriteLineAsync($"LiveCross cannot start: the shipping data is invalid.{Environment.NewLine}{e.Message}");
    return 1;
}
catch (VideoStoreException e) when (System.Reflection.Assembly.GetEntryAssembly() == typeof(Program).Assembly)
{
    await Console.Error.WriteLineAsync($"LiveCross cannot start: the video store is not usable.{Environment.NewLine}{e.Message}");
    return 1;
}
catch (ImportRuleDataException e) when (System.Reflection.Assembly.GetEntryAssembly() == typeof(Program).Assembly)
{
    await Console.Error.WriteLineAsync($"LiveCross cannot start: the import (landed-cost) rules are invalid.{Environment.NewLine}{e.Message}");
    return 1;
}

public partial class Program;
