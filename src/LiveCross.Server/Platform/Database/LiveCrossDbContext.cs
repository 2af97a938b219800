using System.Text.Json;
using LiveCross.Server.Addresses;
using LiveCross.Server.Cart;
using LiveCross.Server.Catalog;
using LiveCross.Server.Inventory;
using LiveCross.Server.LandedCost;
using LiveCross.Server.Live.Sessions;
using LiveCross.Server.Markets;
using LiveCross.Server.Orders;
using LiveCross.Server.Payments;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Outbox;
using LiveCross.Server.Platform.Secrets;
using LiveCross.Server.Platform.Tenancy;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace LiveCross.Server.Platform.Database;

/// <summary>
/// The one unit of work. Provider-specific subclasses exist only so each provider keeps its own
/// migration set (<see cref="SqliteLiveCrossDbContext"/>, <see cref="PostgresLiveCrossDbContext"/>).
/// </summary>
public abstract class LiveCrossDbContext(DbContextOptions options, TenantScope tenant, TimeProvider clock)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    /// <summary>The key ring that protects sign-in cookies and bearer tokens, shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<Seller> Sellers => Set<Seller>();
    public DbSet<MarketRecord> Markets => Set<MarketRecord>();
    public DbSet<ExchangeRateRecord> ExchangeRates => Set<ExchangeRateRecord>();
    public DbSet<Product> Products => Set<Product>();
    public DbSet<ProductVariant> Variants => Set<ProductVariant>();
    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<Payment> Payments => Set<Payment>();
    public DbSet<PaymentEvent> PaymentEvents => Set<PaymentEvent>();
    public DbSet<SharedSecret> SharedSecrets => Set<SharedSecret>();
    public DbSet<Warehouse> Warehouses => Set<Warehouse>();
    public DbSet<StockLevel> StockLevels => Set<StockLevel>();
    public DbSet<StockReservation> StockReservations => Set<StockReservation>();
    public DbSet<ShoppingCart> Carts => Set<ShoppingCart>();
    public DbSet<CartItem> CartItems => Set<CartItem>();
    public DbSet<CustomerAddress> CustomerAddresses => Set<CustomerAddress>();
    public DbSet<Order> Orders => Set<Order>();
    public DbSet<OrderLine> OrderLines => Set<OrderLine>();
    public DbSet<OrderTransition> OrderTransitions => Set<OrderTransition>();
    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();
    public DbSet<SellerTaxRegistration> SellerTaxRegistrations => Set<SellerTaxRegistration>();
    public DbSet<ProductDutyRate> ProductDutyRates => Set<ProductDutyRate>();
    public DbSet<Live.FlashSales.FlashSale> FlashSales => Set<Live.FlashSales.FlashSale>();
    public DbSet<Live.FlashSales.FlashSaleClaim> FlashSaleClaims => Set<Live.FlashSales.FlashSaleClaim>();
    public DbSet<Live.FlashSales.FlashSaleClaimBatch> FlashSaleClaimBatches => Set<Live.FlashSales.FlashSaleClaimBatch>();
    public DbSet<LiveSession> LiveSessions => Set<LiveSession>();
    public DbSet<Live.Draws.LuckyDraw> LuckyDraws => Set<Live.Draws.LuckyDraw>();
    public DbSet<Live.Draws.LuckyDrawEntry> LuckyDrawEntries => Set<Live.Draws.LuckyDrawEntry>();
    public DbSet<Live.Coupons.LiveCoupon> LiveCoupons => Set<Live.Coupons.LiveCoupon>();
    public DbSet<Live.Coupons.LiveCouponClaim> LiveCouponClaims => Set<Live.Coupons.LiveCouponClaim>();
    public DbSet<Live.Rooms.LiveRoomStats> LiveRoomStats => Set<Live.Rooms.LiveRoomStats>();
    public DbSet<Live.Rooms.LiveRoomSanction> LiveRoomSanctions => Set<Live.Rooms.LiveRoomSanction>();
    public DbSet<Live.Replays.LiveReplay> LiveReplays => Set<Live.Replays.LiveReplay>();
    public DbSet<Live.Replays.LivePin> LivePins => Set<Live.Replays.LivePin>();
    public DbSet<Videos.Video> Videos => Set<Videos.Video>();
    public DbSet<Videos.VideoUpload> VideoUploads => Set<Videos.VideoUpload>();
    public DbSet<Videos.VideoLike> VideoLikes => Set<Videos.VideoLike>();
    public DbSet<Videos.VideoComment> VideoComments => Set<Videos.VideoComment>();

    // Option values are stored as written (CJK stays CJK, not \uXXXX); the column is unbounded because
    // emoji and control characters are still escaped, six characters each.
    private static readonly JsonSerializerOptions OptionsJson = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Read by the tenant query filters; EF Core evaluates it per query, not once per model.</summary>
    public Guid? TenantSellerId => tenant.SellerId;

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        builder.Entity<AppUser>(u =>
        {
            u.Property(x => x.DisplayName).HasMaxLength(200);
            u.HasOne<Seller>().WithMany().HasForeignKey(x => x.SellerId).OnDelete(DeleteBehavior.Restrict);
        });

        builder.Entity<Seller>(s =>
        {
            s.Property(x => x.Name).HasMaxLength(200);
            s.Property(x => x.Slug).HasMaxLength(100);
            s.HasIndex(x => x.Slug).IsUnique();
            s.Property(x => x.Country).HasMaxLength(2);
            s.Property(x => x.Currency).HasMaxLength(3);
        });

        builder.Entity<MarketRecord>(m =>
        {
            m.HasKey(x => x.Code);
            m.Property(x => x.Code).HasMaxLength(2);
            m.Property(x => x.SourceHash).HasMaxLength(64);
            m.Property(x => x.Version).IsConcurrencyToken();
        });

        builder.Entity<ExchangeRateRecord>(r =>
        {
            r.Property(x => x.BaseCurrency).HasMaxLength(3);
            r.Property(x => x.QuoteCurrency).HasMaxLength(3);
            r.Property(x => x.Rate).HasPrecision(18, 8);
            r.Property(x => x.Source).HasMaxLength(300);
            r.HasIndex(x => new { x.BaseCurrency, x.QuoteCurrency, x.AsOf }).IsUnique();
        });

        // Ids are set when an object is created (Guid v7), not by the database. Saying so lets EF Core insert a
        // variant or image added to a loaded product; otherwise it takes one with an id for an existing row and updates it.
        builder.Entity<Product>(p =>
        {
            p.Property(x => x.Id).ValueGeneratedNever();
            p.HasQueryFilter(x => TenantSellerId == null || x.SellerId == TenantSellerId);
            p.HasOne(x => x.Seller).WithMany().HasForeignKey(x => x.SellerId).OnDelete(DeleteBehavior.Restrict);
            p.Property(x => x.Category).HasMaxLength(100);
            p.Property(x => x.HsCode).HasMaxLength(10);
            p.Property(x => x.OriginCountry).HasMaxLength(2);
            p.Property(x => x.DefaultLocale).HasMaxLength(20);
            p.Property(x => x.Status).HasConversion<string>().HasMaxLength(20);
            // A default in the schema, so rows written before the column existed read as no battery.
            p.Property(x => x.Battery).HasConversion<string>().HasMaxLength(40).HasDefaultValue(Domain.Catalog.BatteryType.None);
            p.Property(x => x.Version).IsConcurrencyToken();
            p.HasIndex(x => new { x.SellerId, x.Status });
            p.HasIndex(x => new { x.Status, x.Category });
            p.HasMany(x => x.Translations).WithOne().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
            p.HasMany(x => x.Images).WithOne().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
            p.HasMany(x => x.Variants).WithOne().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
            p.HasMany(x => x.MarketRules).WithOne().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<ProductTranslation>(t =>
        {
            t.HasKey(x => new { x.ProductId, x.Locale });
            t.Property(x => x.Locale).HasMaxLength(20);
            t.Property(x => x.Title).HasMaxLength(200);
            t.Property(x => x.Description).HasMaxLength(5000);
        });

        builder.Entity<ProductImage>(i =>
        {
            i.Property(x => x.Id).ValueGeneratedNever();
            i.Property(x => x.Url).HasMaxLength(500);
            i.Property(x => x.AltText).HasMaxLength(300);
        });

        builder.Entity<ProductVariant>(v =>
        {
            v.Property(x => x.Id).ValueGeneratedNever();
            v.HasQueryFilter(x => TenantSellerId == null || x.SellerId == TenantSellerId);
            v.Property(x => x.Sku).HasMaxLength(64);
            v.HasIndex(x => new { x.SellerId, x.Sku }).IsUnique();
            v.Property(x => x.Gtin).HasMaxLength(14);
            v.Property(x => x.BasePrice).HasPrecision(18, 4);
            v.Property(x => x.Currency).HasMaxLength(3);
            v.Property(x => x.Version).IsConcurrencyToken();
            v.Property(x => x.Options).HasConversion(
                    o => JsonSerializer.Serialize(o, OptionsJson),
                    s => JsonSerializer.Deserialize<Dictionary<string, string>>(s, OptionsJson) ?? new Dictionary<string, string>(),
                    new ValueComparer<Dictionary<string, string>>(
                        (a, b) => a != null && b != null && a.Count == b.Count && !a.Except(b).Any(),
                        d => d.Aggregate(0, (h, kv) => HashCode.Combine(h, kv.Key, kv.Value)),
                        d => new Dictionary<string, string>(d)))
;
            v.HasMany(x => x.MarketPrices).WithOne().HasForeignKey(x => x.VariantId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<VariantMarketPrice>(m =>
        {
            m.HasKey(x => new { x.VariantId, x.MarketCode });
            m.Property(x => x.MarketCode).HasMaxLength(2);
            m.Property(x => x.Currency).HasMaxLength(3);
            m.Property(x => x.Amount).HasPrecision(18, 4);
        });

        builder.Entity<ProductMarketRule>(r =>
        {
            r.HasKey(x => new { x.ProductId, x.MarketCode });
            r.Property(x => x.MarketCode).HasMaxLength(2);
            r.Property(x => x.Reason).HasMaxLength(300);
        });

        // Capabilities added after the catalog keep their model in their own folder, one call each.
        OutboxModule.ConfigureModel(builder);
        Secrets.SharedSecrets.ConfigureModel(builder);
        PaymentsModule.ConfigureModel(builder);
        // Seller-owned rows read the tenant from this context per query, as the catalog's filters above do.
        InventoryModule.ConfigureModel(builder, this);
        CartModel.ConfigureModel(builder);
        AddressesModel.ConfigureModel(builder);
        OrdersModel.ConfigureModel(builder, this);
        LandedCostModule.ConfigureModel(builder, this);
        Live.FlashSales.FlashSalesModel.ConfigureModel(builder, this);
        LiveSessionsModel.ConfigureModel(builder, this);
        Live.Draws.LuckyDrawsModel.ConfigureModel(builder, this);
        Live.Coupons.LiveCouponsModel.ConfigureModel(builder, this);
        Live.Rooms.RoomsModel.ConfigureModel(builder);
        Live.Replays.ReplaysModel.ConfigureModel(builder);
        LiveCross.Server.Videos.VideosModel.ConfigureModel(builder, this);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampAndGuard();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampAndGuard();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void StampAndGuard()
    {
        var now = clock.GetUtcNow();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified or EntityState.Deleted)) continue;

            // Defence in depth behind the query filters: a seller-scoped request can never write another seller's rows.
            if (tenant.SellerId is { } scoped && entry.Entity is ISellerOwned owned && owned.SellerId != scoped)
                throw new TenantViolationException($"A {entry.Metadata.ClrType.Name} of another seller cannot be changed in this seller's scope.");

            if (entry.State == EntityState.Deleted) continue;
            if (entry.Entity is ITimestamped stamped)
            {
                // A creation time set by the caller stands: an order's placement answer is written in the same save and must agree with it.
                if (entry.State == EntityState.Added && stamped.CreatedAt == default) stamped.CreatedAt = now;
                stamped.UpdatedAt = now;
            }
            if (entry.Entity is IVersioned versioned) versioned.Version = Guid.NewGuid();
        }
    }
}

public sealed class SqliteLiveCrossDbContext(DbContextOptions<SqliteLiveCrossDbContext> options, TenantScope tenant, TimeProvider clock)
    : LiveCrossDbContext(options, tenant, clock)
{
    // SQLite has no date-time type: stored as sortable integers, timestamps can be compared and ordered in SQL.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
}

public sealed class PostgresLiveCrossDbContext(DbContextOptions<PostgresLiveCrossDbContext> options, TenantScope tenant, TimeProvider clock)
    : LiveCrossDbContext(options, tenant, clock);
