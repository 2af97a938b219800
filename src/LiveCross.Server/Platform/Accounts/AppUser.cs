using LiveCross.Server.Platform.Database;
using Microsoft.AspNetCore.Identity;

namespace LiveCross.Server.Platform.Accounts;

public sealed class AppUser : IdentityUser<Guid>, ITimestamped
{
    public AppUser() => Id = Guid.CreateVersion7();

    public string? DisplayName { get; set; }

    /// <summary>Set for seller staff: the one seller this account works for.</summary>
    public Guid? SellerId { get; set; }

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}

public static class Roles
{
    public const string PlatformAdmin = nameof(PlatformAdmin);
    public const string Seller = nameof(Seller);
    public const string Creator = nameof(Creator);
    public const string Customer = nameof(Customer);

    public static readonly string[] All = [PlatformAdmin, Seller, Creator, Customer];
}

public static class LiveCrossClaims
{
    public const string SellerId = "livecross:seller_id";
}
