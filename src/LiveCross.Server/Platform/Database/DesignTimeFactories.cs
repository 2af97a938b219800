using LiveCross.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace LiveCross.Server.Platform.Database;

// Used only by `dotnet ef migrations add`; the running server configures contexts in DatabaseModule.
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteLiveCrossDbContext>
{
    public SqliteLiveCrossDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteLiveCrossDbContext>().UseSqlite("Data Source=design.db").Options, new TenantScope(), TimeProvider.System);
}

public sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresLiveCrossDbContext>
{
    public PostgresLiveCrossDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresLiveCrossDbContext>().UseNpgsql("Host=localhost;Database=design").Options, new TenantScope(), TimeProvider.System);
}
