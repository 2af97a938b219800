using LiveCross.Server.Catalog;
using LiveCross.Server.LandedCost;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Platform.DemoData;

/// <summary>Seeds two demo sellers, their catalog with generated images, and the demo accounts into an empty database.</summary>
public static class DemoSeeder
{
    public const string ElectronicsSlug = "voltwave";
    public const string ApparelSlug = "silk-bloom";

    /// <summary>The electronics seller's registrations; numbers in the format of each scheme, not real ones.</summary>
    public static readonly IReadOnlyList<(string Scheme, string Number)> DemoTaxRegistrations =
        [("IOSS", "IM1560000001"), ("UK-VAT", "GB 123 4567 89"), ("AU-GST", "ARN 3000 1234 567")];

    public static async Task<bool> SeedAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
        if (await db.Sellers.AnyAsync(cancellationToken)) return false;

        var electronics = new Seller { Name = "Shenzhen VoltWave Electronics", Slug = ElectronicsSlug, Country = "CN", Currency = "USD" };
        var apparel = new Seller { Name = "Hangzhou Silk & Bloom", Slug = ApparelSlug, Country = "CN", Currency = "CNY" };
        db.Sellers.AddRange(electronics, apparel);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another node starting at the same moment claimed the demo sellers (unique slug) and seeds the rest.
            return false;
        }

        // VoltWave collects EU, UK and Australian tax at checkout; Silk & Bloom is registered nowhere, so its buyers pay at the border.
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
        foreach (var (scheme, number) in DemoTaxRegistrations)
            db.SellerTaxRegistrations.Add(new SellerTaxRegistration { SellerId = electronics.Id, Scheme = scheme, Number = number, CreatedAt = now });

        var mediaRoot = services.GetRequiredService<IOptions<LiveCrossOptions>>().Value.MediaPath;
        foreach (var demo in DemoCatalog.Products)
        {
            var seller = demo.SellerSlug == ElectronicsSlug ? electronics : apparel;
            var key = demo.Input.Variants![0].Sku!.ToLowerInvariant();
            var imageUrl = $"/media/demo/{key}.svg";
            var title = demo.Input.Translations![0].Title!;
            var path = Path.Combine(mediaRoot, "demo", key + ".svg");
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, DemoImages.ProductSvg(title, demo.Input.Category!, demo.Hue, demo.Glyph), cancellationToken);
            var input = demo.Input with { Images = [new ImageInput(imageUrl, title)] };
            var product = ProductEditor.Create(seller, input);
            foreach (var rule in demo.BlockedIn) product.MarketRules.Add(new ProductMarketRule { MarketCode = rule, Blocked = true, Reason = "Not cleared for sale in this market." });
            db.Products.Add(product);
        }
        await db.SaveChangesAsync(cancellationToken);

        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await CreateUserAsync(users, DemoAccounts.Admin, "Platform Admin", Roles.PlatformAdmin, null);
        await CreateUserAsync(users, DemoAccounts.Seller1, "Li Wei (VoltWave)", Roles.Seller, electronics.Id);
        await CreateUserAsync(users, DemoAccounts.Seller2, "Chen Jing (Silk & Bloom)", Roles.Seller, apparel.Id);
        await CreateUserAsync(users, DemoAccounts.Creator, "Mia Creator", Roles.Creator, null);
        await CreateUserAsync(users, DemoAccounts.Customer1, "Anna Schmidt", Roles.Customer, null);
        await CreateUserAsync(users, DemoAccounts.Customer2, "James Carter", Roles.Customer, null);
        return true;
    }

    private static async Task CreateUserAsync(UserManager<AppUser> users, string email, string name, string role, Guid? sellerId)
    {
        if (await users.FindByEmailAsync(email) is not null) return;
        var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = name, SellerId = sellerId };
        var result = await users.CreateAsync(user, DemoAccounts.Password);
        if (!result.Succeeded) throw new InvalidOperationException($"Demo account {email}: {string.Join("; ", result.Errors.Select(e => e.Description))}");
        await users.AddToRoleAsync(user, role);
    }
}

/// <summary>One demo product: its seller, what the seller would send, and how its generated picture looks.</summary>
public sealed record DemoProduct(string SellerSlug, ProductInput Input, int Hue, string Glyph, string[] BlockedIn);
