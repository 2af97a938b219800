using System.Globalization;
using CsvHelper;
using LiveCross.Domain.Monetary;
using LiveCross.Server.Platform.Http;

namespace LiveCross.Server.Catalog;

/// <summary>One problem in an import file: 1-based row (the header is row 1), the column, and what is wrong.</summary>
public sealed record CsvRowError(int Row, string Column, string Message);

/// <summary>
/// Reads a catalog CSV: one row per SKU, rows of the same product share a <c>product_key</c>, and
/// translations are columns <c>title:{locale}</c> and <c>description:{locale}</c>. Product columns repeat
/// on every row of the product and must agree. Nothing is written unless every row is valid.
/// </summary>
public static class CatalogCsvImport
{
    public const int MaxRows = 5000;

    /// <summary>
    /// A file a seller can start from: every column, and one product with two SKUs priced in the seller's
    /// currency. It starts with a byte-order mark so that spreadsheet programs read it as UTF-8.
    /// </summary>
    public static string Template(Money price)
    {
        var amount = price.RoundToMinorUnits().Amount.ToString(CultureInfo.InvariantCulture);
        return "\uFEFF" +
            "product_key,category,hs_code,origin_country,weight_grams,length_mm,width_mm,height_mm,battery,status,default_locale,sku,price,gtin,options,image_url,title:en,description:en,title:zh-Hans,description:zh-Hans\r\n" +
            $"travel-mug,home/kitchen,732393,CN,320,90,90,210,none,draft,en,MUG-350-BLK,{amount},,color=Black;size=350 ml,,Insulated travel mug,Keeps drinks hot for 6 hours.,保温随行杯,保温6小时。\r\n" +
            $"travel-mug,home/kitchen,732393,CN,320,90,90,210,none,draft,en,MUG-350-WHT,{amount},,color=White;size=350 ml,,Insulated travel mug,Keeps drinks hot for 6 hours.,保温随行杯,保温6小时。\r\n";
    }

    public static readonly string[] RequiredColumns = ["product_key", "category", "hs_code", "origin_country", "weight_grams", "sku", "price"];

    private static readonly string[] ProductColumns = ["category", "hs_code", "origin_country", "weight_grams", "status", "default_locale", "length_mm", "width_mm", "height_mm", "battery"];

    public sealed record ParsedProduct(string Key, int FirstRow, ProductInput Input, IReadOnlyList<int> VariantRows);

    public sealed record Result(IReadOnlyList<ParsedProduct> Products, IReadOnlyList<CsvRowError> Errors);

    public static Result Parse(TextReader reader, CurrencyCode sellerCurrency)
    {
        var errors = new List<CsvRowError>();
        var options = new CsvReaderOptions
        {
            HasHeader = true,
            Separator = ',',
            TrimWhitespace = true,
            SkipEmptyLines = true,
            AllowLineBreaksInQuotes = true,
            MalformedData = CsvMalformedDataHandling.Throw,
            MissingField = CsvMissingFieldHandling.ReturnEmpty,
        };
        using var csv = CsvReader.Create(reader, options, leaveOpen: true);
        try
        {
            csv.ReadHeader();
        }
        catch (CsvFormatException e)
        {
            return new Result([], [new CsvRowError(1, "", $"The header row cannot be read: {e.Message}")]);
        }
        if (csv.Headers.Count == 0) return new Result([], [new CsvRowError(1, "", "The file is empty; a header row is required.")]);
        var header = csv.Headers.Select(h => h.Trim()).ToList();
        foreach (var twice in header.GroupBy(h => h, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1))
            errors.Add(new CsvRowError(1, twice.Key, "This column appears more than once."));
        foreach (var missing in RequiredColumns.Where(c => !header.Contains(c, StringComparer.OrdinalIgnoreCase)))
            errors.Add(new CsvRowError(1, missing, "This column is required."));
        var titleColumns = header.Where(h => h.StartsWith("title:", StringComparison.OrdinalIgnoreCase)).ToList();
        if (titleColumns.Count == 0) errors.Add(new CsvRowError(1, "title:en", "At least one title:{locale} column is required."));
        if (errors.Count > 0) return new Result([], errors);

        var groups = new Dictionary<string, (int FirstRow, Dictionary<string, string> ProductFields, ProductInput Input, List<int> Rows)>(StringComparer.Ordinal);
        var rows = 0;
        try
        {
            while (csv.Read())
            {
                var row = ++rows + 1;
                if (rows > MaxRows)
                {
                    errors.Add(new CsvRowError(row, "", $"A file may have at most {MaxRows} rows."));
                    break;
                }
                string Field(string name) => csv.GetStringOrNull(header.FindIndex(h => string.Equals(h, name, StringComparison.OrdinalIgnoreCase)))?.Trim() ?? "";
                string? Optional(string name) =>
                    header.Contains(name, StringComparer.OrdinalIgnoreCase) && Field(name) is { Length: > 0 } value ? value : null;

                var key = Field("product_key");
                if (key.Length == 0) { errors.Add(new CsvRowError(row, "product_key", "Required.")); continue; }
                var productFields = ProductColumns.ToDictionary(c => c, c => Optional(c) ?? "", StringComparer.Ordinal);

                if (!groups.TryGetValue(key, out var group))
                {
                    var translations = titleColumns.Select(t =>
                    {
                        var locale = t["title:".Length..];
                        return new TranslationInput(locale, Optional(t), Optional("description:" + locale));
                    }).Where(t => t.Title is not null).ToList();
                    var input = new ProductInput(
                        productFields["category"], productFields["hs_code"], productFields["origin_country"],
                        ParseInt(productFields["weight_grams"], row, "weight_grams", errors),
                        new DimensionsDto(
                            ParseInt(productFields["length_mm"], row, "length_mm", errors) ?? 0,
                            ParseInt(productFields["width_mm"], row, "width_mm", errors) ?? 0,
                            ParseInt(productFields["height_mm"], row, "height_mm", errors) ?? 0),
                        NullIfEmpty(productFields["status"]), NullIfEmpty(productFields["default_locale"]) ?? translations.FirstOrDefault()?.Locale,
                        translations,
                        Optional("image_url") is { } url ? [new ImageInput(url, translations.FirstOrDefault()?.Title)] : [],
                        [],
                        Battery: NullIfEmpty(productFields["battery"]));
                    groups[key] = group = (row, productFields, input, []);
                }
                else
                {
                    foreach (var column in ProductColumns.Where(c => productFields[c].Length > 0 && productFields[c] != group.ProductFields[c]))
                        errors.Add(new CsvRowError(row, column, $"Differs from row {group.FirstRow} of product '{key}'."));
                }

                group.Input.Variants!.Add(new VariantInput(
                    Field("sku"),
                    ParseOptions(Optional("options"), row, errors),
                    Optional("gtin"),
                    ParseDecimal(Field("price"), row, "price", errors)));
                group.Rows.Add(row);
            }
        }
        catch (CsvFormatException e)
        {
            // The row that failed to read has not been counted yet: it is the next one after the header and the rows read.
            errors.Add(new CsvRowError(rows + 2, "", $"The row cannot be read: {e.Message}"));
        }
        if (rows == 0 && errors.Count == 0) errors.Add(new CsvRowError(2, "", "The file has a header but no rows."));

        var parsed = new List<ParsedProduct>();
        foreach (var (key, group) in groups)
        {
            var validation = ProductInputValidator.Validate(group.Input, sellerCurrency, isUpdate: false);
            foreach (var (field, messages) in validation.ToDictionary())
            {
                var (row, column) = Locate(field, group.FirstRow, group.Rows);
                // A cell that could not be read is reported once, as unreadable, not again as missing.
                if (errors.Any(e => e.Row == row && e.Column == column)) continue;
                errors.AddRange(messages.Select(m => new CsvRowError(row, column, m)));
            }
            parsed.Add(new ParsedProduct(key, group.FirstRow, group.Input, group.Rows));
        }
        return new Result(parsed, errors.OrderBy(e => e.Row).ThenBy(e => e.Column, StringComparer.Ordinal).ToList());
    }

    /// <summary>Maps a validator field such as <c>variants[2].price</c> back to the CSV row and column it came from.</summary>
    private static (int Row, string Column) Locate(string field, int firstRow, List<int> variantRows)
    {
        if (field.StartsWith("variants[", StringComparison.Ordinal))
        {
            var close = field.IndexOf(']', StringComparison.Ordinal);
            var index = int.Parse(field.AsSpan(9, close - 9), CultureInfo.InvariantCulture);
            var rest = field[(close + 1)..].TrimStart('.');
            return (variantRows[index], rest.Length == 0 ? "sku" : rest);
        }
        var column = field switch
        {
            "hsCode" => "hs_code",
            "originCountry" => "origin_country",
            "weightGrams" => "weight_grams",
            "defaultLocale" => "default_locale",
            "variants" => "sku",
            "images[0].url" => "image_url",
            _ when field.StartsWith("translations", StringComparison.Ordinal) => "title",
            _ when field.StartsWith("dimensions.", StringComparison.Ordinal) => field["dimensions.".Length..].Replace("Mm", "_mm", StringComparison.Ordinal).ToLowerInvariant(),
            _ => field,
        };
        return (firstRow, column);
    }

    private static int? ParseInt(string text, int row, string column, List<CsvRowError> errors)
    {
        if (text.Length == 0) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(new CsvRowError(row, column, $"'{text}' is not a whole number."));
        return null;
    }

    private static decimal? ParseDecimal(string text, int row, string column, List<CsvRowError> errors)
    {
        if (text.Length == 0) return null;
        if (decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(new CsvRowError(row, column, $"'{text}' is not a number (use a dot as the decimal separator, no thousands separators)."));
        return null;
    }

    /// <summary>Options as <c>size=M;color=Black</c>.</summary>
    private static Dictionary<string, string>? ParseOptions(string? text, int row, List<CsvRowError> errors)
    {
        if (text is null) return null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in text.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || eq == pair.Length - 1)
            {
                errors.Add(new CsvRowError(row, "options", $"'{pair}' is not name=value."));
                continue;
            }
            options[pair[..eq].Trim()] = pair[(eq + 1)..].Trim();
        }
        return options;
    }

    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
}
