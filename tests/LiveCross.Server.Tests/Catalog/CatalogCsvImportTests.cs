using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Catalog;

/// <summary>A seller uploads a catalog as CSV: a good file creates everything, a file with any error creates nothing and says where each error is.</summary>
public abstract class CatalogCsvImportTests(AppFixture fixture)
{
    private const string ImportUrl = "/api/v1/seller/products/import";

    private LiveCrossApp App => fixture.App;

    private Task<HttpClient> Seller2() => App.ClientForAsync(DemoAccounts.Seller2);

    [Fact]
    public async Task Good_file_creates_every_product_with_its_variants_and_translations()
    {
        using var seller = await Seller2();
        using var shopper = App.CreateClient();
        var word = Unique.Word();
        var (small, large, scarf) = (Unique.Sku("SB"), Unique.Sku("SB"), Unique.Sku("SB"));
        var gtin = Unique.Gtin();
        var csv = CatalogCsv.File();
        csv.Add(CatalogCsv.Row("robe", small, 268.00m, $"Silk Robe {word}")
            .Set("category", "apparel/women").Set("hs_code", "6208.21").Set("weight_grams", "320")
            .Set("options", "size=S;color=Ivory").Set("gtin", gtin)
            .Set("title:zh-Hans", $"真丝睡袍 {word}").Set("description:en", "Mulberry silk, 19 momme, with a \"shawl\" collar, hand-finished."));
        csv.Add(CatalogCsv.Row("robe", large, 288.00m, $"Silk Robe {word}")
            .Set("category", "apparel/women").Set("hs_code", "6208.21").Set("weight_grams", "320")
            .Set("options", "size=L;color=Ivory").Set("title:zh-Hans", $"真丝睡袍 {word}"));
        csv.Add(CatalogCsv.Row("scarf", scarf, 99.50m, $"Silk Scarf {word}")
            .Set("category", "apparel/accessories").Set("hs_code", "621410").Set("weight_grams", "60"));
        var countBefore = await seller.SellerProductCountAsync();

        var result = await (await seller.PostAsync(ImportUrl, CsvBody(csv), Api.Cancel)).ShouldBeJsonAsync(HttpStatusCode.Created);

        result.GetProperty("products").GetInt32().ShouldBe(2);
        result.GetProperty("variants").GetInt32().ShouldBe(3);
        (await seller.SellerProductCountAsync()).ShouldBe(countBefore + 2);
        var listed = await seller.GetJsonAsync($"{CatalogApi.SellerProducts}?q={word}");
        listed.Ids().ShouldBe(result.GetProperty("productIds").EnumerateArray().Select(i => i.GetGuid()), ignoreOrder: true);

        var robeId = listed.Items().Single(i => i.GetProperty("title").GetString() == $"Silk Robe {word}").Id();
        var robe = await seller.SellerProductAsync(robeId);
        robe.GetProperty("category").GetString().ShouldBe("apparel/women");
        robe.GetProperty("hsCode").GetString().ShouldBe("620821");
        robe.GetProperty("weightGrams").GetInt32().ShouldBe(320);
        robe.GetProperty("translations").EnumerateArray().Select(t => t.GetProperty("locale").GetString()).ShouldBe(["en", "zh-Hans"], ignoreOrder: true);
        robe.GetProperty("translations").EnumerateArray().Single(t => t.GetProperty("locale").GetString() == "en")
            .GetProperty("description").GetString().ShouldBe("Mulberry silk, 19 momme, with a \"shawl\" collar, hand-finished.");
        var variants = robe.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("sku").GetString()!);
        variants.Keys.ShouldBe([small, large], ignoreOrder: true);
        variants[small].GetProperty("price").Amount().ShouldBe(268.00m);
        variants[small].GetProperty("price").Currency().ShouldBe("CNY");
        variants[small].GetProperty("gtin").GetString().ShouldBe(gtin);
        variants[small].GetProperty("options").GetProperty("size").GetString().ShouldBe("S");
        variants[large].GetProperty("options").GetProperty("color").GetString().ShouldBe("Ivory");

        var found = await shopper.SearchAsync("US", $"真丝睡袍 {word}", "zh-Hans");
        found.Ids().ShouldBe([robeId]);
        found.Items()[0].GetProperty("price").Currency().ShouldBe("USD");
    }

    [Fact]
    public async Task Good_file_uploaded_as_the_form_field_file_is_imported()
    {
        using var seller = await Seller2();
        var word = Unique.Word();
        var sku = Unique.Sku("SB");
        var csv = CatalogCsv.File();
        csv.Add(CatalogCsv.Row("hairband", sku, 39.00m, $"Silk Hairband {word}").Set("category", "apparel/accessories").Set("hs_code", "6117.80"));
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Encoding.UTF8.GetBytes(csv.ToString()));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "catalog.csv");

        var result = await (await seller.PostAsync(ImportUrl, form, Api.Cancel)).ShouldBeJsonAsync(HttpStatusCode.Created);

        result.GetProperty("products").GetInt32().ShouldBe(1);
        var listed = (await seller.GetJsonAsync($"{CatalogApi.SellerProducts}?q={sku}")).Items().ShouldHaveSingleItem();
        listed.GetProperty("title").GetString().ShouldBe($"Silk Hairband {word}");
    }

    /// <summary>Each case spoils one cell of a good four-row file and names the row and column the report must point at.</summary>
    private static readonly Dictionary<string, (Action<List<CsvRow>> Spoil, int Row, string Column)> BadFiles = new()
    {
        ["hs code of five digits"] = (rows => rows[2].Set("hs_code", "12345"), 4, "hs_code"),
        ["hs chapter 77 does not exist"] = (rows => rows[2].Set("hs_code", "770100"), 4, "hs_code"),
        ["unknown category"] = (rows => rows[2].Set("category", "electronics/teleporters"), 4, "category"),
        ["price is not a number"] = (rows => rows[3].Set("price", "twelve"), 5, "price"),
        ["price is negative"] = (rows => rows[3].Set("price", "-3"), 5, "price"),
        ["price has three decimals"] = (rows => rows[3].Set("price", "12.505"), 5, "price"),
        ["gtin with a wrong check digit"] = (rows => rows[1].Set("gtin", Unique.GtinWithWrongCheckDigit()), 3, "gtin"),
        ["sku twice in the file"] = (rows => rows[3].Set("sku", rows[0]["sku"]!), 5, "sku"),
        ["weight is not a whole number"] = (rows => rows[2].Set("weight_grams", "1.5"), 4, "weight_grams"),
        ["rows of one product disagree"] = (rows => rows[1].Set("category", "electronics/wearables"), 3, "category"),
        ["unknown origin country"] = (rows => rows[2].Set("origin_country", "XZ"), 4, "origin_country"),
    };

    public static TheoryData<string> BadFileCases => [.. BadFiles.Keys];

    [Theory]
    [MemberData(nameof(BadFileCases))]
    public async Task File_with_a_bad_cell_is_refused_naming_its_row_and_column_and_nothing_is_imported(string badFile)
    {
        using var seller = await Seller2();
        var (spoil, row, column) = BadFiles[badFile];
        var rows = GoodRows(Unique.Word());
        spoil(rows);
        var csv = CatalogCsv.File();
        foreach (var r in rows) csv.Add(r);
        var countBefore = await seller.SellerProductCountAsync();

        var problem = await (await seller.PostAsync(ImportUrl, CsvBody(csv), Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var reported = RowErrors(problem);
        reported.ShouldContain(e => e.Row == row && e.Column == column, $"expected row {row} column {column}; got {problem}");
        reported.ShouldAllBe(e => e.Row == row, $"only row {row} is wrong; got {problem}");
        (await seller.SellerProductCountAsync()).ShouldBe(countBefore);
        foreach (var good in rows) (await seller.GetJsonAsync($"{CatalogApi.SellerProducts}?q={good["sku"]}")).Items().ShouldBeEmpty();
    }

    [Fact]
    public async Task An_unreadable_price_is_reported_once_not_again_as_missing()
    {
        using var seller = await Seller2();
        var rows = GoodRows(Unique.Word());
        rows[0].Set("price", "abc");
        var csv = CatalogCsv.File();
        foreach (var r in rows) csv.Add(r);

        var problem = await (await seller.PostAsync(ImportUrl, CsvBody(csv), Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        RowErrors(problem).Count(e => e.Row == 2 && e.Column == "price").ShouldBe(1, problem.ToString());
    }

    [Fact]
    public async Task The_same_file_uploaded_three_times_at_once_is_imported_once_and_never_fails_with_a_server_error()
    {
        using var seller = await Seller2();
        var csv = CatalogCsv.File();
        foreach (var r in GoodRows(Unique.Word())) csv.Add(r);
        var countBefore = await seller.SellerProductCountAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => seller.PostAsync(ImportUrl, CsvBody(csv), Api.Cancel)));

        responses.Select(r => r.StatusCode).ShouldAllBe(s => s == HttpStatusCode.Created || s == HttpStatusCode.BadRequest || s == HttpStatusCode.Conflict);
        responses.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(1);
        (await seller.SellerProductCountAsync()).ShouldBe(countBefore + 3);
    }

    [Fact]
    public async Task A_yen_sellers_template_has_whole_yen_prices_and_imports_as_it_is()
    {
        using var admin = await App.ClientForAsync(DemoAccounts.Admin);
        var slug = "yen-" + Unique.Word().ToLowerInvariant();
        var created = await (await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/admin/sellers",
            new System.Text.Json.Nodes.JsonObject { ["name"] = "Osaka Goods", ["slug"] = slug, ["country"] = "JP", ["currency"] = "JPY" })).ShouldBeJsonAsync(HttpStatusCode.Created);
        var email = $"{slug}@livecross.test";
        (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/admin/sellers/{created.Id()}/staff",
            new System.Text.Json.Nodes.JsonObject { ["email"] = email, ["password"] = "Correct-horse-9" })).EnsureSuccessStatusCode();
        using var seller = await App.ClientForAsync(email, "Correct-horse-9");

        var template = await seller.GetStringAsync("/seller/products/import/template.csv", Api.Cancel);

        System.Text.RegularExpressions.Regex.IsMatch(template, @"MUG-350-BLK,[0-9]+,").ShouldBeTrue(template);
        (await seller.PostAsync(ImportUrl, new StringContent(template, Encoding.UTF8, "text/csv"), Api.Cancel)).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task The_downloadable_template_imports_as_it_is()
    {
        using var seller = await Seller2();
        var template = await seller.GetStringAsync("/seller/products/import/template.csv", Api.Cancel);

        var result = await (await seller.PostAsync(ImportUrl, new StringContent(template, Encoding.UTF8, "text/csv"), Api.Cancel)).ShouldBeJsonAsync(HttpStatusCode.Created);

        result.GetProperty("products").GetInt32().ShouldBe(1);
        result.GetProperty("variants").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task A_row_that_cannot_be_read_is_reported_on_its_own_row()
    {
        using var seller = await Seller2();
        var csv = CatalogCsv.File();
        foreach (var r in GoodRows(Unique.Word()).Take(2)) csv.Add(r);
        // Row 4: a quote opened inside a field and never closed.
        var text = csv + "broken,electronics/audio,851830,CN,100,active,,SKU-\"BROKEN,10.00\r\n";

        var problem = await (await seller.PostAsync(ImportUrl, new StringContent(text, Encoding.UTF8, "text/csv"), Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        RowErrors(problem).ShouldContain(e => e.Row == 4 && e.Message.Contains("cannot be read"), problem.ToString());
    }

    [Fact]
    public async Task File_without_a_required_column_is_refused_on_the_header_row()
    {
        using var seller = await Seller2();
        var csv = CatalogCsv.File().WithoutColumn("price");
        foreach (var r in GoodRows(Unique.Word())) csv.Add(r);
        var countBefore = await seller.SellerProductCountAsync();

        var problem = await (await seller.PostAsync(ImportUrl, CsvBody(csv), Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        RowErrors(problem).ShouldContain(e => e.Row == 1 && e.Column == "price", problem.ToString());
        (await seller.SellerProductCountAsync()).ShouldBe(countBefore);
    }

    [Fact]
    public async Task File_with_several_errors_reports_every_one_of_them()
    {
        using var seller = await Seller2();
        var rows = GoodRows(Unique.Word());
        rows[0].Set("gtin", Unique.GtinWithWrongCheckDigit());
        rows[2].Set("hs_code", "12345");
        rows[3].Set("sku", rows[1]["sku"]!).Set("price", "-3");
        var csv = CatalogCsv.File();
        foreach (var r in rows) csv.Add(r);
        var countBefore = await seller.SellerProductCountAsync();

        var problem = await (await seller.PostAsync(ImportUrl, CsvBody(csv), Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        var reported = RowErrors(problem).Select(e => (e.Row, e.Column)).Distinct().ToList();
        reported.ShouldBe([(2, "gtin"), (4, "hs_code"), (5, "price"), (5, "sku")], ignoreOrder: true, problem.ToString());
        (await seller.SellerProductCountAsync()).ShouldBe(countBefore);
    }

    [Fact]
    public async Task Sku_already_used_by_another_of_the_sellers_products_is_reported_on_its_row()
    {
        using var seller = await Seller2();
        var existing = await seller.CreateProductAsync(ProductBuilder.Titled($"Silk Pillowcase {Unique.Word()}").Category("home/kitchen").HsCode("630231"));
        var takenSku = existing.GetProperty("variants")[0].GetProperty("sku").GetString()!;
        var rows = GoodRows(Unique.Word());
        rows[2].Set("sku", takenSku);
        var csv = CatalogCsv.File();
        foreach (var r in rows) csv.Add(r);
        var countBefore = await seller.SellerProductCountAsync();

        var problem = await (await seller.PostAsync(ImportUrl, CsvBody(csv), Api.Cancel)).ShouldBeProblemAsync(HttpStatusCode.BadRequest);

        RowErrors(problem).ShouldContain(e => e.Row == 4 && e.Column == "sku", problem.ToString());
        (await seller.SellerProductCountAsync()).ShouldBe(countBefore);
    }

    /// <summary>Rows 2–5 of a valid file: a product with two sizes, then two single-SKU products.</summary>
    private static List<CsvRow> GoodRows(string word) =>
    [
        CatalogCsv.Row("pyjamas", Unique.Sku("SB"), 328.00m, $"Silk Pyjamas {word}").Set("category", "apparel/women").Set("hs_code", "620831").Set("options", "size=M").Set("gtin", Unique.Gtin()),
        CatalogCsv.Row("pyjamas", Unique.Sku("SB"), 348.00m, $"Silk Pyjamas {word}").Set("category", "apparel/women").Set("hs_code", "620831").Set("options", "size=L"),
        CatalogCsv.Row("tie", Unique.Sku("SB"), 129.00m, $"Silk Tie {word}").Set("category", "apparel/men").Set("hs_code", "621510"),
        CatalogCsv.Row("mask", Unique.Sku("SB"), 49.90m, $"Silk Sleep Mask {word}").Set("category", "apparel/accessories").Set("hs_code", "630790").Set("title:zh-Hans", $"真丝眼罩 {word}"),
    ];

    private static StringContent CsvBody(CsvBuilder csv) => new(csv.ToString(), Encoding.UTF8, "text/csv");

    private static List<(int Row, string Column, string Message)> RowErrors(JsonElement problem) =>
        problem.GetProperty("rows").EnumerateArray()
            .Select(e => (e.GetProperty("row").GetInt32(), e.GetProperty("column").GetString()!, e.GetProperty("message").GetString()!))
            .ToList();
}

public sealed class CatalogCsvImportTestsOnSqlite(SqliteAppFixture fixture) : CatalogCsvImportTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class CatalogCsvImportTestsOnPostgres(PostgresAppFixture fixture) : CatalogCsvImportTests(fixture), IClassFixture<PostgresAppFixture>;
