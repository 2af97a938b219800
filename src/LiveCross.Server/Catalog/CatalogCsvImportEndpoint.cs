using System.Security.Claims;
using System.Text;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Tenancy;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Catalog;

public sealed record CsvImportResult(int Products, int Variants, IReadOnlyList<Guid> ProductIds);

/// <summary>What an import did: the products it created, or every problem found (and nothing written).</summary>
public sealed record CsvImportOutcome(CsvImportResult? Imported, IReadOnlyList<CsvRowError> Errors);

/// <summary>The catalog CSV import, shared by the seller API and the seller console's upload page.</summary>
public static class CatalogCsvImportEndpoint
{
    public const long MaxBytes = 5 * 1024 * 1024;

    // Refuses bytes that are not UTF-8 instead of turning them into U+FFFD inside product titles.
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static async Task<Results<Created<CsvImportResult>, ProblemHttpResult>> Import(
        HttpRequest request, ClaimsPrincipal user, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBytes) return Problem([TooLarge], StatusCodes.Status413PayloadTooLarge);
        Stream upload;
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException)
            {
                // A form without a boundary or cut short is the client's mistake, not a server error.
                return Problem([new CsvRowError(0, "file", $"The upload is not a readable multipart form: {e.Message}")]);
            }
            var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
            if (file is null) return Problem([new CsvRowError(0, "file", "Attach the CSV as a form field named 'file'.")]);
            upload = file.OpenReadStream();
        }
        else
        {
            upload = request.Body;
        }

        var (text, unreadable) = await ReadTextAsync(upload, cancellationToken);
        if (text is null) return Problem([unreadable!], unreadable == TooLarge ? StatusCodes.Status413PayloadTooLarge : StatusCodes.Status400BadRequest);
        var seller = await SellerCatalogEndpoints.CurrentSellerAsync(db, user, cancellationToken);
        var outcome = await ImportTextAsync(db, seller, text, cancellationToken);
        return outcome.Imported is { } imported
            ? TypedResults.Created("/api/v1/seller/products", imported)
            : Problem([.. outcome.Errors]);
    }

    public static readonly CsvRowError TooLarge = new(0, "", $"The file is larger than {MaxBytes / 1024 / 1024} MB.");

    /// <summary>The upload as text: UTF-8 (a byte-order mark is allowed), at most <see cref="MaxBytes"/>.</summary>
    public static async Task<(string? Text, CsvRowError? Problem)> ReadTextAsync(Stream upload, CancellationToken cancellationToken)
    {
        try
        {
            using var reader = new StreamReader(upload, StrictUtf8, detectEncodingFromByteOrderMarks: true);
            var text = await reader.ReadToEndAsync(cancellationToken);
            return text.Length > MaxBytes ? (null, TooLarge) : (text, null);
        }
        catch (DecoderFallbackException)
        {
            return (null, new CsvRowError(0, "", "The file is not UTF-8 text. Save it as \"CSV UTF-8\" and upload it again."));
        }
    }

    /// <summary>Checks every row, then creates all the products in one save, or none.</summary>
    public static async Task<CsvImportOutcome> ImportTextAsync(LiveCrossDbContext db, Seller seller, string text, CancellationToken cancellationToken)
    {
        var parsed = CatalogCsvImport.Parse(new StringReader(text), CurrencyCode.Parse(seller.Currency));
        var errors = parsed.Errors.ToList();
        // SKU clashes are checked even when other cells are wrong, and reported on their rows, so one upload lists every problem.
        errors.AddRange(await SkuClashesAsync(db, parsed.Products, cancellationToken));
        if (errors.Count > 0) return new CsvImportOutcome(null, [.. errors.OrderBy(e => e.Row).ThenBy(e => e.Column, StringComparer.Ordinal)]);

        var products = parsed.Products.Select(p => ProductEditor.Create(seller, p.Input)).ToList();
        db.Products.AddRange(products);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (DbErrors.IsUniqueViolation(e))
        {
            // Another upload claimed some of these SKUs between the check and the save: report them by row.
            db.ChangeTracker.Clear();
            var clashes = await SkuClashesAsync(db, parsed.Products, cancellationToken);
            return new CsvImportOutcome(null, clashes.Count > 0 ? clashes : [new CsvRowError(0, "sku", "Another request saved the same SKUs at the same moment; nothing was imported.")]);
        }
        return new CsvImportOutcome(new CsvImportResult(products.Count, products.Sum(p => p.Variants.Count), products.Select(p => p.Id).ToList()), []);
    }

    private static async Task<List<CsvRowError>> SkuClashesAsync(LiveCrossDbContext db, IReadOnlyList<CatalogCsvImport.ParsedProduct> products, CancellationToken cancellationToken)
    {
        var rowsBySku = products
            .SelectMany(p => p.Input.Variants!.Select((v, i) => (Sku: v.Sku?.Trim().ToUpperInvariant() ?? "", Row: p.VariantRows[i])))
            .Where(x => x.Sku.Length > 0)
            .ToLookup(x => x.Sku, x => x.Row);
        var clashes = rowsBySku.Where(g => g.Count() > 1)
            .SelectMany(g => g.Skip(1).Select(row => new CsvRowError(row, "sku", $"SKU '{g.Key}' appears more than once.")))
            .ToList();
        var skus = rowsBySku.Select(g => g.Key).ToList();
        var taken = await SellerCatalogEndpoints.TakenSkusAsync(db, skus, exceptProductId: null, cancellationToken);
        foreach (var sku in taken)
            clashes.AddRange(rowsBySku[sku.ToUpperInvariant()].Select(row => new CsvRowError(row, "sku", $"SKU '{sku}' is used by another of your products.")));
        return clashes;
    }

    private static ProblemHttpResult Problem(List<CsvRowError> errors, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(
            title: "The CSV file has errors; nothing was imported.",
            detail: $"{errors.Count} problem(s) found. Fix them and upload the whole file again.",
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["rows"] = errors });
}
