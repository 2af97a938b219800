using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Platform;

/// <summary>
/// What runs once before the server takes requests: market files checked, schema migrated, roles,
/// markets and rates loaded, demo data seeded. A hosted service (registered before any other) rather
/// than code in Program, so test hosts and real starts go through the same steps.
/// </summary>
public sealed class StartupInitializer(IServiceProvider services, IConfiguration configuration, IOptions<LiveCrossOptions> options, ILogger<StartupInitializer> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var marketFiles = MarketFiles.LoadAll(configuration["Markets:DataPath"] ?? MarketFiles.DefaultFolder);
        var snapshot = ExchangeRateSnapshot.Load(configuration["Markets:ExchangeRateSnapshot"] ?? ExchangeRateSnapshot.DefaultPath);

        await services.MigrateDatabaseAsync(cancellationToken);
        await services.EnsureRolesAsync();
        await using (var scope = services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
            await MarketDataSeeder.SyncAsync(db, marketFiles, snapshot, services.GetRequiredService<TimeProvider>(), cancellationToken);
            await services.GetRequiredService<MarketRegistry>().ReloadAsync(db, cancellationToken);
        }

        await Videos.VideoStoreStartup.PrepareAsync(services, cancellationToken);
        if (options.Value.DemoData)
        {
            if (await DemoSeeder.SeedAsync(services, cancellationToken)) logger.LogInformation("Seeded demo data into an empty database");
            if (await DemoInventory.SeedAsync(services, cancellationToken)) logger.LogInformation("Seeded demo warehouses and stock");
            if (await DemoLiveSessions.SeedAsync(services, logger, cancellationToken)) logger.LogInformation("Seeded demo live sessions");
            if (await Live.Replays.DemoReplay.SeedAsync(services, cancellationToken)) logger.LogInformation("Seeded a demo replay");
            if (await Videos.DemoVideos.SeedAsync(services, cancellationToken)) logger.LogInformation("Seeded demo videos");
            Console.WriteLine(DemoAccounts.Banner);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
