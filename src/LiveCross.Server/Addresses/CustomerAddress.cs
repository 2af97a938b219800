using LiveCross.Server.Platform.Database;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Addresses;

/// <summary>An address a customer keeps for later orders, stored as validated (postal code and phone normalized).</summary>
public sealed class CustomerAddress : ITimestamped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid CustomerId { get; set; }

    /// <summary>The customer's own name for it, e.g. "Home".</summary>
    public string Label { get; set; } = "";

    public required string Name { get; set; }

    public required string Line1 { get; set; }

    public string Line2 { get; set; } = "";

    public required string City { get; set; }

    public string Region { get; set; } = "";

    public string PostalCode { get; set; } = "";

    public required string Country { get; set; }

    /// <summary>E.164.</summary>
    public required string Phone { get; set; }

    public bool IsDefault { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public static class AddressesModel
{
    public static void ConfigureModel(ModelBuilder builder) =>
        builder.Entity<CustomerAddress>(a =>
        {
            a.Property(x => x.Id).ValueGeneratedNever();
            a.Property(x => x.Label).HasMaxLength(50);
            a.Property(x => x.Name).HasMaxLength(200);
            a.Property(x => x.Line1).HasMaxLength(200);
            a.Property(x => x.Line2).HasMaxLength(200);
            a.Property(x => x.City).HasMaxLength(100);
            a.Property(x => x.Region).HasMaxLength(100);
            a.Property(x => x.PostalCode).HasMaxLength(12);
            a.Property(x => x.Country).HasMaxLength(2);
            a.Property(x => x.Phone).HasMaxLength(20);
            a.HasIndex(x => x.CustomerId);
            a.HasOne<Platform.Accounts.AppUser>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        });
}
