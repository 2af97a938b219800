using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Cart;

/// <summary>
/// A shopper's cart: a guest's, found by the secret in their cart cookie (only its hash is stored), or a
/// signed-in customer's (one each). A guest's cart is merged into the customer's when they sign in.
/// </summary>
public sealed class ShoppingCart : ITimestamped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>SHA-256 (hex) of the guest cart cookie; null for a customer's cart.</summary>
    public string? TokenHash { get; set; }

    public Guid? CustomerId { get; set; }

    public List<CartItem> Items { get; set; } = [];

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>
/// A SKU in a cart with the unit price the shopper last saw for it. At checkout the current price is
/// compared with it: a change is reported to the shopper, never charged silently.
/// </summary>
public sealed class CartItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CartId { get; set; }

    public Guid VariantId { get; set; }

    public required string Sku { get; set; }

    public int Quantity { get; set; }

    public decimal UnitPrice { get; set; }

    public required string Currency { get; set; }

    /// <summary>The market the price was seen in.</summary>
    public required string MarketCode { get; set; }

    public DateTimeOffset AddedAt { get; set; }
}

public static class CartModel
{
    public static void ConfigureModel(ModelBuilder builder)
    {
        builder.Entity<ShoppingCart>(c =>
        {
            c.Property(x => x.Id).ValueGeneratedNever();
            c.Property(x => x.TokenHash).HasMaxLength(64);
            c.HasIndex(x => x.TokenHash).IsUnique();
            c.HasIndex(x => x.CustomerId).IsUnique();
            c.HasOne<Platform.Accounts.AppUser>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
            c.HasMany(x => x.Items).WithOne().HasForeignKey(x => x.CartId).OnDelete(DeleteBehavior.Cascade);
        });

        builder.Entity<CartItem>(i =>
        {
            i.Property(x => x.Id).ValueGeneratedNever();
            i.Property(x => x.Sku).HasMaxLength(64);
            i.Property(x => x.UnitPrice).HasPrecision(18, 4);
            i.Property(x => x.Currency).HasMaxLength(3);
            i.Property(x => x.MarketCode).HasMaxLength(2);
            i.HasIndex(x => new { x.CartId, x.VariantId }).IsUnique();
            i.HasOne<Catalog.ProductVariant>().WithMany().HasForeignKey(x => x.VariantId).OnDelete(DeleteBehavior.Cascade);
        });
    }
}
