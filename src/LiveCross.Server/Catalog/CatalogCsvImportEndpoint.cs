using System.Security.Claims;
using System.Text;
using Microsoft.AspNetCore.Antiforgery;
using LiveCross.Domain.Money;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;

namespace LiveCross.Server.Catalog;

public sealed record CsvImportResult(int Products, int Variants, IReadOnlyList<Guid> ProductIds);

public static class CatalogCsvImportEndpoint
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public static async Task<Results<Created<CsvImportResult>, ProblemHttpResult>> Import(
        HttpRequest request, ClaimsPrincipal user, LiveCrossDbContext db, IAntiforgery antiforgery, CancellationToken cancellationToken)
    {
        // A form post is what another site could make a signed-in browser send; without a bearer token it needs an antiforgery token.
        if (request.HasFormContentType && !request.Headers.Authorization.Any() && !await antiforgery.IsRequestValidAsync(request.HttpContext))
            return Problem([new CsvRowError(0, "", "A form upload from a browser needs the page's antiforgery token; API clients send a bearer token.")], StatusCodes.Status400BadRequest);

        if (request.ContentLength > MaxBytes) return Problem([new CsvRowError(0, "", $"The file is larger than {MaxBytes / 1024 / 1024} MB.")], StatusCodes.Status413PayloadTooLarge);
        string text;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(cancellationToken);
            var file = form.Files.GetFile("file") ?? (form.Files.Count > 0 ? form.Files[0] : null);
            if (file is null) return Problem([new CsvRowError(0, "file", "Attach the CSV as a form field named 'file'.")]);
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        else
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            text = await reader.ReadToEndAsync(cancellationToken);
        }
        if (text.Length > MaxBytes) return Problem([new CsvRowError(0, "", $"The file is larger than {MaxBytes / 1024 / 1024} MB.")], StatusCodes.Status413PayloadTooLarge);

        var seller = await SellerCatalogEndpoints.CurrentSellerAsync(db, user, cancellationToken);
        var parsed = CatalogCsvImport.Parse(new StringReader(text), CurrencyCode.Parse(seller.Currency));
        var errors = parsed.Errors.ToList();
        if (errors.Count == 0)
        {
            var skuErrors = new ValidationErrors();
            await SellerCatalogEndpoints.CheckSkusFreeAsync(db, parsed.Products.SelectMany(p => p.Input.Variants!), productId: null, skuErrors, cancellationToken);
            var dupes = parsed.Products.SelectMany(p => p.Input.Variants!.Select((v, i) => (Sku: v.Sku!.Trim().ToUpperInvariant(), Row: p.VariantRows[i])))
                .GroupBy(x => x.Sku).Where(g => g.Count() > 1);
            foreach (var dupe in dupes) errors.AddRange(dupe.Skip(1).Select(d => new CsvRowError(d.Row, "sku", $"SKU '{dupe.Key}' appears more than once.")));
            foreach (var message in skuErrors.ToDictionary().SelectMany(e => e.Value))
                errors.Add(new CsvRowError(0, "sku", message));
        }
        if (errors.Count > 0) return Problem(errors);

        var products = parsed.Products.Select(p => ProductEditor.Create(seller, p.Input)).ToList();
        db.Products.AddRange(products);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created("/api/v1/seller/products",
            new CsvImportResult(products.Count, products.Sum(p => p.Variants.Count), products.Select(p => p.Id).ToList()));
    }

    private static ProblemHttpResult Problem(List<CsvRowError> errors, int status = StatusCodes.Status400BadRequest) =>
        TypedResults.Problem(
            title: "The CSV file has errors; nothing was imported.",
            detail: $"{errors.Count} problem(s) found. Fix them and upload the whole file again.",
            statusCode: status,
            extensions: new Dictionary<string, object?> { ["rows"] = errors });
}
