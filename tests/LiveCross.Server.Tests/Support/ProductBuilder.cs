using System.Text.Json.Nodes;

namespace LiveCross.Server.Tests.Support;

/// <summary>
/// A valid product as a seller sends it to <c>/api/v1/seller/products</c>: audio electronics from CN,
/// active, with an English title and one SKU unless told otherwise. Tests change what they are about.
/// </summary>
public sealed class ProductBuilder
{
    private readonly List<(string Locale, string Title, string? Description)> _translations = [];
    private readonly List<(string Sku, decimal Price, string? Gtin, Dictionary<string, string>? Options)> _variants = [];
    private string _category = "electronics/audio";
    private string _hsCode = "851830";
    private string _status = "active";
    private string _defaultLocale = "en";
    private int _weightGrams = 250;
    private (int Length, int Width, int Height) _dimensions = (120, 80, 40);
    private string? _battery;

    public static ProductBuilder Titled(string englishTitle, string? description = null) =>
        new ProductBuilder().Translation("en", englishTitle, description);

    public IReadOnlyList<string> Skus => _variants.Count > 0 ? _variants.Select(v => v.Sku).ToList() : [];

    public ProductBuilder Translation(string locale, string title, string? description = null)
    {
        _translations.RemoveAll(t => t.Locale == locale);
        _translations.Add((locale, title, description));
        return this;
    }

    public ProductBuilder Variant(string sku, decimal price, string? gtin = null, Dictionary<string, string>? options = null)
    {
        _variants.Add((sku, price, gtin, options));
        return this;
    }

    public ProductBuilder Status(string status)
    {
        _status = status;
        return this;
    }

    public ProductBuilder Category(string category)
    {
        _category = category;
        return this;
    }

    public ProductBuilder HsCode(string hsCode)
    {
        _hsCode = hsCode;
        return this;
    }

    public ProductBuilder DefaultLocale(string locale)
    {
        _defaultLocale = locale;
        return this;
    }

    public ProductBuilder WeightGrams(int grams)
    {
        _weightGrams = grams;
        return this;
    }

    public ProductBuilder Dimensions(int lengthMm, int widthMm, int heightMm)
    {
        _dimensions = (lengthMm, widthMm, heightMm);
        return this;
    }

    /// <summary>A battery type key such as "lithium-ion-alone"; none is sent unless set.</summary>
    public ProductBuilder Battery(string battery)
    {
        _battery = battery;
        return this;
    }

    /// <summary>The request body; pass the version read from the seller API to replace a product.</summary>
    public JsonObject ToJson(Guid? version = null)
    {
        if (_variants.Count == 0) Variant(Unique.Sku(), 19.99m);
        var body = new JsonObject
        {
            ["category"] = _category,
            ["hsCode"] = _hsCode,
            ["originCountry"] = "CN",
            ["weightGrams"] = _weightGrams,
            ["dimensions"] = new JsonObject { ["lengthMm"] = _dimensions.Length, ["widthMm"] = _dimensions.Width, ["heightMm"] = _dimensions.Height },
            ["status"] = _status,
            ["defaultLocale"] = _defaultLocale,
            ["translations"] = new JsonArray(_translations.Select(t => (JsonNode)new JsonObject
            {
                ["locale"] = t.Locale,
                ["title"] = t.Title,
                ["description"] = t.Description,
            }).ToArray()),
            ["images"] = new JsonArray(),
            ["variants"] = new JsonArray(_variants.Select(v => (JsonNode)new JsonObject
            {
                ["sku"] = v.Sku,
                ["price"] = v.Price,
                ["gtin"] = v.Gtin,
                ["options"] = v.Options is null ? null : new JsonObject(v.Options.Select(o => KeyValuePair.Create(o.Key, (JsonNode?)o.Value))),
            }).ToArray()),
        };
        if (_battery is not null) body["battery"] = _battery;
        if (version is { } v) body["version"] = v.ToString();
        return body;
    }
}
