using LiveCross.Server.Catalog;
using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.Sessions;

public static class LiveSessionsModel
{
    /// <summary>Sessions are seller-owned: the tenant filter reads the seller from <paramref name="db"/> per query, as the catalog's does.</summary>
    public static void ConfigureModel(ModelBuilder builder, LiveCrossDbContext db)
    {
        builder.Entity<LiveSession>(s =>
        {
            s.Property(x => x.Id).ValueGeneratedNever();
            s.HasQueryFilter(x => db.TenantSellerId == null || x.SellerId == db.TenantSellerId);
            s.HasOne<Platform.Tenancy.Seller>().WithMany().HasForeignKey(x => x.SellerId).OnDelete(DeleteBehavior.Restrict);
            s.HasOne<Platform.Accounts.AppUser>().WithMany().HasForeignKey(x => x.HostAccountId).OnDelete(DeleteBehavior.Restrict);
            s.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            s.Property(x => x.Source).HasConversion<string>().HasMaxLength(20);
            s.Property(x => x.DefaultLocale).HasMaxLength(20);
            s.Property(x => x.StreamKeyHash).HasMaxLength(64);
            s.Property(x => x.StreamKeyHint).HasMaxLength(4);
            // The media server's callback finds a session by its key's hash alone.
            s.HasIndex(x => x.StreamKeyHash).IsUnique();
            s.HasIndex(x => new { x.SellerId, x.ScheduledStart });
            s.HasIndex(x => new { x.Status, x.ScheduledStart });
            s.Property(x => x.Version).IsConcurrencyToken();
            s.HasMany(x => x.Titles).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
            s.HasMany(x => x.Markets).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
            s.HasMany(x => x.Products).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
            s.HasMany(x => x.Transitions).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<LiveSessionTitle>(t =>
        {
            t.ToTable("LiveSessionTitles");
            t.HasKey(x => new { x.SessionId, x.Locale });
            t.Property(x => x.Locale).HasMaxLength(20);
            t.Property(x => x.Title).HasMaxLength(LiveSessionInputValidator.MaxTitle);
        });

        builder.Entity<LiveSessionMarket>(m =>
        {
            m.ToTable("LiveSessionMarkets");
            m.HasKey(x => new { x.SessionId, x.MarketCode });
            m.Property(x => x.MarketCode).HasMaxLength(2);
            m.HasIndex(x => x.MarketCode);
        });

        builder.Entity<LiveSessionProduct>(p =>
        {
            p.ToTable("LiveSessionProducts");
            p.HasKey(x => new { x.SessionId, x.Position });
            p.HasOne<Product>().WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<LiveSessionTransition>(t =>
        {
            t.ToTable("LiveSessionTransitions");
            t.Property(x => x.Id).ValueGeneratedNever();
            t.Property(x => x.From).HasConversion<string>().HasMaxLength(20);
            t.Property(x => x.To).HasConversion<string>().HasMaxLength(20);
            t.Property(x => x.Actor).HasMaxLength(100);
            t.Property(x => x.Reason).HasMaxLength(300);
            t.HasIndex(x => new { x.SessionId, x.At });
        });
    }
}
