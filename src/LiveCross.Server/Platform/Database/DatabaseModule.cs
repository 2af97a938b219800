using LiveCross.Server.Platform.Tenancy;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Platform.Database;

public static class DatabaseModule
{
    /// <summary>Capability modules register their EF Core interceptors as <see cref="IInterceptor"/> services; every context gets them.</summary>
    public static WebApplicationBuilder AddDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<LiveCrossOptions>().Bind(builder.Configuration).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<TenantScope>();

        var database = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        var dataPath = (builder.Configuration.Get<LiveCrossOptions>() ?? new LiveCrossOptions()).DataPath;
        // One query per load by default: most loads with several collections read one row's few children (a product's
        // translations and duty rates), where a round trip per collection costs more than the repeated columns. A query
        // over many rows with several collections says AsSplitQuery() itself (the feed's catalogue).
        if (database.Provider == DatabaseProvider.Postgres)
        {
            builder.Services.AddDbContext<LiveCrossDbContext, PostgresLiveCrossDbContext>((services, o) =>
                o.UseNpgsql(database.ConnectionString ?? "", npgsql => npgsql.EnableRetryOnFailure().UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)).AddInterceptors(services.GetServices<IInterceptor>()));
        }
        else
        {
            var connectionString = database.ConnectionString ?? SqliteConnectionString(dataPath);
            builder.Services.AddDbContext<LiveCrossDbContext, SqliteLiveCrossDbContext>((services, o) =>
                o.UseSqlite(connectionString, sqlite => sqlite.UseQuerySplittingBehavior(QuerySplittingBehavior.SingleQuery)).AddInterceptors(services.GetServices<IInterceptor>()));
        }
        builder.Services.AddHealthChecks().AddDbContextCheck<LiveCrossDbContext>("database", tags: ["ready"]);
        return builder;
    }

    public static string SqliteConnectionString(string dataPath) =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataPath, "livecross.db"), Pooling = true }.ToString();

    /// <summary>Creates the data folder, applies the provider's migrations and, for SQLite, turns on write-ahead logging.</summary>
    public static async Task MigrateDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken)
    {
        var options = services.GetRequiredService<IOptions<LiveCrossOptions>>().Value;
        Directory.CreateDirectory(options.DataPath);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        if (db.Database.IsSqlite())
        {
            // WAL lets readers proceed while a writer commits; the setting is stored in the database file.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
            await db.Database.CloseConnectionAsync();
        }
        await db.Database.MigrateAsync(cancellationToken);
    }
}
