using System.Security.Claims;
using LiveCross.Server.Catalog;
using LiveCross.Server.Live.FlashSales;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.BearerToken;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Platform.Benchmarks;

public sealed record FlashBenchmarkSetup(Guid SaleId, int Quantity, IReadOnlyList<string> Tokens);

/// <summary>
/// For bench/LiveCross.Bench flash-http, mapped only with <c>Benchmarks:ReferenceEndpoints</c>: a sale of a demo SKU and
/// many customer accounts with bearer tokens, made in bulk (no password hashing, which alone would take minutes for
/// thousands of buyers), and the reference: a POST that reads its body and answers a fixed attempt result.
/// </summary>
public static class FlashSaleBenchmarkEndpoints
{
    public const string SetupPath = "/bench/flash/setup";
    public const string ReferenceAttemptPath = "/bench/reference/attempt";
    public const int MaxBuyers = 20_000;

    private static readonly byte[] ReferenceAnswer =
        """{"outcome":"SoldOut","claimId":null,"payBefore":null}"""u8.ToArray();

    public static WebApplication MapFlashSaleBenchmark(this WebApplication app)
    {
        app.MapPost(SetupPath, SetupAsync).ExcludeFromDescription().DisableAntiforgery();
        app.MapPost(ReferenceAttemptPath, async (HttpContext context) =>
        {
            // The least an endpoint can do for the same request: read the body, write an answer of the same shape.
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body, context.RequestAborted);
            await new Utf8JsonResult(ReferenceAnswer).ExecuteAsync(context);
        }).ExcludeFromDescription().DisableAntiforgery();
        return app;
    }

    private static async Task<IResult> SetupAsync(
        int buyers, int quantity, LiveCrossDbContext db, UserManager<AppUser> users, SignInManager<AppUser> signIn,
        IOptionsMonitor<BearerTokenOptions> bearer, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (buyers is < 1 or > MaxBuyers || quantity is < 1 or > 1_000_000)
            return TypedResults.Problem($"buyers 1..{MaxBuyers}, quantity 1..1,000,000", statusCode: StatusCodes.Status400BadRequest);
        // A SKU of the demo seller seller1@livecross.test works for, so the benchmark can read the claims as that seller.
        var sellerId = await db.Users.AsNoTracking().Where(u => u.NormalizedEmail == "SELLER1@LIVECROSS.TEST").Select(u => u.SellerId).FirstOrDefaultAsync(cancellationToken);
        var variant = await db.Variants.IgnoreQueryFilters().AsNoTracking().Where(v => v.SellerId == sellerId).OrderBy(v => v.Sku)
            .Select(v => new { v.Id, v.ProductId, v.SellerId, v.Sku, v.Currency }).FirstOrDefaultAsync(cancellationToken);
        if (variant is null) return TypedResults.Problem("The benchmark needs the demo catalog (DemoData=true).", statusCode: StatusCodes.Status409Conflict);

        var now = clock.GetUtcNow();
        var sale = new FlashSale
        {
            SellerId = variant.SellerId,
            ProductId = variant.ProductId,
            VariantId = variant.Id,
            Sku = variant.Sku,
            Quantity = quantity,
            Price = 1.00m,
            Currency = variant.Currency,
            PerCustomerLimit = 1,
            Status = FlashSaleStatus.Active,
            StartsAt = now,
            EndsAt = now.AddHours(1),
            CreatedAt = now,
        };
        db.FlashSales.Add(sale);

        var customerRole = await db.Roles.AsNoTracking().Where(r => r.Name == Roles.Customer).Select(r => r.Id).SingleAsync(cancellationToken);
        var accounts = new List<AppUser>(buyers);
        var run = Guid.NewGuid().ToString("N")[..8];
        for (var i = 0; i < buyers; i++)
        {
            var email = $"bench-{run}-{i}@livecross.test";
            var user = new AppUser { UserName = email, Email = email, EmailConfirmed = true, DisplayName = $"Bench buyer {i}" };
            user.NormalizedUserName = users.NormalizeName(email);
            user.NormalizedEmail = users.NormalizeEmail(email);
            user.SecurityStamp = Guid.NewGuid().ToString("N");
            accounts.Add(user);
            db.Users.Add(user);
            db.UserRoles.Add(new IdentityUserRole<Guid> { UserId = user.Id, RoleId = customerRole });
        }
        await db.SaveChangesAsync(cancellationToken);

        var options = bearer.Get(IdentityConstants.BearerScheme);
        var tokens = new List<string>(buyers);
        foreach (var user in accounts)
        {
            ClaimsPrincipal principal = await signIn.CreateUserPrincipalAsync(user);
            var properties = new AuthenticationProperties { ExpiresUtc = now + options.BearerTokenExpiration };
            tokens.Add(options.BearerTokenProtector.Protect(new AuthenticationTicket(principal, properties, $"{IdentityConstants.BearerScheme}:AccessToken")));
        }
        return TypedResults.Ok(new FlashBenchmarkSetup(sale.Id, quantity, tokens));
    }
}
