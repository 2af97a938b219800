using LiveCross.Domain.Catalog;
using LiveCross.Server.Platform.Tenancy;

namespace LiveCross.Server.Catalog;

/// <summary>Writes a validated <see cref="ProductInput"/> onto a product; shared by the API, the CSV import and the demo seed.</summary>
public static class ProductEditor
{
    public static Product Create(Seller seller, ProductInput input)
    {
        var product = new Product
        {
            SellerId = seller.Id,
            Category = input.Category!,
            HsCode = Domain.Catalog.HsCode.Parse(input.HsCode!).Digits,
            OriginCountry = input.OriginCountry!.ToUpperInvariant(),
        };
        Apply(product, seller, input);
        return product;
    }

    public static void Apply(Product product, Seller seller, ProductInput input)
    {
        product.Category = input.Category!;
        product.HsCode = Domain.Catalog.HsCode.Parse(input.HsCode!).Digits;
        product.OriginCountry = input.OriginCountry!.ToUpperInvariant();
        product.WeightGrams = input.WeightGrams!.Value;
        product.LengthMm = input.Dimensions?.LengthMm ?? 0;
        product.WidthMm = input.Dimensions?.WidthMm ?? 0;
        product.HeightMm = input.Dimensions?.HeightMm ?? 0;
        product.Battery = BatteryTypes.TryParse(input.Battery, out var battery) ? battery : BatteryType.None;
        product.Status = ProductStatuses.TryParse(input.Status, out var status) ? status : product.Status;
        product.DefaultLocale = input.DefaultLocale ?? "en";

        product.Translations.RemoveAll(t => !input.Translations!.Any(i => SameLocale(i.Locale, t.Locale)));
        foreach (var t in input.Translations!)
        {
            var existing = product.Translations.FirstOrDefault(x => SameLocale(x.Locale, t.Locale));
            if (existing is null) product.Translations.Add(existing = new ProductTranslation { Locale = t.Locale!, Title = "" });
            existing.Title = t.Title!.Trim();
            existing.Description = t.Description?.Trim() ?? "";
            existing.SearchText = SearchText.ForTranslation(existing.Title, existing.Description);
        }

        product.Images.Clear();
        var order = 0;
        foreach (var image in input.Images ?? [])
            product.Images.Add(new ProductImage { Url = image.Url!, AltText = image.AltText ?? "", SortOrder = order++ });

        // Variants are matched by SKU so that an edit keeps their ids (and later their stock and orders).
        product.Variants.RemoveAll(v => !input.Variants!.Any(i => SameSku(i.Sku, v.Sku)));
        foreach (var v in input.Variants!)
        {
            var existing = product.Variants.FirstOrDefault(x => SameSku(x.Sku, v.Sku));
            if (existing is null)
            {
                existing = new ProductVariant { Sku = v.Sku!.Trim(), SellerId = seller.Id, Currency = seller.Currency };
                product.Variants.Add(existing);
            }
            existing.Options = v.Options ?? [];
            existing.Gtin = string.IsNullOrWhiteSpace(v.Gtin) ? null : v.Gtin.Trim();
            existing.BasePrice = v.Price!.Value;
        }
    }

    private static bool SameLocale(string? a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private static bool SameSku(string? a, string? b) => string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);
}
