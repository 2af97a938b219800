using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Platform;

/// <summary>What runs once before the server takes requests: schema, roles, markets and rates, demo data.</summary>
public static class StartupTasks
{
    public static async Task InitializeAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var services = app.Services;
        var marketFiles = MarketFiles.LoadAll(app.Configuration["Markets:DataPath"] ?? MarketFiles.DefaultFolder);
        var snapshot = ExchangeRateSnapshot.Load(app.Configuration["Markets:ExchangeRateSnapshot"] ?? ExchangeRateSnapshot.DefaultPath);

        await services.MigrateDatabaseAsync(cancellationToken);
        await services.EnsureRolesAsync();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            await MarketDataSeeder.SyncAsync(db, marketFiles, snapshot, services.GetRequiredService<TimeProvider>(), cancellationToken);
            await services.GetRequiredService<MarketRegistry>().ReloadAsync(db, cancellationToken);
        }

        if (services.GetRequiredService<IOptions<LiveCrossOptions>>().Value.DemoData)
        {
            var seeded = await DemoSeeder.SeedAsync(services, cancellationToken);
            if (seeded) app.Logger.LogInformation("Seeded demo data");
            Console.WriteLine(DemoAccounts.Banner);
        }
    }
}
