using LiveCross.Server.Platform.Database;

namespace LiveCross.Server.Platform.Tenancy;

/// <summary>A brand selling on LiveCross: the tenant. Its staff see and change only its own data.</summary>
public sealed class Seller : ITimestamped
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public required string Name { get; set; }

    public required string Slug { get; set; }

    /// <summary>ISO 3166-1 alpha-2 country the seller ships from.</summary>
    public required string Country { get; set; }

    /// <summary>ISO 4217 currency the seller's base prices are in.</summary>
    public required string Currency { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>A row that belongs to one seller; the tenant filter and the save guard apply to it.</summary>
public interface ISellerOwned
{
    Guid SellerId { get; }
}
