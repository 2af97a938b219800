using LiveCross.Domain;
using LiveCross.Domain.Catalog;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Http;

namespace LiveCross.Server.Catalog;

public sealed record TranslationInput(string? Locale, string? Title, string? Description);

public sealed record ImageInput(string? Url, string? AltText);

public sealed record VariantInput(string? Sku, Dictionary<string, string>? Options, string? Gtin, decimal? Price);

/// <summary>A product as a seller sends it to create or replace one. <see cref="Version"/> is required to replace.</summary>
public sealed record ProductInput(
    string? Category,
    string? HsCode,
    string? OriginCountry,
    int? WeightGrams,
    DimensionsDto? Dimensions,
    string? Status,
    string? DefaultLocale,
    List<TranslationInput>? Translations,
    List<ImageInput>? Images,
    List<VariantInput>? Variants,
    Guid? Version = null,
    string? Battery = null);

public static class ProductInputValidator
{
    public const int MaxTitle = 200;
    public const int MaxDescription = 5000;
    public const int MaxVariants = 100;
    public const int MaxImages = 10;
    public const decimal MaxPrice = 1_000_000m;

    public static ValidationErrors Validate(ProductInput input, CurrencyCode sellerCurrency, bool isUpdate)
    {
        var errors = new ValidationErrors();
        // JSON can put null where an object belongs ("variants": [null]); say so instead of failing later.
        var nulls = errors.NoNullItems(input.Translations, "translations") & errors.NoNullItems(input.Images, "images") & errors.NoNullItems(input.Variants, "variants");
        if (!nulls) return errors;
        errors.Require(Categories.IsKnown(input.Category), "category", $"Use one of: {string.Join(", ", Categories.All)}.");
        if (!HsCode.TryParse(input.HsCode, out _, out var hsError)) errors.Add("hsCode", hsError!);
        errors.Require(CountryCode.TryParse(input.OriginCountry, out _), "originCountry", "An ISO 3166-1 alpha-2 country code is required, e.g. CN.");
        errors.Require(input.WeightGrams is > 0 and <= 1_000_000, "weightGrams", "The weight is between 1 g and 1,000 kg.");
        if (input.Dimensions is { } d)
        {
            errors.Require(d.LengthMm is >= 0 and <= 5000, "dimensions.lengthMm", "Between 0 and 5,000 mm.");
            errors.Require(d.WidthMm is >= 0 and <= 5000, "dimensions.widthMm", "Between 0 and 5,000 mm.");
            errors.Require(d.HeightMm is >= 0 and <= 5000, "dimensions.heightMm", "Between 0 and 5,000 mm.");
        }
        errors.Require(input.Battery is null || BatteryTypes.TryParse(input.Battery, out _), "battery", $"Use one of: {string.Join(", ", BatteryTypes.Keys)}.");
        errors.Require(input.Status is null || ProductStatuses.TryParse(input.Status, out _), "status", "Use draft, active or archived.");
        errors.Require(input.DefaultLocale is null || ShopperContext.IsCulture(input.DefaultLocale), "defaultLocale", "A known locale such as en or zh-Hans is required.");
        if (isUpdate) errors.Require(input.Version is not null, "version", "Send the version you read, so a concurrent change is not overwritten.");

        var translations = input.Translations ?? [];
        errors.Require(translations.Count is > 0 and <= 30, "translations", "Between 1 and 30 translations are required.");
        for (var i = 0; i < translations.Count; i++)
        {
            var t = translations[i];
            errors.Require(t.Locale is not null && ShopperContext.IsCulture(t.Locale), $"translations[{i}].locale", "A known locale such as en or zh-Hans is required.");
            errors.Require(!string.IsNullOrWhiteSpace(t.Title) && t.Title.Length <= MaxTitle, $"translations[{i}].title", $"A title of 1 to {MaxTitle} characters is required.");
            errors.Require((t.Description?.Length ?? 0) <= MaxDescription, $"translations[{i}].description", $"At most {MaxDescription} characters.");
        }
        if (translations.Select(t => t.Locale?.ToLowerInvariant()).Distinct().Count() != translations.Count)
            errors.Add("translations", "Each locale may appear once.");
        var defaultLocale = input.DefaultLocale ?? "en";
        if (translations.Count > 0 && !translations.Any(t => string.Equals(t.Locale, defaultLocale, StringComparison.OrdinalIgnoreCase)))
            errors.Add("defaultLocale", $"There is no translation for the default locale '{defaultLocale}'.");

        var images = input.Images ?? [];
        errors.Require(images.Count <= MaxImages, "images", $"At most {MaxImages} images.");
        for (var i = 0; i < images.Count; i++)
        {
            errors.Require(IsImageUrl(images[i].Url), $"images[{i}].url", "An https:// URL or a /media/ path is required.");
            errors.Require((images[i].AltText?.Length ?? 0) <= 300, $"images[{i}].altText", "At most 300 characters.");
        }

        var variants = input.Variants ?? [];
        errors.Require(variants.Count is > 0 and <= MaxVariants, "variants", $"Between 1 and {MaxVariants} variants (SKUs) are required.");
        for (var i = 0; i < variants.Count; i++) ValidateVariant(variants[i], $"variants[{i}]", sellerCurrency, errors);
        if (variants.Select(v => v.Sku?.Trim().ToUpperInvariant()).Distinct().Count() != variants.Count)
            errors.Add("variants", "Each SKU may appear once.");
        return errors;
    }

    public static void ValidateVariant(VariantInput v, string field, CurrencyCode currency, ValidationErrors errors)
    {
        errors.Require(IsSku(v.Sku), $"{field}.sku", "A SKU of 1 to 64 letters, digits, '-', '_' or '.' is required.");
        if (v.Gtin is not null && !Gtin.TryParse(v.Gtin, out _, out var gtinError)) errors.Add($"{field}.gtin", gtinError!);
        ValidatePrice(v.Price, currency, $"{field}.price", errors);
        var options = v.Options ?? [];
        errors.Require(options.Count <= 5, $"{field}.options", "At most 5 options.");
        errors.Require(options.All(o => IsOptionText(o.Key, 40) && IsOptionText(o.Value, 80)), $"{field}.options", "Option names (≤ 40) and values (≤ 80 characters) cannot be empty.");
    }

    public static void ValidatePrice(decimal? price, CurrencyCode currency, string field, ValidationErrors errors)
    {
        if (price is not { } amount || amount <= 0 || amount > MaxPrice)
            errors.Add(field, FormattableString.Invariant($"A price above 0 and at most {MaxPrice:N0} {currency} is required."));
        else if (!new Money(amount, currency).IsRoundedToMinorUnits)
            errors.Add(field, FormattableString.Invariant($"{currency} has {currency.MinorUnits} decimal places; {amount} has more."));
    }

    public static bool IsSku(string? sku) =>
        !string.IsNullOrWhiteSpace(sku) && sku.Trim().Length <= 64 && sku.Trim().All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static bool IsOptionText(string? text, int max) => !string.IsNullOrWhiteSpace(text) && text.Length <= max;

    private static bool IsImageUrl(string? url) =>
        url is { Length: > 0 and <= 500 }
        && ((url.StartsWith("/media/", StringComparison.Ordinal) && !url.Contains("..", StringComparison.Ordinal))
            || (Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps));
}
