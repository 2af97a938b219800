using LiveCross.Domain;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using LiveCross.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Platform.Admin;

public sealed record SellerInput(string? Name, string? Slug, string? Country, string? Currency);

public sealed record SellerDto(Guid Id, string Name, string Slug, string Country, string Currency, DateTimeOffset CreatedAt);

public sealed record StaffInput(string? Email, string? Password, string? DisplayName);

public static class AdminEndpoints
{
    public static IEndpointRouteBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/v1/admin").WithTags("Admin").RequireAuthorization(Policies.PlatformAdmin);
        admin.MapGet("/sellers", async (LiveCrossDbContext db, CancellationToken ct) =>
            TypedResults.Ok(await db.Sellers.OrderBy(s => s.Name).Select(s => new SellerDto(s.Id, s.Name, s.Slug, s.Country, s.Currency, s.CreatedAt)).ToListAsync(ct)));
        admin.MapPost("/sellers", CreateSeller);
        admin.MapPost("/sellers/{id:guid}/staff", AddStaff);
        return app;
    }

    private static async Task<Results<Created<SellerDto>, ValidationProblem>> CreateSeller(SellerInput input, LiveCrossDbContext db, MarketRegistry markets, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(input.Name) && input.Name.Length <= 200, "name", "A name of 1 to 200 characters is required.");
        errors.Require(input.Slug is { Length: > 0 and <= 100 } slug && slug.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'), "slug", "Lower-case letters, digits and '-' only.");
        errors.Require(CountryCode.TryParse(input.Country, out _), "country", "An ISO 3166-1 alpha-2 country code is required.");
        if (!CurrencyCode.TryParse(input.Currency, out var currency)) errors.Add("currency", "A known ISO 4217 currency code is required.");
        else if (!markets.Rates.TryGetRate(currency, ExchangeRateTable.Pivot, out _))
            errors.Add("currency", $"There is no exchange rate for {currency} yet, so its prices could not be shown in any market; add one first.");
        if (!errors.Any && await db.Sellers.AnyAsync(s => s.Slug == input.Slug, cancellationToken)) errors.Add("slug", "Taken.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        var seller = new Seller { Name = input.Name!.Trim(), Slug = input.Slug!, Country = input.Country!.ToUpperInvariant(), Currency = input.Currency!.ToUpperInvariant() };
        db.Sellers.Add(seller);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/admin/sellers/{seller.Id}", new SellerDto(seller.Id, seller.Name, seller.Slug, seller.Country, seller.Currency, seller.CreatedAt));
    }

    private static async Task<Results<Created<AccountResponse>, NotFound, ValidationProblem>> AddStaff(
        Guid id, StaffInput input, LiveCrossDbContext db, UserManager<AppUser> users, CancellationToken cancellationToken)
    {
        if (!await db.Sellers.AnyAsync(s => s.Id == id, cancellationToken)) return TypedResults.NotFound();
        var errors = new ValidationErrors();
        errors.Require(!string.IsNullOrWhiteSpace(input.Email) && input.Email.Contains('@', StringComparison.Ordinal) && input.Email.Length <= 256, "email", "A valid e-mail address of at most 256 characters is required.");
        errors.Require(input.DisplayName is null || input.DisplayName.Length <= 200, "displayName", "At most 200 characters.");
        errors.Require(!string.IsNullOrEmpty(input.Password), "password", "A password is required.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        var user = new AppUser { UserName = input.Email!.Trim(), Email = input.Email.Trim(), DisplayName = input.DisplayName, SellerId = id, EmailConfirmed = true };
        var result = await users.CreateAsync(user, input.Password!);
        if (!result.Succeeded) return TypedResults.ValidationProblem(AccountEndpoints.IdentityErrors(result));
        await users.AddToRoleAsync(user, Roles.Seller);
        return TypedResults.Created("/api/v1/account/me", new AccountResponse(user.Id, user.Email, user.DisplayName, [Roles.Seller], id));
    }
}
