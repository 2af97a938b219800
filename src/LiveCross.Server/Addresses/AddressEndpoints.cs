using System.Security.Claims;
using LiveCross.Domain.Addresses;
using LiveCross.Server.Orders;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Addresses;

public sealed record StoredAddressInput(string? Label, AddressInput? Address, bool? IsDefault);

public sealed record AddressDto(Guid Id, string Label, ShippingAddress Address, bool IsDefault, DateTimeOffset UpdatedAt)
{
    public static AddressDto From(CustomerAddress a) => new(a.Id, a.Label, ToShipping(a), a.IsDefault, a.UpdatedAt);

    public static ShippingAddress ToShipping(CustomerAddress a) => new()
    {
        Name = a.Name,
        Line1 = a.Line1,
        Line2 = a.Line2,
        City = a.City,
        Region = a.Region,
        PostalCode = a.PostalCode,
        Country = a.Country,
        Phone = a.Phone,
    };
}

public sealed record RegionDto(string Code, string Name);

/// <summary>What an address form for one country needs: which fields are required, a postal-code example, the region list.</summary>
public sealed record AddressFormatDto(string Country, bool PostalCodeRequired, string PostalCodeExample, bool RegionRequired, bool CityRequired, IReadOnlyList<RegionDto> Regions);

public static class AddressEndpoints
{
    public const int MaxAddresses = 20;

    public static IEndpointRouteBuilder MapAddresses(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/v1/address-formats/{country}", Format).WithTags("Addresses")
            .WithDescription("The address rules of a destination country: required fields, a postal-code example and, where a region is required, the list of regions.");

        var mine = app.MapGroup("/api/v1/account/addresses").WithTags("Addresses").RequireAuthorization();
        mine.MapGet("/", List);
        mine.MapPost("/", Create);
        mine.MapPut("/{id:guid}", Replace);
        mine.MapDelete("/{id:guid}", Delete);
        return app;
    }

    private static Results<Ok<AddressFormatDto>, ValidationProblem> Format(string country)
    {
        if (!AddressFormat.TryGet(country, out var format))
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["country"] = [$"LiveCross does not deliver to '{country}'."] });
        return TypedResults.Ok(new AddressFormatDto(format.Country, format.PostalRequired, format.PostalExample, format.RegionRequired, format.CityRequired,
            format.Regions.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new RegionDto(r.Key, r.Value)).ToList()));
    }

    private static async Task<Results<Ok<List<AddressDto>>, UnauthorizedHttpResult>> List(ClaimsPrincipal user, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } customer) return TypedResults.Unauthorized();
        var rows = await db.CustomerAddresses.AsNoTracking().Where(a => a.CustomerId == customer)
            .OrderByDescending(a => a.IsDefault).ThenBy(a => a.CreatedAt).ToListAsync(cancellationToken);
        return TypedResults.Ok(rows.Select(AddressDto.From).ToList());
    }

    private static async Task<Results<Created<AddressDto>, ValidationProblem, UnauthorizedHttpResult>> Create(
        StoredAddressInput input, ClaimsPrincipal user, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } customer) return TypedResults.Unauthorized();
        var errors = new ValidationErrors();
        var address = ValidateInput(input, errors);
        if (!errors.Any && await db.CustomerAddresses.CountAsync(a => a.CustomerId == customer, cancellationToken) >= MaxAddresses)
            errors.Add("address", $"At most {MaxAddresses} addresses; delete one first.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var row = new CustomerAddress
        {
            CustomerId = customer,
            Name = address!.Name,
            Line1 = address.Line1,
            City = address.City,
            Country = address.Country,
            Phone = address.Phone,
        };
        Copy(input, address, row);
        db.CustomerAddresses.Add(row);
        await KeepOneDefaultAsync(db, customer, row, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/account/addresses/{row.Id}", AddressDto.From(row));
    }

    private static async Task<Results<Ok<AddressDto>, NotFound, ValidationProblem, UnauthorizedHttpResult>> Replace(
        Guid id, StoredAddressInput input, ClaimsPrincipal user, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } customer) return TypedResults.Unauthorized();
        var row = await db.CustomerAddresses.FirstOrDefaultAsync(a => a.Id == id && a.CustomerId == customer, cancellationToken);
        if (row is null) return TypedResults.NotFound();
        var errors = new ValidationErrors();
        var address = ValidateInput(input, errors);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        Copy(input, address!, row);
        await KeepOneDefaultAsync(db, customer, row, cancellationToken);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(AddressDto.From(row));
    }

    private static async Task<Results<NoContent, NotFound, UnauthorizedHttpResult>> Delete(
        Guid id, ClaimsPrincipal user, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        if (user.UserId() is not { } customer) return TypedResults.Unauthorized();
        var deleted = await db.CustomerAddresses.Where(a => a.Id == id && a.CustomerId == customer).ExecuteDeleteAsync(cancellationToken);
        return deleted == 0 ? TypedResults.NotFound() : TypedResults.NoContent();
    }

    /// <summary>A stored address of this customer, for an order.</summary>
    public static async Task<ShippingAddress?> FindAsync(LiveCrossDbContext db, Guid customerId, Guid addressId, CancellationToken cancellationToken)
    {
        var row = await db.CustomerAddresses.AsNoTracking().FirstOrDefaultAsync(a => a.Id == addressId && a.CustomerId == customerId, cancellationToken);
        return row is null ? null : AddressDto.ToShipping(row);
    }

    private static ShippingAddress? ValidateInput(StoredAddressInput input, ValidationErrors errors)
    {
        errors.Require(input.Label is null || input.Label.Trim().Length <= 50, "label", "At most 50 characters.");
        return AddressValidator.Validate(input.Address, "address", errors);
    }

    private static void Copy(StoredAddressInput input, ShippingAddress address, CustomerAddress row)
    {
        row.Label = input.Label?.Trim() ?? "";
        row.Name = address.Name;
        row.Line1 = address.Line1;
        row.Line2 = address.Line2;
        row.City = address.City;
        row.Region = address.Region;
        row.PostalCode = address.PostalCode;
        row.Country = address.Country;
        row.Phone = address.Phone;
        row.IsDefault = input.IsDefault ?? row.IsDefault;
    }

    /// <summary>The first address, or one marked default, is the default; the others stop being it.</summary>
    private static async Task KeepOneDefaultAsync(LiveCrossDbContext db, Guid customer, CustomerAddress row, CancellationToken cancellationToken)
    {
        var others = await db.CustomerAddresses.Where(a => a.CustomerId == customer && a.Id != row.Id).ToListAsync(cancellationToken);
        if (others.Count == 0) row.IsDefault = true;
        if (!row.IsDefault) return;
        foreach (var other in others.Where(o => o.IsDefault)) other.IsDefault = false;
    }
}
