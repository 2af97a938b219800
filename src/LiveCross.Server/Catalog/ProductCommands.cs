using LiveCross.Domain.Monetary;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using LiveCross.Server.Platform.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Catalog;

public enum SaveResult
{
    Saved,
    Invalid,
    /// <summary>The product was changed by someone else since the caller read it.</summary>
    Conflict,
}

/// <summary>
/// Creating and replacing a seller's product: validation, the SKU check and the save, shared by the seller
/// API and the seller console so both refuse the same things in the same words.
/// </summary>
public static class ProductCommands
{
    public static async Task<(SaveResult Result, Product? Product, ValidationErrors Errors)> CreateAsync(
        LiveCrossDbContext db, Seller seller, ProductInput input, CancellationToken cancellationToken)
    {
        var errors = ProductInputValidator.Validate(input, CurrencyCode.Parse(seller.Currency), isUpdate: false);
        if (!errors.Any) await SellerCatalogEndpoints.CheckSkusFreeAsync(db, input.Variants!, productId: null, errors, cancellationToken);
        if (errors.Any) return (SaveResult.Invalid, null, errors);

        var product = ProductEditor.Create(seller, input);
        db.Products.Add(product);
        return await SaveAsync(db, product, input, errors, cancellationToken);
    }

    public static async Task<(SaveResult Result, Product? Product, ValidationErrors Errors)> ReplaceAsync(
        LiveCrossDbContext db, Seller seller, Product product, ProductInput input, CancellationToken cancellationToken)
    {
        var errors = ProductInputValidator.Validate(input, CurrencyCode.Parse(seller.Currency), isUpdate: true);
        if (!errors.Any) await SellerCatalogEndpoints.CheckSkusFreeAsync(db, input.Variants!, product.Id, errors, cancellationToken);
        if (errors.Any) return (SaveResult.Invalid, product, errors);
        if (input.Version != product.Version) return (SaveResult.Conflict, product, errors);

        ProductEditor.Apply(product, seller, input);
        db.Entry(product).State = EntityState.Modified;
        return await SaveAsync(db, product, input, errors, cancellationToken);
    }

    private static async Task<(SaveResult, Product?, ValidationErrors)> SaveAsync(
        LiveCrossDbContext db, Product product, ProductInput input, ValidationErrors errors, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return (SaveResult.Saved, product, errors);
        }
        catch (DbUpdateConcurrencyException)
        {
            return (SaveResult.Conflict, product, errors);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another request (a second click, a colleague) saved one of these SKUs after the check above.
            db.ChangeTracker.Clear();
            errors.Add("variants", $"One of the SKUs ({string.Join(", ", input.Variants!.Select(v => v.Sku))}) was just saved by another request.");
            return (SaveResult.Invalid, product, errors);
        }
    }
}
