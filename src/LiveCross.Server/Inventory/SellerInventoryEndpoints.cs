using System.Security.Claims;
using LiveCross.Domain;
using LiveCross.Server.Catalog;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Inventory;

public sealed record WarehouseDto(Guid Id, string Name, string Country, DateTimeOffset CreatedAt);

public sealed record WarehouseInput(string? Name, string? Country);

public sealed record StockLevelDto(string Sku, Guid VariantId, Guid WarehouseId, string Warehouse, int OnHand, int Reserved, int Available, Guid Version);

public sealed record StockList(int Page, int PageSize, int Total, IReadOnlyList<StockLevelDto> Items);

/// <summary>Sets how many units of a SKU a warehouse has. <see cref="Version"/> (from the stock list) makes the change conditional.</summary>
public sealed record StockInput(string? Sku, Guid? WarehouseId, int? OnHand, Guid? Version);

/// <summary>The seller's warehouses and stock. Tenancy: every query runs in the seller's scope, so another seller's rows are not found.</summary>
public static class SellerInventoryEndpoints
{
    public const int MaxOnHand = 1_000_000;
    public const int MaxWarehouses = 50;

    public static IEndpointRouteBuilder MapSellerInventory(this IEndpointRouteBuilder app)
    {
        var warehouses = app.MapGroup("/api/v1/seller/warehouses").WithTags("Seller inventory").RequireAuthorization(Policies.SellerStaff);
        warehouses.MapGet("/", ListWarehouses);
        warehouses.MapPost("/", CreateWarehouse);

        var stock = app.MapGroup("/api/v1/seller/stock").WithTags("Seller inventory").RequireAuthorization(Policies.SellerStaff);
        stock.MapGet("/", ListStock).WithDescription("Stock per SKU and warehouse: on hand, reserved for unpaid orders, available.");
        stock.MapPut("/", SetStock).WithDescription("Sets the units on hand of one SKU in one warehouse; it cannot go below what unpaid orders hold.");
        return app;
    }

    private static async Task<Ok<List<WarehouseDto>>> ListWarehouses(LiveCrossDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Warehouses.AsNoTracking().OrderBy(w => w.Name)
            .Select(w => new WarehouseDto(w.Id, w.Name, w.Country, w.CreatedAt)).ToListAsync(cancellationToken));

    private static async Task<Results<Created<WarehouseDto>, ValidationProblem>> CreateWarehouse(
        WarehouseInput input, ClaimsPrincipal user, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var name = input.Name?.Trim() ?? "";
        errors.Require(name.Length is > 0 and <= 200, "name", "A name of 1 to 200 characters is required.");
        errors.Require(CountryCode.TryParse(input.Country, out _), "country", "An ISO 3166-1 alpha-2 country code is required, e.g. CN.");
        if (!errors.Any && await db.Warehouses.AnyAsync(w => w.Name == name, cancellationToken)) errors.Add("name", "You already have a warehouse with this name.");
        if (!errors.Any && await db.Warehouses.CountAsync(cancellationToken) >= MaxWarehouses) errors.Add("name", $"At most {MaxWarehouses} warehouses.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var warehouse = new Warehouse { SellerId = user.SellerId()!.Value, Name = name, Country = input.Country!.Trim().ToUpperInvariant() };
        db.Warehouses.Add(warehouse);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["name"] = ["A warehouse with this name was just created by another request."] });
        }
        return TypedResults.Created($"/api/v1/seller/warehouses/{warehouse.Id}", new WarehouseDto(warehouse.Id, warehouse.Name, warehouse.Country, warehouse.CreatedAt));
    }

    private static async Task<Results<Ok<StockList>, ValidationProblem>> ListStock(
        string? sku, Guid? warehouseId, int? page, int? pageSize, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        errors.Require(sku is null || sku.Length <= 64, "sku", "At most 64 characters.");
        errors.Require(page is null or >= 1 and <= 10_000, "page", "Pages start at 1.");
        errors.Require(pageSize is null or >= 1 and <= 500, "pageSize", "Between 1 and 500.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        return TypedResults.Ok(await ListAsync(db, sku, warehouseId, page ?? 1, pageSize ?? 100, cancellationToken));
    }

    /// <summary>The signed-in seller's stock rows (the tenant filter scopes the query), by SKU then warehouse.</summary>
    public static async Task<StockList> ListAsync(LiveCrossDbContext db, string? sku, Guid? warehouseId, int page, int pageSize, CancellationToken cancellationToken)
    {
        var rows = db.StockLevels.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(sku))
        {
            var upper = sku.Trim().ToUpperInvariant();
            rows = rows.Where(s => s.Variant!.Sku.ToUpper() == upper);
        }
        if (warehouseId is { } wanted) rows = rows.Where(s => s.WarehouseId == wanted);
        var total = await rows.CountAsync(cancellationToken);
        var items = await rows.OrderBy(s => s.Variant!.Sku).ThenBy(s => s.Warehouse!.Name)
            .Skip((page - 1) * pageSize).Take(pageSize)
            .Select(s => new StockLevelDto(s.Variant!.Sku, s.VariantId, s.WarehouseId, s.Warehouse!.Name, s.OnHand, s.Reserved, s.OnHand - s.Reserved, s.Version))
            .ToListAsync(cancellationToken);
        return new StockList(page, pageSize, total, items);
    }

    private static async Task<Results<Ok<StockLevelDto>, ValidationProblem, ProblemHttpResult>> SetStock(
        StockInput input, ClaimsPrincipal user, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var result = await SetOnHandAsync(db, user.SellerId()!.Value, input, cancellationToken);
        return result switch
        {
            StockChange.Saved saved => TypedResults.Ok(saved.Level),
            StockChange.Invalid invalid => TypedResults.ValidationProblem(invalid.Errors.ToDictionary()),
            _ => TypedResults.Problem("The stock was changed since you read it (an order reserved units, or someone else saved). Reload it and apply your change again.",
                statusCode: StatusCodes.Status409Conflict, title: "Version conflict."),
        };
    }

    public abstract record StockChange
    {
        public sealed record Saved(StockLevelDto Level) : StockChange;

        public sealed record Invalid(ValidationErrors Errors) : StockChange;

        public sealed record Conflict : StockChange;
    }

    /// <summary>Sets the units on hand; shared by the API and the seller console.</summary>
    public static async Task<StockChange> SetOnHandAsync(LiveCrossDbContext db, Guid sellerId, StockInput input, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        var sku = input.Sku?.Trim().ToUpperInvariant() ?? "";
        errors.Require(sku.Length is > 0 and <= 64, "sku", "A SKU is required.");
        errors.Require(input.WarehouseId is not null, "warehouseId", "A warehouse id is required.");
        errors.Require(input.OnHand is >= 0 and <= MaxOnHand, "onHand", $"A whole number from 0 to {MaxOnHand} is required.");
        if (errors.Any) return new StockChange.Invalid(errors);

        var variant = await db.Variants.FirstOrDefaultAsync(v => v.Sku.ToUpper() == sku, cancellationToken);
        var warehouse = await db.Warehouses.FirstOrDefaultAsync(w => w.Id == input.WarehouseId, cancellationToken);
        errors.Require(variant is not null, "sku", $"You have no SKU '{input.Sku!.Trim()}'.");
        errors.Require(warehouse is not null, "warehouseId", "You have no warehouse with this id.");
        if (errors.Any) return new StockChange.Invalid(errors);

        var level = await db.StockLevels.FirstOrDefaultAsync(s => s.VariantId == variant!.Id && s.WarehouseId == warehouse!.Id, cancellationToken);
        if (input.Version is { } version && level?.Version != version) return new StockChange.Conflict();
        if (level is null)
        {
            level = new StockLevel { SellerId = sellerId, VariantId = variant!.Id, WarehouseId = warehouse!.Id };
            db.StockLevels.Add(level);
        }
        if (input.OnHand < level.Reserved)
        {
            errors.Add("onHand", $"{level.Reserved} units are held for unpaid orders; on hand cannot be less.");
            return new StockChange.Invalid(errors);
        }
        level.OnHand = input.OnHand!.Value;
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new StockChange.Conflict();
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            return new StockChange.Conflict();
        }
        return new StockChange.Saved(new StockLevelDto(variant!.Sku, variant.Id, warehouse!.Id, warehouse.Name, level.OnHand, level.Reserved, level.Available, level.Version));
    }
}
