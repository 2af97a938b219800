using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Catalog;

/// <summary>A seller manages products through the API; shoppers see exactly the active ones, priced for their market.</summary>
public abstract class SellerCatalogTests(AppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    private Task<HttpClient> Seller1() => App.ClientForAsync(DemoAccounts.Seller1);

    [Fact]
    public async Task Created_product_with_translations_and_variants_is_in_the_sellers_list_and_detail()
    {
        using var seller = await Seller1();
        var word = Unique.Word();
        var (black, white, gtin) = (Unique.Sku(), Unique.Sku(), Unique.Gtin());
        var product = ProductBuilder.Titled($"Studio Headphones {word}", "Closed-back, 40 mm drivers.")
            .Translation("zh-Hans", $"录音室耳机 {word}", "封闭式，40毫米驱动单元。")
            .Translation("es", $"Auriculares de estudio {word}")
            .Variant(black, 79.00m, gtin, new() { ["color"] = "Black" })
            .Variant(white, 84.50m, options: new() { ["color"] = "White" });

        var created = await seller.CreateProductAsync(product);

        var detail = await seller.SellerProductAsync(created.Id());
        detail.GetProperty("status").GetString().ShouldBe("active");
        detail.GetProperty("translations").EnumerateArray().Select(t => t.GetProperty("locale").GetString()).ShouldBe(["en", "es", "zh-Hans"], ignoreOrder: true);
        var variants = detail.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("sku").GetString()!);
        variants.Keys.ShouldBe([black, white], ignoreOrder: true);
        variants[black].GetProperty("price").Amount().ShouldBe(79.00m);
        variants[black].GetProperty("price").Currency().ShouldBe("USD");
        variants[black].GetProperty("gtin").GetString().ShouldBe(gtin);
        variants[white].GetProperty("options").GetProperty("color").GetString().ShouldBe("White");

        var list = await seller.GetJsonAsync($"{CatalogApi.SellerProducts}?q={word}");
        var row = list.Items().ShouldHaveSingleItem();
        row.Id().ShouldBe(created.Id());
        row.GetProperty("title").GetString().ShouldBe($"Studio Headphones {word}");
        row.GetProperty("variants").GetInt32().ShouldBe(2);
        row.GetProperty("price").Amount().ShouldBe(79.00m);
    }

    [Fact]
    public async Task Active_product_is_priced_in_each_markets_currency()
    {
        using var seller = await Seller1();
        using var shopper = App.CreateClient();
        var sku = Unique.Sku();
        var created = await seller.CreateProductAsync(ProductBuilder.Titled($"Bluetooth Speaker {Unique.Word()}").Variant(sku, 59.99m));
        var usdToEur = await shopper.RateAsync("USD", "EUR");
        var usdToJpy = await shopper.RateAsync("USD", "JPY");

        var us = await (await shopper.PublicProductAsync(created.Id(), "US")).ShouldBeJsonAsync();
        us.GetProperty("price").Amount().ShouldBe(59.99m);
        us.GetProperty("price").Currency().ShouldBe("USD");

        var de = await (await shopper.PublicProductAsync(created.Id(), "DE")).ShouldBeJsonAsync();
        de.GetProperty("price").Currency().ShouldBe("EUR");
        de.GetProperty("price").Amount().ShouldBe(CatalogApi.Converted(59.99m, usdToEur, 2));
        de.GetProperty("variants")[0].GetProperty("price").Amount().ShouldBe(CatalogApi.Converted(59.99m, usdToEur, 2));

        var jp = await (await shopper.PublicProductAsync(created.Id(), "JP")).ShouldBeJsonAsync();
        jp.GetProperty("price").Currency().ShouldBe("JPY");
        jp.GetProperty("price").Amount().ShouldBe(CatalogApi.Converted(59.99m, usdToJpy, 0));
    }

    [Fact]
    public async Task Draft_product_is_hidden_from_shoppers_until_the_seller_activates_it()
    {
        using var seller = await Seller1();
        using var shopper = App.CreateClient();
        var word = Unique.Word();
        var product = ProductBuilder.Titled($"Desk Lamp {word}").Status("draft");
        var created = await seller.CreateProductAsync(product);

        (await seller.GetJsonAsync($"{CatalogApi.SellerProducts}?status=draft&q={word}")).Ids().ShouldBe([created.Id()]);
        await (await shopper.PublicProductAsync(created.Id(), "US")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await shopper.SearchAsync("US", word)).Ids().ShouldBeEmpty();

        var version = created.GetProperty("version").GetGuid();
        await (await seller.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{created.Id()}", product.Status("active").ToJson(version))).ShouldBeJsonAsync();

        await (await shopper.PublicProductAsync(created.Id(), "US")).ShouldBeJsonAsync();
        (await shopper.SearchAsync("US", word)).Ids().ShouldBe([created.Id()]);
    }

    [Fact]
    public async Task Replacing_a_product_with_its_current_version_changes_what_shoppers_see()
    {
        using var seller = await Seller1();
        using var shopper = App.CreateClient();
        var (kept, dropped, added) = (Unique.Sku(), Unique.Sku(), Unique.Sku());
        var created = await seller.CreateProductAsync(ProductBuilder.Titled($"Travel Adapter {Unique.Word()}").Variant(kept, 25.00m).Variant(dropped, 27.00m));
        var keptId = created.GetProperty("variants").EnumerateArray().Single(v => v.GetProperty("sku").GetString() == kept).Id();

        var newTitle = $"Universal Travel Adapter {Unique.Word()}";
        var replacement = ProductBuilder.Titled(newTitle).Variant(kept, 22.00m).Variant(added, 31.00m);
        var replaced = await (await seller.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{created.Id()}", replacement.ToJson(created.GetProperty("version").GetGuid()))).ShouldBeJsonAsync();
        replaced.GetProperty("version").GetGuid().ShouldNotBe(created.GetProperty("version").GetGuid());

        var shown = await (await shopper.PublicProductAsync(created.Id(), "US")).ShouldBeJsonAsync();
        shown.GetProperty("title").GetString().ShouldBe(newTitle);
        shown.GetProperty("price").Amount().ShouldBe(22.00m);
        var variants = shown.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("sku").GetString()!);
        variants.Keys.ShouldBe([kept, added], ignoreOrder: true);
        variants[kept].Id().ShouldBe(keptId, "a SKU that stays keeps its id");
        variants[added].GetProperty("price").Amount().ShouldBe(31.00m);
    }

    [Fact]
    public async Task Seller_can_save_each_of_its_products_back_unchanged()
    {
        using var seller = await Seller1();
        var list = await seller.GetJsonAsync($"{CatalogApi.SellerProducts}?pageSize=100");
        list.Items().ShouldNotBeEmpty();

        foreach (var id in list.Ids())
        {
            var product = await seller.SellerProductAsync(id);
            var body = AsInput(product);
            var saved = await (await seller.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{id}", body)).ShouldBeJsonAsync();
            var savedInput = AsInput(saved);
            savedInput.Remove("version");
            body.Remove("version");
            savedInput.ToJsonString().ShouldBe(body.ToJsonString());
        }
    }

    [Fact]
    public async Task Replacing_with_a_stale_version_is_a_conflict_and_changes_nothing()
    {
        using var seller = await Seller1();
        using var shopper = App.CreateClient();
        var sku = Unique.Sku();
        var original = ProductBuilder.Titled($"Power Bank {Unique.Word()}").Variant(sku, 35.00m);
        var created = await seller.CreateProductAsync(original);
        var staleVersion = created.GetProperty("version").GetGuid();
        var current = await (await seller.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{created.Id()}",
            original.Translation("en", $"Power Bank 20000 mAh {Unique.Word()}").ToJson(staleVersion))).ShouldBeJsonAsync();
        var before = await seller.SellerSnapshotAsync(created.Id());
        var shownBefore = await (await shopper.PublicProductAsync(created.Id(), "US")).ShouldBeJsonAsync();

        var overwrite = ProductBuilder.Titled("Overwritten by a stale editor").Variant(sku, 1.00m);
        var response = await seller.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{created.Id()}", overwrite.ToJson(staleVersion));

        await response.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await seller.SellerSnapshotAsync(created.Id())).ShouldBe(before);
        current.GetProperty("version").GetGuid().ShouldBe((await seller.SellerProductAsync(created.Id())).GetProperty("version").GetGuid());
        var shownAfter = await (await shopper.PublicProductAsync(created.Id(), "US")).ShouldBeJsonAsync();
        shownAfter.GetProperty("title").GetString().ShouldBe(shownBefore.GetProperty("title").GetString());
        shownAfter.GetProperty("price").Amount().ShouldBe(35.00m);
    }

    [Fact]
    public async Task Archived_product_disappears_from_the_storefront_but_stays_in_the_sellers_list()
    {
        using var seller = await Seller1();
        using var shopper = App.CreateClient();
        var word = Unique.Word();
        var created = await seller.CreateProductAsync(ProductBuilder.Titled($"Phone Stand {word}"));
        (await shopper.SearchAsync("US", word)).Ids().ShouldBe([created.Id()]);

        var archived = await (await seller.PostAsync($"{CatalogApi.SellerProducts}/{created.Id()}/archive", null, Api.Cancel)).ShouldBeJsonAsync();

        archived.GetProperty("status").GetString().ShouldBe("archived");
        await (await shopper.PublicProductAsync(created.Id(), "US")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await shopper.SearchAsync("US", word)).Ids().ShouldBeEmpty();
        (await seller.GetJsonAsync($"{CatalogApi.SellerProducts}?status=archived&q={word}")).Ids().ShouldBe([created.Id()]);
    }

    [Fact]
    public async Task Product_blocked_in_a_market_is_hidden_there_and_still_on_sale_elsewhere()
    {
        using var seller = await Seller1();
        using var shopper = App.CreateClient();
        var word = Unique.Word();
        var created = await seller.CreateProductAsync(ProductBuilder.Titled($"Laser Pointer {word}"));

        var ruled = await (await seller.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{created.Id()}/markets/fr",
            new JsonObject { ["blocked"] = true, ["reason"] = "Class 3R lasers are not sold to consumers here." })).ShouldBeJsonAsync();

        ruled.GetProperty("marketRules").EnumerateArray().ShouldHaveSingleItem().GetProperty("market").GetString().ShouldBe("FR");
        await (await shopper.PublicProductAsync(created.Id(), "FR")).ShouldBeProblemAsync(HttpStatusCode.NotFound);
        (await shopper.SearchAsync("FR", word)).Ids().ShouldBeEmpty();
        await (await shopper.PublicProductAsync(created.Id(), "DE")).ShouldBeJsonAsync();
        (await shopper.SearchAsync("DE", word)).Ids().ShouldBe([created.Id()]);

        await (await seller.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{created.Id()}/markets/FR", new JsonObject { ["blocked"] = false })).ShouldBeJsonAsync();
        await (await shopper.PublicProductAsync(created.Id(), "FR")).ShouldBeJsonAsync();
    }

    [Fact]
    public async Task Fixed_market_price_overrides_the_converted_price_in_that_market_only()
    {
        using var seller = await Seller1();
        using var shopper = App.CreateClient();
        var (sku, other) = (Unique.Sku(), Unique.Sku());
        var created = await seller.CreateProductAsync(ProductBuilder.Titled($"Smart Plug {Unique.Word()}").Variant(sku, 20.00m).Variant(other, 30.00m));
        var usdToEur = await shopper.RateAsync("USD", "EUR");
        var usdToJpy = await shopper.RateAsync("USD", "JPY");

        await (await seller.SendJsonAsync(HttpMethod.Put, $"{CatalogApi.SellerProducts}/{created.Id()}/markets/DE", new JsonObject
        {
            ["prices"] = new JsonArray(new JsonObject { ["sku"] = sku, ["amount"] = 14.95m }),
        })).ShouldBeJsonAsync();

        var de = await (await shopper.PublicProductAsync(created.Id(), "DE")).ShouldBeJsonAsync();
        var deVariants = de.GetProperty("variants").EnumerateArray().ToDictionary(v => v.GetProperty("sku").GetString()!, v => v.GetProperty("price"));
        deVariants[sku].Amount().ShouldBe(14.95m);
        deVariants[sku].Currency().ShouldBe("EUR");
        deVariants[other].Amount().ShouldBe(CatalogApi.Converted(30.00m, usdToEur, 2));
        de.GetProperty("price").Amount().ShouldBe(14.95m);
        var jp = await (await shopper.PublicProductAsync(created.Id(), "JP")).ShouldBeJsonAsync();
        jp.GetProperty("price").Amount().ShouldBe(CatalogApi.Converted(20.00m, usdToJpy, 0));
    }

    [Fact]
    public async Task Search_finds_english_words_regardless_of_case()
    {
        using var seller = await Seller1();
        using var shopper = App.CreateClient();
        var word = Unique.Word();
        var lamp = await seller.CreateProductAsync(ProductBuilder.Titled($"Aurora {word} Night Light", "Warm white glow for the nursery."));
        await seller.CreateProductAsync(ProductBuilder.Titled($"Aurora {word} Alarm Clock"));

        (await shopper.SearchAsync("US", $"{word.ToUpperInvariant()} NIGHT")).Ids().ShouldBe([lamp.Id()]);
        (await shopper.SearchAsync("US", "nursery")).Ids().ShouldContain(lamp.Id());
        (await shopper.SearchAsync("US", $"Aurora {word}")).Ids().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Search_finds_a_chinese_word_inside_a_title()
    {
        using var seller = await Seller1();
        using var shopper = App.CreateClient();
        var word = Unique.Word();
        var earphones = await seller.CreateProductAsync(ProductBuilder.Titled($"Noise Cancelling Earphones {word}").Translation("zh-Hans", $"无线降噪耳机 {word}"));
        var speaker = await seller.CreateProductAsync(ProductBuilder.Titled($"Bluetooth Speaker {word}").Translation("zh-Hans", $"蓝牙音箱 {word}"));

        var found = await shopper.SearchAsync("US", "耳机", "zh-Hans");

        found.Ids().ShouldContain(earphones.Id());
        found.Ids().ShouldNotContain(speaker.Id());
        found.Items().Single(i => i.Id() == earphones.Id()).GetProperty("title").GetString().ShouldBe($"无线降噪耳机 {word}");
        (await shopper.SearchAsync("US", $"降噪耳机 {word}", "zh-Hans")).Ids().ShouldBe([earphones.Id()]);
    }

    [Fact]
    public async Task Search_folds_full_width_and_half_width_input()
    {
        using var seller = await Seller1();
        using var shopper = App.CreateClient();
        var word = Unique.Word();
        var strip = await seller.CreateProductAsync(ProductBuilder.Titled($"LED Strip {word}"));
        var earbuds = await seller.CreateProductAsync(ProductBuilder.Titled($"Earbuds {word}").Translation("ja", $"ワイヤレスイヤホン {word}"));

        (await shopper.SearchAsync("US", FullWidth($"led strip {word}"))).Ids().ShouldBe([strip.Id()]);
        (await shopper.SearchAsync("JP", $"ｲﾔﾎﾝ {word}", "ja")).Ids().ShouldBe([earbuds.Id()]);
    }

    /// <summary>What the seller API returns, turned back into what it accepts, as an editor would.</summary>
    private static JsonObject AsInput(JsonElement product)
    {
        var input = new JsonObject();
        foreach (var name in (string[])["category", "hsCode", "originCountry", "weightGrams", "dimensions", "status", "defaultLocale", "translations", "images", "version"])
            input[name] = product.GetProperty(name).ToNode();
        input["variants"] = new JsonArray(product.GetProperty("variants").EnumerateArray().Select(v => (JsonNode)new JsonObject
        {
            ["sku"] = v.GetProperty("sku").GetString(),
            ["options"] = v.GetProperty("options").ToNode(),
            ["gtin"] = v.GetProperty("gtin").ToNode(),
            ["price"] = v.GetProperty("price").Amount(),
        }).ToArray());
        return input;
    }

    /// <summary>ASCII as typed with a CJK input method in full-width mode: Ｌｅｄ　ｓｔｒｉｐ.</summary>
    private static string FullWidth(string ascii) =>
        new(ascii.Select(c => c == ' ' ? '\u3000' : c is > ' ' and <= '~' ? (char)(c + 0xFEE0) : c).ToArray());
}

public sealed class SellerCatalogTestsOnSqlite(SqliteAppFixture fixture) : SellerCatalogTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class SellerCatalogTestsOnPostgres(PostgresAppFixture fixture) : SellerCatalogTests(fixture), IClassFixture<PostgresAppFixture>;
