using System.Security.Claims;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.LandedCost;

public sealed record TaxRegistrationDto(string Scheme, string? Number);

public sealed record TaxRegistrationsDto(IReadOnlyList<TaxRegistrationDto> Registrations, IReadOnlyList<string> KnownSchemes);

public sealed record TaxRegistrationsInput(List<TaxRegistrationInput?>? Registrations);

public sealed record TaxRegistrationInput(string? Scheme, string? Number);

public sealed record DutyRateInput(decimal? RatePercent, string? Note);

public sealed record DutyRateDto(string Market, decimal RatePercent, string? Note);

public static class LandedCostEndpoints
{
    public static IEndpointRouteBuilder MapLandedCost(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/v1/quotes/landed-cost", Quote)
            .WithTags("Landed cost")
            .AllowAnonymous()
            .DisableAntiforgery()
            .WithDescription("Goods, shipping, import duty and VAT/GST for a destination market, who collects them, and a signed token for the checkout.");

        var seller = app.MapGroup("/api/v1/seller").WithTags("Seller landed cost").RequireAuthorization(Policies.SellerStaff);
        seller.MapGet("/tax-registrations", GetRegistrations);
        seller.MapPut("/tax-registrations", PutRegistrations);
        seller.MapPut("/products/{id:guid}/duty-rates/{market}", PutDutyRate);
        seller.MapDelete("/products/{id:guid}/duty-rates/{market}", DeleteDutyRate);
        return app;
    }

    private static async Task<Results<GeneratedJsonResult<LandedCostQuoteDto>, ValidationProblem>> Quote(
        LandedCostQuoteInput input, LandedCostQuotes quotes, CancellationToken cancellationToken)
    {
        var outcome = await quotes.QuoteAsync(input, cancellationToken);
        return outcome.Succeeded
            ? new GeneratedJsonResult<LandedCostQuoteDto>(outcome.Quote!, QuoteJsonContext.Default.LandedCostQuoteDto)
            : TypedResults.ValidationProblem(outcome.Errors!);
    }

    private static async Task<Ok<TaxRegistrationsDto>> GetRegistrations(ClaimsPrincipal user, LiveCrossDbContext db, LandedCostEngine engine, CancellationToken cancellationToken)
    {
        var sellerId = user.SellerId();
        var rows = await db.SellerTaxRegistrations.AsNoTracking().Where(r => r.SellerId == sellerId).OrderBy(r => r.Scheme).ToListAsync(cancellationToken);
        return TypedResults.Ok(new TaxRegistrationsDto([.. rows.Select(r => new TaxRegistrationDto(r.Scheme, r.Number))], [.. engine.SchemeCodes.Order(StringComparer.Ordinal)]));
    }

    private static async Task<Results<Ok<TaxRegistrationsDto>, ValidationProblem>> PutRegistrations(
        TaxRegistrationsInput input, ClaimsPrincipal user, LiveCrossDbContext db, LandedCostEngine engine, TimeProvider clock, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var given = input.Registrations;
        if (given is null) errors.Add("registrations", "Required (an empty list removes every registration).");
        else if (given.Count > 20) errors.Add("registrations", "At most 20.");
        else if (errors.NoNullItems(given, "registrations"))
        {
            for (var i = 0; i < given.Count; i++)
            {
                var scheme = given[i]!.Scheme?.Trim().ToUpperInvariant();
                if (scheme is null || !engine.SchemeCodes.Contains(scheme)) errors.Add($"registrations[{i}].scheme", $"'{given[i]!.Scheme}' is not a known scheme.");
                else if (given.Take(i).Any(g => string.Equals(g!.Scheme?.Trim(), scheme, StringComparison.OrdinalIgnoreCase))) errors.Add($"registrations[{i}].scheme", $"{scheme} is listed twice.");
                if (given[i]!.Number is { } number && (number.Trim().Length is 0 or > 40 || !number.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or ' ')))
                    errors.Add($"registrations[{i}].number", "1 to 40 letters, digits, spaces or hyphens.");
            }
        }
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var sellerId = user.SellerId()!.Value;
        var existing = await db.SellerTaxRegistrations.Where(r => r.SellerId == sellerId).ToListAsync(cancellationToken);
        db.SellerTaxRegistrations.RemoveRange(existing);
        var now = clock.GetUtcNow();
        foreach (var g in given!)
            db.SellerTaxRegistrations.Add(new SellerTaxRegistration { SellerId = sellerId, Scheme = g!.Scheme!.Trim().ToUpperInvariant(), Number = g.Number?.Trim(), CreatedAt = now });
        await db.SaveChangesAsync(cancellationToken);
        return await GetRegistrations(user, db, engine, cancellationToken);
    }

    private static async Task<Results<Ok<DutyRateDto>, NotFound, ValidationProblem>> PutDutyRate(
        Guid id, string market, DutyRateInput input, LiveCrossDbContext db, MarketRegistry markets, TimeProvider clock, CancellationToken cancellationToken)
    {
        // The tenant filter hides another seller's product: a stranger gets 404 before anything is read or written.
        var product = await db.Products.Include(p => p.DutyRates).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (product is null) return TypedResults.NotFound();
        var errors = new ValidationErrors();
        if (!markets.TryGet(market, out var definition)) errors.Add("market", $"There is no market '{market}'.");
        if (input.RatePercent is not { } rate) errors.Add("ratePercent", "Required.");
        else if (rate is < 0 or > 1000 || decimal.Round(rate, 4) != rate) errors.Add("ratePercent", "Between 0 and 1000, at most 4 decimals.");
        if (input.Note is { Length: > 300 }) errors.Add("note", "At most 300 characters.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var row = product.DutyRates.FirstOrDefault(d => d.MarketCode == definition.Code);
        if (row is null) product.DutyRates.Add(row = new ProductDutyRate { MarketCode = definition.Code, SellerId = product.SellerId });
        row.RatePercent = input.RatePercent!.Value;
        row.Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim();
        row.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(new DutyRateDto(row.MarketCode, row.RatePercent, row.Note));
    }

    private static async Task<Results<NoContent, NotFound>> DeleteDutyRate(Guid id, string market, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var product = await db.Products.Include(p => p.DutyRates).FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        var row = product?.DutyRates.FirstOrDefault(d => string.Equals(d.MarketCode, market, StringComparison.OrdinalIgnoreCase));
        if (row is null) return TypedResults.NotFound();
        product!.DutyRates.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }
}
