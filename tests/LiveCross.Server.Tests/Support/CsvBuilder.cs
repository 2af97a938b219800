using System.Globalization;
using System.Text;

namespace LiveCross.Server.Tests.Support;

/// <summary>One CSV row by column name; columns a row does not set are left empty.</summary>
public sealed class CsvRow
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string? this[string column] => _values.GetValueOrDefault(column);

    public CsvRow Set(string column, string value)
    {
        _values[column] = value;
        return this;
    }
}

/// <summary>Builds CSV text: a header and rows. <see cref="Add"/> returns the row's number as the importer counts it (the header is row 1).</summary>
public sealed class CsvBuilder(IEnumerable<string> columns)
{
    private readonly List<string> _columns = [.. columns];
    private readonly List<CsvRow> _rows = [];

    public int Add(CsvRow row)
    {
        _rows.Add(row);
        return _rows.Count + 1;
    }

    public CsvBuilder WithoutColumn(string column)
    {
        _columns.Remove(column);
        return this;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(string.Join(',', _columns.Select(Quote))).Append("\r\n");
        foreach (var row in _rows) text.Append(string.Join(',', _columns.Select(c => Quote(row[c] ?? "")))).Append("\r\n");
        return text.ToString();
    }

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
}

/// <summary>The catalog import's columns and a valid row for them.</summary>
public static class CatalogCsv
{
    public static readonly string[] Columns =
    [
        "product_key", "category", "hs_code", "origin_country", "weight_grams", "status", "default_locale",
        "sku", "price", "gtin", "options", "title:en", "description:en", "title:zh-Hans",
    ];

    public static CsvBuilder File() => new(Columns);

    /// <summary>A valid row: an active audio product from CN with an English title.</summary>
    public static CsvRow Row(string productKey, string sku, decimal price, string title) => new CsvRow()
        .Set("product_key", productKey)
        .Set("category", "electronics/audio")
        .Set("hs_code", "8518.30")
        .Set("origin_country", "CN")
        .Set("weight_grams", "180")
        .Set("status", "active")
        .Set("sku", sku)
        .Set("price", price.ToString(CultureInfo.InvariantCulture))
        .Set("title:en", title);
}
