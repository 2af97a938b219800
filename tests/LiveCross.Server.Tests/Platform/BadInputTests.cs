using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.DemoData;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace LiveCross.Server.Tests.Platform;

/// <summary>
/// Every API endpoint answers bad input with a 4xx problem document that names what is wrong, never a
/// 500, and changes nothing. Each case is one request; the state it could have changed is read before
/// and after.
/// </summary>
public abstract class BadInputTests(AppFixture fixture)
{
    private LiveCrossApp App => fixture.App;

    /// <summary>Values the cases fill in at run time: a product of seller 1 (with its current version), seller 2's id, an e-mail nobody has yet, and market NL as an admin would send it back.</summary>
    private sealed record Context(Guid ProductId, string Sku, Guid Version, Guid SellerId, string NewEmail, JsonObject Netherlands, Guid SessionId, Guid SessionVersion);

    /// <summary>What a case could wrongly change, read before and after the request.</summary>
    private enum State
    {
        Nothing,
        SellerCatalog,
        NewAccount,
        Sellers,
        ExchangeRates,
        Market,

        /// <summary>Orders, reservations, stock, warehouses, carts and stored addresses, counted in the database.</summary>
        Commerce,
        TaxRegistrations,

        /// <summary>Live sessions and their history, counted in the database, and the context's session as its seller sees it.</summary>
        LiveSessions,

        /// <summary>Lucky draws, their entries, live coupons and their claims, counted in the database.</summary>
        DrawsAndCoupons,

        /// <summary>Videos, uploads, tags, likes and comments, counted in the database.</summary>
        Videos,
        /// <summary>Events handed to the event store's writer.</summary>
        Events,
    }

    /// <summary>
    /// One bad request. <paramref name="Field"/> is the name the problem must give: a key of <c>errors</c>,
    /// or for the CSV import "rows:column", a column named in its <c>rows</c>; null when there is no field to name (an unknown id).
    /// </summary>
    private sealed record Case(string? Caller, HttpMethod Method, string Path, Func<Context, HttpContent?> Body, HttpStatusCode Status, string? Field, State State);

    private const string Strong = "Correct-horse-9";
    private static readonly HttpMethod Get = HttpMethod.Get;
    private static readonly HttpMethod Post = HttpMethod.Post;
    private static readonly HttpMethod Put = HttpMethod.Put;
    private static readonly HttpMethod Delete = HttpMethod.Delete;

    private static readonly Dictionary<string, Case> Cases = new()
    {
        // Accounts
        ["register: malformed JSON"] = Anonymous(Post, "/api/v1/account/register", Raw("{\"email\": \"someone@example.test\", \"password\": "), "password", State.NewAccount),
        ["register: e-mail is a number"] = Anonymous(Post, "/api/v1/account/register", c => Json(new JsonObject { ["email"] = 42, ["password"] = Strong }), "email", State.NewAccount),
        ["register: e-mail missing"] = Anonymous(Post, "/api/v1/account/register", c => Json(new JsonObject { ["password"] = Strong }), "email", State.NewAccount),
        ["register: e-mail without @"] = Anonymous(Post, "/api/v1/account/register", c => Json(new JsonObject { ["email"] = c.NewEmail.Replace("@", "", StringComparison.Ordinal), ["password"] = Strong }), "email", State.NewAccount),
        ["register: password too short"] = Anonymous(Post, "/api/v1/account/register", c => Json(new JsonObject { ["email"] = c.NewEmail, ["password"] = "short1" }), "password", State.NewAccount),
        ["register: e-mail of 300 characters"] = Anonymous(Post, "/api/v1/account/register", c => Json(new JsonObject { ["email"] = new string('e', 280) + c.NewEmail, ["password"] = Strong }), "email", State.NewAccount),
        ["register: display name of 201 characters"] = Anonymous(Post, "/api/v1/account/register", c => Json(new JsonObject { ["email"] = c.NewEmail, ["password"] = Strong, ["displayName"] = new string('n', 201) }), "displayName", State.NewAccount),
        ["login: malformed JSON"] = Anonymous(Post, "/api/v1/account/login", Raw("{\"email\": }"), "email", State.Nothing),
        ["login: password is an object"] = Anonymous(Post, "/api/v1/account/login", c => Json(new JsonObject { ["email"] = DemoAccounts.Customer1, ["password"] = new JsonObject() }), "password", State.Nothing),
        ["login: password missing"] = Anonymous(Post, "/api/v1/account/login", c => Json(new JsonObject { ["email"] = DemoAccounts.Customer1 }), "credentials", State.Nothing),

        // Markets
        ["market: unknown code"] = Anonymous(Get, "/api/v1/markets/XX", null, null, State.Nothing, HttpStatusCode.NotFound),

        // Payments
        ["payment methods: market missing"] = Anonymous(Get, "/api/v1/payments/methods", null, "market", State.Nothing),
        ["payment methods: unknown market"] = Anonymous(Get, "/api/v1/payments/methods?market=XX", null, "market", State.Nothing),
        ["webhook: unsigned"] = Anonymous(Post, "/api/v1/payments/webhooks/sandbox", Raw("{\"id\": \"evt_1\", \"type\": \"payment.succeeded\"}"), null, State.Nothing),
        ["webhook: signed with a made-up header"] = Anonymous(Post, "/api/v1/payments/webhooks/sandbox", c => Signed("{}", "t=1,v1=00"), null, State.Nothing),
        ["webhook: body over 256 KiB"] = Anonymous(Post, "/api/v1/payments/webhooks/sandbox", Raw("\"" + new string('x', 300 * 1024) + "\""), null, State.Nothing),
        ["webhook: unknown provider"] = Anonymous(Post, "/api/v1/payments/webhooks/paypal", Raw("{}"), null, State.Nothing, HttpStatusCode.NotFound),

        // Exchange rates
        ["rate: malformed JSON"] = Admin(Post, "/api/v1/admin/exchange-rates", Raw("{\"base\": \"USD\", \"quote\": \"EUR\", \"rate\": 0.9,"), "body", State.ExchangeRates),
        ["rate: rate is text"] = Admin(Post, "/api/v1/admin/exchange-rates", c => Json(Rate(r => r["rate"] = "high")), "rate", State.ExchangeRates),
        ["rate: as-of is not a date"] = Admin(Post, "/api/v1/admin/exchange-rates", c => Json(Rate(r => r["asOf"] = "yesterday")), "asOf", State.ExchangeRates),
        ["rate: base missing"] = Admin(Post, "/api/v1/admin/exchange-rates", c => Json(Rate(r => r.Remove("base"))), "base", State.ExchangeRates),
        ["rate: unknown currency"] = Admin(Post, "/api/v1/admin/exchange-rates", c => Json(Rate(r => r["quote"] = "ABC")), "quote", State.ExchangeRates),
        ["rate: base equals quote"] = Admin(Post, "/api/v1/admin/exchange-rates", c => Json(Rate(r => r["quote"] = "USD")), "quote", State.ExchangeRates),
        ["rate: so small its inverse overflows prices"] = Admin(Post, "/api/v1/admin/exchange-rates", c => Json(Rate(r => r["rate"] = 0.0000000000000000000000000001m)), "rate", State.ExchangeRates),
        ["rate: negative"] = Admin(Post, "/api/v1/admin/exchange-rates", c => Json(Rate(r => r["rate"] = -0.9m)), "rate", State.ExchangeRates),
        ["rate: as-of in the future"] = Admin(Post, "/api/v1/admin/exchange-rates", c => Json(Rate(r => r["asOf"] = DateTime.UtcNow.AddDays(10).ToString("yyyy-MM-dd"))), "asOf", State.ExchangeRates),
        ["rate: source of 301 characters"] = Admin(Post, "/api/v1/admin/exchange-rates", c => Json(Rate(r => r["source"] = new string('s', 301))), "source", State.ExchangeRates),

        // Admin: sellers and their staff
        ["seller: malformed JSON"] = Admin(Post, "/api/v1/admin/sellers", Raw("{\"name\": \"Acme\" \"slug\": \"acme\"}"), "body", State.Sellers),
        ["seller: name is an array"] = Admin(Post, "/api/v1/admin/sellers", c => Json(NewSeller(s => s["name"] = new JsonArray("Acme"))), "name", State.Sellers),
        ["seller: name missing"] = Admin(Post, "/api/v1/admin/sellers", c => Json(NewSeller(s => s.Remove("name"))), "name", State.Sellers),
        ["seller: slug with spaces"] = Admin(Post, "/api/v1/admin/sellers", c => Json(NewSeller(s => s["slug"] = "Bad Slug!")), "slug", State.Sellers),
        ["seller: slug taken"] = Admin(Post, "/api/v1/admin/sellers", c => Json(NewSeller(s => s["slug"] = DemoSeeder.ElectronicsSlug)), "slug", State.Sellers),
        ["seller: unknown currency"] = Admin(Post, "/api/v1/admin/sellers", c => Json(NewSeller(s => s["currency"] = "EURO")), "currency", State.Sellers),
        ["seller: currency without an exchange rate"] = Admin(Post, "/api/v1/admin/sellers", c => Json(NewSeller(s => s["currency"] = "ISK")), "currency", State.Sellers),
        ["seller: country spelled out"] = Admin(Post, "/api/v1/admin/sellers", c => Json(NewSeller(s => s["country"] = "Germany")), "country", State.Sellers),
        ["staff: malformed JSON"] = Admin(Post, "/api/v1/admin/sellers/{seller}/staff", Raw("[\"not\", \"an\", \"object\"]"), "body", State.NewAccount),
        ["staff: unknown seller"] = Admin(Post, $"/api/v1/admin/sellers/{Guid.NewGuid()}/staff", c => Json(new JsonObject { ["email"] = c.NewEmail, ["password"] = Strong }), null, State.NewAccount, HttpStatusCode.NotFound),
        ["staff: e-mail missing"] = Admin(Post, "/api/v1/admin/sellers/{seller}/staff", c => Json(new JsonObject { ["password"] = Strong }), "email", State.NewAccount),
        ["staff: display name of 300 characters"] = Admin(Post, "/api/v1/admin/sellers/{seller}/staff", c => Json(new JsonObject { ["email"] = c.NewEmail, ["password"] = Strong, ["displayName"] = new string('d', 300) }), "displayName", State.NewAccount),
        ["staff: password too short"] = Admin(Post, "/api/v1/admin/sellers/{seller}/staff", c => Json(new JsonObject { ["email"] = c.NewEmail, ["password"] = "short1" }), "password", State.NewAccount),

        // Admin: market definitions
        ["market edit: malformed JSON"] = Admin(Put, "/api/v1/admin/markets/NL", Raw("{\"code\": \"NL\", \"currency\": "), "currency", State.Market),
        ["market edit: minor units as text"] = Admin(Put, "/api/v1/admin/markets/NL", c => Json(Market(c, m => m["currencyMinorUnits"] = "two")), "currencyMinorUnits", State.Market),
        ["market edit: weekend day that does not exist"] = Admin(Put, "/api/v1/admin/markets/NL", c => Json(Market(c, m => m["weekend"] = new JsonArray("Saturday", "Funday"))), "weekend[1]", State.Market),
        ["market edit: unknown currency"] = Admin(Put, "/api/v1/admin/markets/NL", c => Json(Market(c, m => m["currency"] = "EURO")), "currency", State.Market),
        ["market edit: currency without an exchange rate"] = Admin(Put, "/api/v1/admin/markets/NL", c => Json(Market(c, m => { m["currency"] = "ISK"; m["currencyMinorUnits"] = 0; })), "currency", State.Market),
        ["market edit: minor units disagree with ISO 4217"] = Admin(Put, "/api/v1/admin/markets/NL", c => Json(Market(c, m => m["currencyMinorUnits"] = 0)), "currencyMinorUnits", State.Market),
        ["market edit: default locale not among its locales"] = Admin(Put, "/api/v1/admin/markets/NL", c => Json(Market(c, m => m["defaultLocale"] = "fr-FR")), "defaultLocale", State.Market),
        ["market edit: unknown locale"] = Admin(Put, "/api/v1/admin/markets/NL", c => Json(Market(c, m => m["locales"]!.AsArray().Add("xx-Nowhere"))), "locales[2]", State.Market),
        ["market edit: unknown time zone"] = Admin(Put, "/api/v1/admin/markets/NL", c => Json(Market(c, m => m["timeZone"] = "Mars/Olympus_Mons")), "timeZone", State.Market),
        ["market edit: names is null"] = Admin(Put, "/api/v1/admin/markets/NL", c => Json(Market(c, m => m["names"] = null)), "names", State.Market),
        ["market edit: locales is null"] = Admin(Put, "/api/v1/admin/markets/NL", c => Json(Market(c, m => m["locales"] = null)), "locales", State.Market),
        ["market edit: a null holiday"] = Admin(Put, "/api/v1/admin/markets/NL", c => Json(Market(c, m => m["holidays"] = new JsonArray((JsonNode?)null))), "holidays[0]", State.Market),
        ["market edit: weekend day 9"] = Admin(Put, "/api/v1/admin/markets/NL", c => Json(Market(c, m => m["weekend"] = new JsonArray(9))), "weekend[0]", State.Market),
        ["market edit: code of another market"] = Admin(Put, "/api/v1/admin/markets/NL", c => Json(Market(c, m => m["code"] = "BE")), "code", State.Market),
        ["market edit: unknown market"] = Admin(Put, "/api/v1/admin/markets/XX", c => Json(Market(c, m => m["code"] = "XX")), null, State.Market, HttpStatusCode.NotFound),

        // Storefront catalog
        ["products: unknown market"] = Anonymous(Get, "/api/v1/products?market=XX", null, "market", State.Nothing),
        ["products: page 0"] = Anonymous(Get, "/api/v1/products?page=0", null, "page", State.Nothing),
        ["products: page is text"] = Anonymous(Get, "/api/v1/products?page=first", null, "page", State.Nothing),
        ["products: page size 101"] = Anonymous(Get, "/api/v1/products?pageSize=101", null, "pageSize", State.Nothing),
        ["products: unknown category"] = Anonymous(Get, "/api/v1/products?category=electronics/teleporters", null, "category", State.Nothing),
        ["products: search of 201 characters"] = Anonymous(Get, $"/api/v1/products?q={new string('q', 201)}", null, "q", State.Nothing),
        ["product: unknown id"] = Anonymous(Get, $"/api/v1/products/{Guid.NewGuid()}", null, null, State.Nothing, HttpStatusCode.NotFound),
        ["product: unknown market"] = Anonymous(Get, "/api/v1/products/{product}?market=XX", null, "market", State.Nothing),

        // Shipping
        ["shipping options: unknown market"] = Anonymous(Get, "/api/v1/products/{product}/shipping-options?market=XX", null, "market", State.Nothing),
        ["shipping options: quantity 0"] = Anonymous(Get, "/api/v1/products/{product}/shipping-options?quantity=0", null, "quantity", State.Nothing),
        ["shipping options: date is not a date"] = Anonymous(Get, "/api/v1/products/{product}/shipping-options?date=soon", null, "date", State.Nothing),
        ["shipping options: unknown product"] = Anonymous(Get, $"/api/v1/products/{Guid.NewGuid()}/shipping-options", null, null, State.Nothing, HttpStatusCode.NotFound),
        ["parcel: malformed JSON"] = Anonymous(Post, "/api/v1/shipping/options", Raw("{\"destination\": \"DE\", \"items\": [ { \"quantity\": }"), "items[0].quantity", State.Nothing),
        ["parcel: body is null"] = Anonymous(Post, "/api/v1/shipping/options", Raw("null"), "body", State.Nothing),
        ["parcel: unknown destination"] = Anonymous(Post, "/api/v1/shipping/options", c => Json(Parcel(p => p["destination"] = "XX", c)), "destination", State.Nothing),
        ["parcel: no items"] = Anonymous(Post, "/api/v1/shipping/options", c => Json(Parcel(p => p["items"] = new JsonArray(), c)), "items", State.Nothing),
        ["parcel: quantity is text"] = Anonymous(Post, "/api/v1/shipping/options", c => Json(Parcel(p => p["items"]![0]!["quantity"] = "two", c)), "items[0].quantity", State.Nothing),
        ["parcel: unknown SKU"] = Anonymous(Post, "/api/v1/shipping/options", c => Json(Parcel(p => p["items"]![0]!["sku"] = "NO-SUCH-SKU", c)), "items[0].sku", State.Nothing),
        ["parcel: described item without an origin"] = Anonymous(Post, "/api/v1/shipping/options", c => Json(Parcel(p => p["items"] = new JsonArray(new JsonObject { ["weightGrams"] = 300, ["quantity"] = 1 }), c)), "shipFrom", State.Nothing),
        ["parcel: unknown battery type"] = Anonymous(Post, "/api/v1/shipping/options", c => Json(Parcel(p => { p["shipFrom"] = "CN"; p["items"] = new JsonArray(new JsonObject { ["weightGrams"] = 300, ["quantity"] = 1, ["battery"] = "yes" }); }, c)), "items[0].battery", State.Nothing),

        // Seller catalog: list, read and archive
        ["seller list: page is text"] = Seller(Get, $"{CatalogApi.SellerProducts}?page=second", null, "page"),
        ["seller list: unknown status"] = Seller(Get, $"{CatalogApi.SellerProducts}?status=deleted", null, "status"),
        ["seller list: status given as a number"] = Seller(Get, $"{CatalogApi.SellerProducts}?status=1", null, "status"),
        ["seller list: page size 101"] = Seller(Get, $"{CatalogApi.SellerProducts}?pageSize=101", null, "pageSize"),
        ["seller product: unknown id"] = Seller(Get, $"{CatalogApi.SellerProducts}/{Guid.NewGuid()}", null, null, HttpStatusCode.NotFound),
        ["archive: unknown product"] = Seller(Post, $"{CatalogApi.SellerProducts}/{Guid.NewGuid()}/archive", null, null, HttpStatusCode.NotFound),

        // Seller catalog: create
        ["create: malformed JSON"] = Seller(Post, CatalogApi.SellerProducts, Raw("{\"category\": \"electronics/audio\", \"hsCode\": 851830"), "hsCode"),
        ["create: body is null"] = Seller(Post, CatalogApi.SellerProducts, Raw("null"), "body"),
        ["create: body is empty"] = Seller(Post, CatalogApi.SellerProducts, Raw(""), "body"),
        ["create: weight is text"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["weightGrams"] = "heavy"), "weightGrams"),
        ["create: price is text"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["variants"]![0]!["price"] = "cheap"), "variants[0].price"),
        ["create: category missing"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p.Remove("category")), "category"),
        ["create: no variants"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p.Remove("variants")), "variants"),
        ["create: negative price"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["variants"]![0]!["price"] = -5m), "variants[0].price"),
        ["create: USD price with 3 decimals"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["variants"]![0]!["price"] = 19.999m), "variants[0].price"),
        ["create: weight 0"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["weightGrams"] = 0), "weightGrams"),
        ["create: unknown battery type"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["battery"] = "maybe"), "battery"),
        ["create: HS code of five digits"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["hsCode"] = "12345"), "hsCode"),
        ["create: HS chapter 77"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["hsCode"] = "770100"), "hsCode"),
        ["create: unknown locale"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["translations"]![0]!["locale"] = "xx-Nowhere"), "translations[0].locale"),
        ["create: a null translation"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["translations"]!.AsArray().Add(null)), "translations[1]"),
        ["create: a null variant"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["variants"] = new JsonArray((JsonNode?)null)), "variants[0]"),
        ["create: a null image"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["images"] = new JsonArray((JsonNode?)null)), "images[0]"),
        ["create: status given as a number"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["status"] = "99"), "status"),
        ["create: status as a list"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["status"] = "Active,Draft"), "status"),
        ["create: 101 variants"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["variants"] = new JsonArray(Enumerable.Range(0, 101).Select(_ => (JsonNode)new JsonObject { ["sku"] = Unique.Sku(), ["price"] = 5m }).ToArray())), "variants"),
        ["create: title of 201 characters"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["translations"]![0]!["title"] = new string('t', 201)), "translations[0].title"),
        ["create: GTIN with a wrong check digit"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["variants"]![0]!["gtin"] = Unique.GtinWithWrongCheckDigit()), "variants[0].gtin"),
        ["create: SKU with spaces"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["variants"]![0]!["sku"] = "MY SKU"), "variants[0].sku"),
        ["create: SKU of another product"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["variants"]![0]!["sku"] = c.Sku), "variants"),
        ["create: unknown status"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["status"] = "published"), "status"),
        ["create: country spelled out"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["originCountry"] = "China"), "originCountry"),
        ["create: negative length"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["dimensions"]!["lengthMm"] = -1), "dimensions.lengthMm"),
        ["create: default locale without a translation"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["defaultLocale"] = "de"), "defaultLocale"),
        ["create: image that is not https"] = Seller(Post, CatalogApi.SellerProducts, c => Product(p => p["images"] = new JsonArray(new JsonObject { ["url"] = "http://example.test/a.png" })), "images[0].url"),

        // Seller catalog: replace
        ["replace: malformed JSON"] = Seller(Put, $"{CatalogApi.SellerProducts}/{{product}}", Raw("{\"category\": [}"), "category"),
        ["replace: version missing"] = Seller(Put, $"{CatalogApi.SellerProducts}/{{product}}", c => Product(p => p.Remove("version"), c), "version"),
        ["replace: version is not a GUID"] = Seller(Put, $"{CatalogApi.SellerProducts}/{{product}}", c => Product(p => p["version"] = "v1", c), "version"),
        ["replace: weight 0"] = Seller(Put, $"{CatalogApi.SellerProducts}/{{product}}", c => Product(p => p["weightGrams"] = 0, c), "weightGrams"),
        ["replace: USD price with 3 decimals"] = Seller(Put, $"{CatalogApi.SellerProducts}/{{product}}", c => Product(p => p["variants"]![0]!["price"] = 0.001m, c), "variants[0].price"),
        ["replace: unknown product"] = Seller(Put, $"{CatalogApi.SellerProducts}/{Guid.NewGuid()}", c => Product(p => { }, c), null, HttpStatusCode.NotFound),

        // Seller catalog: market rules
        ["market rule: malformed JSON"] = Seller(Put, $"{CatalogApi.SellerProducts}/{{product}}/markets/JP", Raw("{\"blocked\": tru}"), "blocked"),
        ["market rule: blocked is text"] = Seller(Put, $"{CatalogApi.SellerProducts}/{{product}}/markets/JP", c => Json(new JsonObject { ["blocked"] = "yes" }), "blocked"),
        ["market rule: unknown market"] = Seller(Put, $"{CatalogApi.SellerProducts}/{{product}}/markets/XX", c => Json(new JsonObject { ["blocked"] = true }), "market"),
        ["market rule: yen with decimals"] = Seller(Put, $"{CatalogApi.SellerProducts}/{{product}}/markets/JP", c => Json(MarketPrice(c.Sku, 1999.5m)), "prices[0].amount"),
        ["market rule: negative price"] = Seller(Put, $"{CatalogApi.SellerProducts}/{{product}}/markets/DE", c => Json(MarketPrice(c.Sku, -1m)), "prices[0].amount"),
        ["market rule: SKU of no variant"] = Seller(Put, $"{CatalogApi.SellerProducts}/{{product}}/markets/DE", c => Json(MarketPrice("NOT-A-SKU", 10m)), "prices[0].sku"),
        ["market rule: a null price"] = Seller(Put, $"{CatalogApi.SellerProducts}/{{product}}/markets/DE", c => Json(new JsonObject { ["prices"] = new JsonArray((JsonNode?)null) }), "prices[0]"),
        ["market rule: one SKU priced twice"] = Seller(Put, $"{CatalogApi.SellerProducts}/{{product}}/markets/DE", c => Json(new JsonObject { ["prices"] = new JsonArray(new JsonObject { ["sku"] = c.Sku, ["amount"] = 10m }, new JsonObject { ["sku"] = c.Sku, ["amount"] = 12m }) }), "prices[1].sku"),
        ["market rule: reason of 301 characters"] = Seller(Put, $"{CatalogApi.SellerProducts}/{{product}}/markets/DE", c => Json(new JsonObject { ["blocked"] = true, ["reason"] = new string('r', 301) }), "reason"),

        // Seller catalog: CSV import
        ["import: empty file"] = Seller(Post, $"{CatalogApi.SellerProducts}/import", Csv(""), "rows:"),
        ["import: header only"] = Seller(Post, $"{CatalogApi.SellerProducts}/import", Csv(CatalogCsv.File().ToString()), "rows:"),
        ["import: JSON instead of CSV"] = Seller(Post, $"{CatalogApi.SellerProducts}/import", Csv("{\"sku\": \"A\", \"price\": 1}"), "rows:"),
        ["import: unclosed quote"] = Seller(Post, $"{CatalogApi.SellerProducts}/import", Csv(CatalogCsv.File() + "key,\"electronics/audio"), "rows:"),
        ["import: status given as a number"] = Seller(Post, $"{CatalogApi.SellerProducts}/import", c => CsvOf(CatalogCsv.Row("k", Unique.Sku(), 10.00m, "Numbered status").Set("status", "99")), "rows:status"),
        ["import: a column twice"] = Seller(Post, $"{CatalogApi.SellerProducts}/import", Csv("product_key,PRODUCT_KEY,category,hs_code,origin_country,weight_grams,sku,price,title:en\nk,k,electronics/audio,851830,CN,100,SKU-TWICE-1,10.00,Twice"), "rows:product_key"),
        ["import: not UTF-8"] = Seller(Post, $"{CatalogApi.SellerProducts}/import", c => new ByteArrayContent([.. System.Text.Encoding.UTF8.GetBytes("product_key,category,hs_code,origin_country,weight_grams,sku,price,title:en\nk,electronics/audio,851830,CN,100,LATIN1-1,10.00,caf"), 0xE9]) { Headers = { ContentType = new("text/csv") } }, "rows:"),
        ["import: form without the file"] = Seller(Post, $"{CatalogApi.SellerProducts}/import", c => new MultipartFormDataContent { { new StringContent("catalog.csv"), "name" } }, "rows:file"),
        ["import: URL-encoded form"] = Seller(Post, $"{CatalogApi.SellerProducts}/import", c => new FormUrlEncodedContent([new("file", "sku,price")]), null, HttpStatusCode.UnsupportedMediaType),
        ["import: multipart without a boundary"] = Seller(Post, $"{CatalogApi.SellerProducts}/import", MultipartWithoutBoundary, "rows:file"),

        // Cart
        ["cart: unknown market"] = Shop(null, Get, "/api/v1/cart?market=XX", null, "market"),
        ["cart add: malformed JSON"] = Shop(null, Post, "/api/v1/cart/items", Raw("{\"sku\": \"A\", \"quantity\": }"), "quantity"),
        ["cart add: quantity is text"] = Shop(null, Post, "/api/v1/cart/items", c => Json(new JsonObject { ["sku"] = c.Sku, ["quantity"] = "two" }), "quantity"),
        ["cart add: SKU missing"] = Shop(null, Post, "/api/v1/cart/items", c => Json(new JsonObject { ["quantity"] = 1 }), "sku"),
        ["cart add: unknown SKU"] = Shop(null, Post, "/api/v1/cart/items", c => Json(new JsonObject { ["sku"] = "NO-SUCH-SKU", ["quantity"] = 1 }), "sku"),
        ["cart add: unknown market"] = Shop(null, Post, "/api/v1/cart/items?market=XX", c => Json(new JsonObject { ["sku"] = c.Sku, ["quantity"] = 1 }), "market"),
        ["cart change: quantity 0"] = Shop(null, Put, "/api/v1/cart/items/ANY-SKU", c => Json(new JsonObject { ["quantity"] = 0 }), "quantity"),
        ["cart change: SKU not in the cart"] = Shop(null, Put, "/api/v1/cart/items/NOT-IN-CART", c => Json(new JsonObject { ["quantity"] = 1 }), "sku"),
        ["cart remove: SKU not in the cart"] = Shop(null, Delete, "/api/v1/cart/items/NOT-IN-CART", null, "sku"),

        // Addresses
        ["address format: unknown country"] = Shop(null, Get, "/api/v1/address-formats/XX", null, "country"),
        ["address: malformed JSON"] = Shop(DemoAccounts.Customer1, Post, "/api/v1/account/addresses", Raw("{\"address\": {\"name\": }}"), "address.name"),
        ["address: address missing"] = Shop(DemoAccounts.Customer1, Post, "/api/v1/account/addresses", c => Json(new JsonObject { ["label"] = "Home" }), "address"),
        ["address: British postcode in Germany"] = Shop(DemoAccounts.Customer1, Post, "/api/v1/account/addresses", c => Json(new JsonObject { ["address"] = Berlin(a => a["postalCode"] = "SW1A 1AA") }), "address.postalCode"),
        ["address: phone that is no number"] = Shop(DemoAccounts.Customer1, Post, "/api/v1/account/addresses", c => Json(new JsonObject { ["address"] = Berlin(a => a["phone"] = "call me") }), "address.phone"),
        ["address replace: unknown id"] = Shop(DemoAccounts.Customer1, Put, $"/api/v1/account/addresses/{Guid.NewGuid()}", c => Json(new JsonObject { ["address"] = Berlin(_ => { }) }), null, HttpStatusCode.NotFound),
        ["address delete: unknown id"] = Shop(DemoAccounts.Customer1, Delete, $"/api/v1/account/addresses/{Guid.NewGuid()}", null, null, HttpStatusCode.NotFound),

        // Orders
        ["order: malformed JSON"] = Shop(null, Post, "/api/v1/orders", Raw("{\"market\": \"DE\", \"email\": }"), "email"),
        ["order: quantity is text"] = Shop(null, Post, "/api/v1/orders", c => Json(Order(c, o => o["items"]![0]!["quantity"] = "one")), "items[0].quantity"),
        ["order: items is an object"] = Shop(null, Post, "/api/v1/orders", c => Json(Order(c, o => o["items"] = new JsonObject())), "items"),
        ["order: no idempotency key"] = Shop(null, Post, "/api/v1/orders", c => Json(Order(c, _ => { })), "Idempotency-Key"),
        ["orders: page 0"] = Shop(DemoAccounts.Customer1, Get, "/api/v1/orders?page=0", null, "page"),
        ["order: unknown id"] = Shop(null, Get, $"/api/v1/orders/{Guid.NewGuid()}", null, null, HttpStatusCode.NotFound),
        ["pay: unknown order"] = Shop(null, Post, $"/api/v1/orders/{Guid.NewGuid()}/payments", Raw("{\"method\": \"card\"}"), null, HttpStatusCode.NotFound),
        ["pay: method is a number"] = Shop(null, Post, $"/api/v1/orders/{Guid.NewGuid()}/payments", Raw("{\"method\": 5}"), "method"),
        ["cancel: unknown order"] = Shop(null, Post, $"/api/v1/orders/{Guid.NewGuid()}/cancel", null, null, HttpStatusCode.NotFound),

        // Seller inventory and orders
        ["warehouse: malformed JSON"] = Shop(DemoAccounts.Seller1, Post, "/api/v1/seller/warehouses", Raw("{\"name\": \"Dock 9\", \"country\": }"), "country"),
        ["warehouse: country spelled out"] = Shop(DemoAccounts.Seller1, Post, "/api/v1/seller/warehouses", c => Json(new JsonObject { ["name"] = "Dock " + Unique.Word(), ["country"] = "Netherlands" }), "country"),
        ["stock: page size 501"] = Shop(DemoAccounts.Seller1, Get, "/api/v1/seller/stock?pageSize=501", null, "pageSize"),
        ["stock: on hand is text"] = Shop(DemoAccounts.Seller1, Put, "/api/v1/seller/stock", c => Json(new JsonObject { ["sku"] = c.Sku, ["warehouseId"] = Guid.NewGuid().ToString(), ["onHand"] = "many" }), "onHand"),
        ["stock: warehouse of nobody"] = Shop(DemoAccounts.Seller1, Put, "/api/v1/seller/stock", c => Json(new JsonObject { ["sku"] = c.Sku, ["warehouseId"] = Guid.NewGuid().ToString(), ["onHand"] = 1 }), "warehouseId"),
        ["stock: negative on hand"] = Shop(DemoAccounts.Seller1, Put, "/api/v1/seller/stock", c => Json(new JsonObject { ["sku"] = c.Sku, ["warehouseId"] = Guid.NewGuid().ToString(), ["onHand"] = -3 }), "onHand"),
        ["seller orders: unknown status"] = Shop(DemoAccounts.Seller1, Get, "/api/v1/seller/orders?status=lost", null, "status"),
        ["seller order: unknown id"] = Shop(DemoAccounts.Seller1, Get, $"/api/v1/seller/orders/{Guid.NewGuid()}", null, null, HttpStatusCode.NotFound),
        // Landed cost
        ["quote: unknown market"] = Anonymous(Post, "/api/v1/quotes/landed-cost", c => Json(Quote(q => q["destination"] = "XX")), "destination", State.Nothing),
        ["quote: HS code of five digits"] = Anonymous(Post, "/api/v1/quotes/landed-cost", c => Json(Quote(q => q["items"]![0]!["hsCode"] = "61091")), "items[0].hsCode", State.Nothing),
        ["quote: price is text"] = Anonymous(Post, "/api/v1/quotes/landed-cost", c => Json(Quote(q => q["items"]![0]!["unitPrice"] = "cheap")), "items[0].unitPrice", State.Nothing),
        ["quote: date without rules"] = Anonymous(Post, "/api/v1/quotes/landed-cost", c => Json(Quote(q => q["date"] = "1999-01-01")), "date", State.Nothing),
        ["tax registrations: unknown scheme"] = new(DemoAccounts.Seller1, Put, "/api/v1/seller/tax-registrations",
            c => Json(new JsonObject { ["registrations"] = new JsonArray(new JsonObject { ["scheme"] = "VAT-MOSS" }) }), HttpStatusCode.BadRequest, "registrations[0].scheme", State.TaxRegistrations),
        ["tax registrations: list missing"] = new(DemoAccounts.Seller1, Put, "/api/v1/seller/tax-registrations", c => Json(new JsonObject()), HttpStatusCode.BadRequest, "registrations", State.TaxRegistrations),
        ["duty rate: negative"] = Seller(Put, $"{CatalogApi.SellerProducts}/{{product}}/duty-rates/US", c => Json(new JsonObject { ["ratePercent"] = -1m }), "ratePercent"),
        ["duty rate: unknown market"] = Seller(Put, $"{CatalogApi.SellerProducts}/{{product}}/duty-rates/XX", c => Json(new JsonObject { ["ratePercent"] = 1m }), "market"),
        // Flash sales
        ["flash sale: quantity is text"] = Seller(Post, "/api/v1/seller/flash-sales", c => Json(FlashSale(Guid.NewGuid(), q => q["quantity"] = "many")), "quantity"),
        ["flash sale: SKU of nobody"] = Seller(Post, "/api/v1/seller/flash-sales", c => Json(FlashSale(Guid.NewGuid(), _ => { })), "skuId"),
        ["flash sale: price without amount"] = Seller(Post, "/api/v1/seller/flash-sales", c => Json(FlashSale(Guid.NewGuid(), q => q["price"] = new JsonObject { ["currency"] = "USD" })), "price.amount"),
        ["flash sale: end unknown"] = Seller(Post, $"/api/v1/seller/flash-sales/{Guid.NewGuid()}/end", null, null, HttpStatusCode.NotFound),
        ["flash sale: unknown"] = Anonymous(Get, $"/api/v1/flash-sales/{Guid.NewGuid()}", null, null, State.Nothing, HttpStatusCode.NotFound),
        ["flash sale attempt: quantity is text"] = Shop(DemoAccounts.Customer1, Post, $"/api/v1/flash-sales/{Guid.NewGuid()}/attempts", Raw("{\"quantity\": \"one\"}"), "quantity"),
        ["flash sale attempt: no idempotency key"] = Shop(DemoAccounts.Customer1, Post, $"/api/v1/flash-sales/{Guid.NewGuid()}/attempts", Raw("{\"quantity\": 1}"), "Idempotency-Key"),
        ["flash sale claims: unknown sale"] = Seller(Get, $"/api/v1/flash-sales/{Guid.NewGuid()}/claims", null, null, HttpStatusCode.NotFound),
        ["duty rate: none to delete"] = Seller(HttpMethod.Delete, $"{CatalogApi.SellerProducts}/{{product}}/duty-rates/US", null, null, HttpStatusCode.NotFound),

        // Live sessions: seller
        ["live sessions: unknown status"] = Live(DemoAccounts.Seller1, Get, $"{LiveApi.SellerSessions}?status=paused", null, "status"),
        ["live sessions: status given as a number"] = Live(DemoAccounts.Seller1, Get, $"{LiveApi.SellerSessions}?status=1", null, "status"),
        ["live sessions: page 0"] = Live(DemoAccounts.Seller1, Get, $"{LiveApi.SellerSessions}?page=0", null, "page"),
        ["live sessions: page size 101"] = Live(DemoAccounts.Seller1, Get, $"{LiveApi.SellerSessions}?pageSize=101", null, "pageSize"),
        ["live session create: malformed JSON"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, Raw("{\"markets\": [\"DE\"], \"scheduledStart\": }"), "scheduledStart"),
        ["live session create: body is null"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, Raw("null"), "body"),
        ["live session create: start is not a date"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, c => Json(Session(s => s["scheduledStart"] = "tonight")), "scheduledStart"),
        ["live session create: start missing"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, c => Json(Session(s => s.Remove("scheduledStart"))), "scheduledStart"),
        ["live session create: start has passed"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, c => Json(Session(s => s["scheduledStart"] = DateTimeOffset.UtcNow.AddDays(-1).ToString("O"))), "scheduledStart"),
        ["live session create: start two years ahead"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, c => Json(Session(s => s["scheduledStart"] = DateTimeOffset.UtcNow.AddYears(2).ToString("O"))), "scheduledStart"),
        ["live session create: no titles"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, c => Json(Session(s => s["titles"] = new JsonArray())), "titles"),
        ["live session create: a null title"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, c => Json(Session(s => s["titles"]!.AsArray().Add(null))), "titles[2]"),
        ["live session create: title of 201 characters"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, c => Json(Session(s => s["titles"]![0]!["title"] = new string('t', 201))), "titles[0].title"),
        ["live session create: unknown locale"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, c => Json(Session(s => s["titles"]![1]!["locale"] = "xx-Nowhere")), "titles[1].locale"),
        ["live session create: default locale without a title"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, c => Json(Session(s => s["defaultLocale"] = "ja")), "defaultLocale"),
        ["live session create: no markets"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, c => Json(Session(s => s.Remove("markets"))), "markets"),
        ["live session create: unknown market"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, c => Json(Session(s => s["markets"] = new JsonArray("DE", "XX"))), "markets[1]"),
        ["live session create: market is a number"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, c => Json(Session(s => s["markets"] = new JsonArray(49))), "markets[0]"),
        ["live session create: product id is not a GUID"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, c => Json(Session(s => s["products"] = new JsonArray("ring-light"))), "products[0]"),
        ["live session create: product of nobody"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, c => Json(Session(s => s["products"] = new JsonArray(Guid.NewGuid().ToString()))), "products[0]"),
        ["live session create: one product twice"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, c => Json(Session(s => s["products"] = new JsonArray(c.ProductId.ToString(), c.ProductId.ToString()))), "products"),
        ["live session create: host of nobody"] = Live(DemoAccounts.Seller1, Post, LiveApi.SellerSessions, c => Json(Session(s => s["hostAccountId"] = Guid.NewGuid().ToString())), "hostAccountId"),
        ["live session: unknown id"] = Live(DemoAccounts.Seller1, Get, $"{LiveApi.SellerSessions}/{Guid.NewGuid()}", null, null, HttpStatusCode.NotFound),
        ["live session change: version missing"] = Live(DemoAccounts.Seller1, Put, $"{LiveApi.SellerSessions}/{{session}}", c => Json(Session(s => { })), "version"),
        ["live session change: version is not a GUID"] = Live(DemoAccounts.Seller1, Put, $"{LiveApi.SellerSessions}/{{session}}", c => Json(Session(s => s["version"] = "v2")), "version"),
        ["live session change: unknown market"] = Live(DemoAccounts.Seller1, Put, $"{LiveApi.SellerSessions}/{{session}}", c => Json(Session(s => { s["version"] = c.SessionVersion.ToString(); s["markets"] = new JsonArray("XX"); })), "markets[0]"),
        ["live session change: unknown id"] = Live(DemoAccounts.Seller1, Put, $"{LiveApi.SellerSessions}/{Guid.NewGuid()}", c => Json(Session(s => s["version"] = c.SessionVersion.ToString())), null, HttpStatusCode.NotFound),
        ["live session delete: unknown id"] = Live(DemoAccounts.Seller1, Delete, $"{LiveApi.SellerSessions}/{Guid.NewGuid()}", null, null, HttpStatusCode.NotFound),
        ["live session new key: unknown id"] = Live(DemoAccounts.Seller1, Post, $"{LiveApi.SellerSessions}/{Guid.NewGuid()}/stream-key", null, null, HttpStatusCode.NotFound),
        ["live session go live: unknown id"] = Live(DemoAccounts.Seller1, Post, $"{LiveApi.SellerSessions}/{Guid.NewGuid()}/go-live", null, null, HttpStatusCode.NotFound),
        ["live session end: unknown id"] = Live(DemoAccounts.Seller1, Post, $"{LiveApi.SellerSessions}/{Guid.NewGuid()}/end", null, null, HttpStatusCode.NotFound),
        ["live session end: still scheduled"] = Live(DemoAccounts.Seller1, Post, $"{LiveApi.SellerSessions}/{{session}}/end", null, null, HttpStatusCode.Conflict),
        ["live session figures: unknown id"] = Live(DemoAccounts.Seller1, Get, $"{LiveApi.SellerSessions}/{Guid.NewGuid()}/figures", null, null, HttpStatusCode.NotFound),

        // Live sessions: viewers, the media server's callbacks, the media-server config
        ["public live sessions: unknown market"] = Live(null, Get, $"{LiveApi.PublicSessions}?market=XX", null, "market"),
        ["public live sessions: unknown locale"] = Live(null, Get, $"{LiveApi.PublicSessions}?locale=xx-Nowhere", null, "locale"),
        ["public live session: unknown id"] = Live(null, Get, $"{LiveApi.PublicSessions}/{Guid.NewGuid()}", null, null, HttpStatusCode.NotFound),
        ["public live session: unknown locale"] = Live(null, Get, $"{LiveApi.PublicSessions}/{{session}}?locale=xx-Nowhere", null, "locale"),
        ["ingest publish: no secret"] = Live(null, Post, "/api/v1/live/ingest/publish", c => IngestForm("lcs_" + new string('A', 43)), null, HttpStatusCode.Forbidden),
        ["ingest publish: wrong secret"] = Live(null, Post, "/api/v1/live/ingest/publish?secret=lmc_guess&relay=rtmp://127.0.0.1:1935/hls", c => IngestForm("lcs_" + new string('A', 43)), null, HttpStatusCode.Forbidden),
        ["ingest publish done: no secret"] = Live(null, Post, "/api/v1/live/ingest/publish-done", c => IngestForm(c.SessionId.ToString("N")), null, HttpStatusCode.Forbidden),
        ["ingest update: no secret"] = Live(null, Post, "/api/v1/live/ingest/update", c => IngestForm("lcs_" + new string('A', 43)), null, HttpStatusCode.Forbidden),
        ["ingest update: wrong secret"] = Live(null, Post, "/api/v1/live/ingest/update?secret=lmc_guess", c => IngestForm("lcs_" + new string('A', 43)), null, HttpStatusCode.Forbidden),
        ["media server config: RTMP port 0"] = Live(DemoAccounts.Admin, Get, "/api/v1/admin/media-server/nginx.conf?rtmpPort=0", null, "rtmpPort"),
        ["media server config: ports equal"] = Live(DemoAccounts.Admin, Get, "/api/v1/admin/media-server/nginx.conf?rtmpPort=8088&httpPort=8088", null, "httpPort"),
        ["media server config: port is text"] = Live(DemoAccounts.Admin, Get, "/api/v1/admin/media-server/nginx.conf?httpPort=http", null, "httpPort"),
        ["media server config: data folder that ends a directive"] = Live(DemoAccounts.Admin, Get, "/api/v1/admin/media-server/nginx.conf?dataFolder=/tmp/x;%20user%20root", null, "dataFolder"),
        ["media server config: relative data folder"] = Live(DemoAccounts.Admin, Get, "/api/v1/admin/media-server/nginx.conf?dataFolder=media", null, "dataFolder"),
        ["media server config: callback with a query"] = Live(DemoAccounts.Admin, Get, "/api/v1/admin/media-server/nginx.conf?callbackBaseUrl=http%3A%2F%2F127.0.0.1%3A5080%2F%3Fa%3Db", null, "callbackBaseUrl"),

        // Events
        ["events: no client id and not signed in"] = Anonymous(Post, "/api/v1/events", Raw("[]"), "X-LiveCross-Client", State.Events),
        ["events: malformed client id"] = Anonymous(Post, "/api/v1/events", c => WithClientId(Raw("[]")(c)!, "has spaces in it"), "X-LiveCross-Client", State.Events),
        ["events: an object, not an array"] = Anonymous(Post, "/api/v1/events", c => WithClientId(Raw("""{"type":"like"}""")(c)!, "bad-input-client"), "body", State.Events),
        ["events: malformed JSON"] = Anonymous(Post, "/api/v1/events", c => WithClientId(Raw("[{\"type\": ")(c)!, "bad-input-client"), "body", State.Events),
        ["events: 501 events"] = Anonymous(Post, "/api/v1/events", c => WithClientId(Raw("[" + string.Join(',', Enumerable.Repeat("{}", 501)) + "]")(c)!, "bad-input-client"), "body", State.Events),

        ["video figures: from after to"] = Seller(Get, "/api/v1/seller/videos/figures?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", null, "from"),
        ["video figures: from is not a time"] = Seller(Get, "/api/v1/seller/videos/figures?from=yesterday", null, "from"),
        ["video figures: a period over a year"] = Seller(Get, "/api/v1/seller/videos/figures?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", null, "to"),

        // Lucky draws and live coupons
        ["draw start: body is null"] = Lucky(DemoAccounts.Seller1, Post, "/api/v1/seller/live-sessions/{session}/draws", Raw("null"), "body"),
        ["draw start: winners is text"] = Lucky(DemoAccounts.Seller1, Post, "/api/v1/seller/live-sessions/{session}/draws", c => Json(Draw(d => d["winners"] = "two")), "winners"),
        ["draw start: no winners"] = Lucky(DemoAccounts.Seller1, Post, "/api/v1/seller/live-sessions/{session}/draws", c => Json(Draw(d => d["winners"] = 0)), "winners"),
        ["draw start: prize of 201 characters"] = Lucky(DemoAccounts.Seller1, Post, "/api/v1/seller/live-sessions/{session}/draws", c => Json(Draw(d => d["prize"] = new string('p', 201))), "prize"),
        ["draw start: unknown prize locale"] = Lucky(DemoAccounts.Seller1, Post, "/api/v1/seller/live-sessions/{session}/draws", c => Json(Draw(d => d["prizeTranslations"] = new JsonArray(new JsonObject { ["locale"] = "xx-Nowhere", ["text"] = "?" }))), "prizeTranslations[0].locale"),
        ["draw start: no entry rule"] = Lucky(DemoAccounts.Seller1, Post, "/api/v1/seller/live-sessions/{session}/draws", c => Json(Draw(d => d.Remove("entryRule"))), "entryRule"),
        ["draw start: unknown entry rule"] = Lucky(DemoAccounts.Seller1, Post, "/api/v1/seller/live-sessions/{session}/draws", c => Json(Draw(d => d["entryRule"] = new JsonObject { ["kind"] = "lottery" })), "entryRule.kind"),
        ["draw start: watch without seconds"] = Lucky(DemoAccounts.Seller1, Post, "/api/v1/seller/live-sessions/{session}/draws", c => Json(Draw(d => d["entryRule"] = new JsonObject { ["kind"] = "watch" })), "entryRule.seconds"),
        ["draw start: duration of 5 seconds"] = Lucky(DemoAccounts.Seller1, Post, "/api/v1/seller/live-sessions/{session}/draws", c => Json(Draw(d => d["durationSeconds"] = 5)), "durationSeconds"),
        ["draw start: unknown session"] = Lucky(DemoAccounts.Seller1, Post, $"/api/v1/seller/live-sessions/{Guid.NewGuid()}/draws", c => Json(Draw(_ => { })), null, HttpStatusCode.NotFound),
        ["draw end: unknown draw"] = Lucky(DemoAccounts.Seller1, Post, $"/api/v1/seller/draws/{Guid.NewGuid()}/end", null, null, HttpStatusCode.NotFound),
        ["draw: unknown id"] = Lucky(null, Get, $"/api/v1/draws/{Guid.NewGuid()}", null, null, HttpStatusCode.NotFound),
        ["draw: unknown locale"] = Lucky(null, Get, $"/api/v1/draws/{Guid.NewGuid()}?locale=xx-Nowhere", null, "locale"),
        ["draw verify: unknown id"] = Lucky(null, Get, $"/api/v1/draws/{Guid.NewGuid()}/verify", null, null, HttpStatusCode.NotFound),
        ["draw entry: unknown draw"] = Lucky(DemoAccounts.Customer1, Post, $"/api/v1/draws/{Guid.NewGuid()}/entries", null, null, HttpStatusCode.NotFound),
        ["coupon drop: body is null"] = Lucky(DemoAccounts.Seller1, Post, "/api/v1/seller/live-sessions/{session}/coupons", Raw("null"), "body"),
        ["coupon drop: quantity 0"] = Lucky(DemoAccounts.Seller1, Post, "/api/v1/seller/live-sessions/{session}/coupons", c => Json(Coupon(d => d["quantity"] = 0)), "quantity"),
        ["coupon drop: 95 percent off"] = Lucky(DemoAccounts.Seller1, Post, "/api/v1/seller/live-sessions/{session}/coupons", c => Json(Coupon(d => { d.Remove("amountOff"); d["percentOff"] = 95; })), "percentOff"),
        ["coupon drop: no discount"] = Lucky(DemoAccounts.Seller1, Post, "/api/v1/seller/live-sessions/{session}/coupons", c => Json(Coupon(d => d.Remove("amountOff"))), "amountOff"),
        ["coupon drop: amount in another currency"] = Lucky(DemoAccounts.Seller1, Post, "/api/v1/seller/live-sessions/{session}/coupons", c => Json(Coupon(d => d["amountOff"]!["currency"] = "EUR")), "amountOff.currency"),
        ["coupon drop: amount with 3 decimals"] = Lucky(DemoAccounts.Seller1, Post, "/api/v1/seller/live-sessions/{session}/coupons", c => Json(Coupon(d => d["amountOff"]!["amount"] = 1.005m)), "amountOff.amount"),
        ["coupon drop: expiry has passed"] = Lucky(DemoAccounts.Seller1, Post, "/api/v1/seller/live-sessions/{session}/coupons", c => Json(Coupon(d => d["expiresAt"] = DateTimeOffset.UtcNow.AddHours(-1).ToString("O"))), "expiresAt"),
        ["coupon drop: expiry is not a date"] = Lucky(DemoAccounts.Seller1, Post, "/api/v1/seller/live-sessions/{session}/coupons", c => Json(Coupon(d => d["expiresAt"] = "tonight")), "expiresAt"),
        ["coupon drop: unknown session"] = Lucky(DemoAccounts.Seller1, Post, $"/api/v1/seller/live-sessions/{Guid.NewGuid()}/coupons", c => Json(Coupon(_ => { })), null, HttpStatusCode.NotFound),
        ["session draws: unknown session"] = Lucky(null, Get, $"/api/v1/live-sessions/{Guid.NewGuid()}/draws", null, null, HttpStatusCode.NotFound),
        ["session draws: unknown locale"] = Lucky(null, Get, "/api/v1/live-sessions/{session}/draws?locale=xx-Nowhere", null, "locale"),
        ["session coupons: unknown session"] = Lucky(null, Get, $"/api/v1/live-sessions/{Guid.NewGuid()}/coupons", null, null, HttpStatusCode.NotFound),
        ["replay: unknown session"] = Anonymous(Get, $"/api/v1/live-sessions/{Guid.NewGuid()}/replay", null, null, State.Nothing, HttpStatusCode.NotFound),
        ["replay: session not replayed yet"] = Anonymous(Get, "/api/v1/live-sessions/{session}/replay", null, null, State.Nothing, HttpStatusCode.NotFound),
        ["replay: unknown market"] = Anonymous(Get, "/api/v1/live-sessions/{session}/replay?market=XX", null, "market", State.Nothing),
        ["replay: unknown locale"] = Anonymous(Get, "/api/v1/live-sessions/{session}/replay?locale=xx-Nowhere", null, "locale", State.Nothing),
        ["replays: unknown market"] = Anonymous(Get, "/api/v1/live-sessions/replays?market=XX", null, "market", State.Nothing),
        ["replays: unknown locale"] = Anonymous(Get, "/api/v1/live-sessions/replays?locale=xx-Nowhere", null, "locale", State.Nothing),
        ["ingest record done: no secret"] = Live(null, Post, "/api/v1/live/ingest/record-done", c => IngestForm(c.SessionId.ToString("N")), null, HttpStatusCode.Forbidden),
        ["ingest record done: wrong secret"] = Live(null, Post, "/api/v1/live/ingest/record-done?secret=lmc_guess", c => IngestForm(c.SessionId.ToString("N")), null, HttpStatusCode.Forbidden),
        ["coupon: unknown id"] = Lucky(null, Get, $"/api/v1/coupons/{Guid.NewGuid()}", null, null, HttpStatusCode.NotFound),
        ["coupon claim: no idempotency key"] = Lucky(DemoAccounts.Customer1, Post, $"/api/v1/coupons/{Guid.NewGuid()}/claims", null, "Idempotency-Key"),
        ["video: unknown id (seller)"] = Video(DemoAccounts.Seller1, Get, $"/api/v1/seller/videos/{Guid.NewGuid()}", null, null, HttpStatusCode.NotFound),
        ["video details: unknown title locale"] = Video(DemoAccounts.Seller1, Put, $"/api/v1/seller/videos/{Guid.NewGuid()}",
            c => Json(new JsonObject { ["texts"] = new JsonArray(new JsonObject { ["locale"] = "xx-Nowhere", ["title"] = "Hi" }) }), "texts[0].locale"),
        ["video details: title of 201 characters"] = Video(DemoAccounts.Seller1, Put, $"/api/v1/seller/videos/{Guid.NewGuid()}",
            c => Json(new JsonObject { ["texts"] = new JsonArray(new JsonObject { ["locale"] = "en", ["title"] = new string('t', 201) }) }), "texts[0].title"),
        ["video details: unknown market"] = Video(DemoAccounts.Seller1, Put, $"/api/v1/seller/videos/{Guid.NewGuid()}",
            c => Json(new JsonObject { ["markets"] = new JsonArray("XX") }), "markets[0]"),
        ["video tags: unknown video"] = Video(DemoAccounts.Seller1, Put, $"/api/v1/seller/videos/{Guid.NewGuid()}/tags", c => Json(new JsonObject { ["tags"] = new JsonArray() }), null, HttpStatusCode.NotFound),
        ["video captions: unknown locale"] = Video(DemoAccounts.Seller1, Put, $"/api/v1/seller/videos/{Guid.NewGuid()}/captions/xx-Nowhere",
            c => new StringContent("WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n", Encoding.UTF8, "text/vtt"), "locale"),
        ["video publish: unknown video"] = Video(DemoAccounts.Seller1, Post, $"/api/v1/seller/videos/{Guid.NewGuid()}/publish", null, null, HttpStatusCode.NotFound),
        ["video hide: unknown video"] = Video(DemoAccounts.Seller1, Post, $"/api/v1/seller/videos/{Guid.NewGuid()}/hide", null, null, HttpStatusCode.NotFound),
        ["video delete: unknown video"] = Video(DemoAccounts.Seller1, Delete, $"/api/v1/seller/videos/{Guid.NewGuid()}", null, null, HttpStatusCode.NotFound),
        ["caption delete: unknown locale"] = Video(DemoAccounts.Seller1, Delete, $"/api/v1/seller/videos/{Guid.NewGuid()}/captions/xx-Nowhere", null, "locale"),
        ["caption delete: unknown video"] = Video(DemoAccounts.Seller1, Delete, $"/api/v1/seller/videos/{Guid.NewGuid()}/captions/en", null, null, HttpStatusCode.NotFound),
        ["upload start: size 0"] = Video(DemoAccounts.Seller1, Post, "/api/v1/seller/videos/uploads", c => Json(new JsonObject { ["fileName"] = "a.mp4", ["totalBytes"] = 0 }), "totalBytes"),
        ["upload start: size over the limit"] = Video(DemoAccounts.Seller1, Post, "/api/v1/seller/videos/uploads",
            c => Json(new JsonObject { ["fileName"] = "a.mp4", ["totalBytes"] = 1L << 40 }), "totalBytes"),
        ["upload start: file name with a folder"] = Video(DemoAccounts.Seller1, Post, "/api/v1/seller/videos/uploads",
            c => Json(new JsonObject { ["fileName"] = "../a.mp4", ["totalBytes"] = 10 }), "fileName"),
        ["upload start: malformed JSON"] = Video(DemoAccounts.Seller1, Post, "/api/v1/seller/videos/uploads", Raw("{\"fileName\": "), "fileName"),
        ["upload status: unknown upload"] = Video(DemoAccounts.Seller1, Get, $"/api/v1/seller/videos/uploads/{Guid.NewGuid()}", null, null, HttpStatusCode.NotFound),
        ["upload chunk: unknown upload"] = Video(DemoAccounts.Seller1, Put, $"/api/v1/seller/videos/uploads/{Guid.NewGuid()}", c => new ByteArrayContent(new byte[10]), null, HttpStatusCode.NotFound),
        ["upload finish: unknown locale"] = Video(DemoAccounts.Seller1, Post, $"/api/v1/seller/videos/uploads/{Guid.NewGuid()}/finish", c => Json(new JsonObject { ["locale"] = "xx" }), "locale"),
        ["upload finish: unknown upload"] = Video(DemoAccounts.Seller1, Post, $"/api/v1/seller/videos/uploads/{Guid.NewGuid()}/finish", c => Json(new JsonObject()), null, HttpStatusCode.NotFound),
        ["creator video: unknown id"] = Video(DemoAccounts.Creator, Get, $"/api/v1/creator/videos/{Guid.NewGuid()}", null, null, HttpStatusCode.NotFound),
        ["creator video details: unknown market"] = Video(DemoAccounts.Creator, Put, $"/api/v1/creator/videos/{Guid.NewGuid()}",
            c => Json(new JsonObject { ["markets"] = new JsonArray("XX") }), "markets[0]"),
        ["creator video tags: unknown video"] = Video(DemoAccounts.Creator, Put, $"/api/v1/creator/videos/{Guid.NewGuid()}/tags",
            c => Json(new JsonObject { ["tags"] = new JsonArray() }), null, HttpStatusCode.NotFound),
        ["creator video captions: unknown locale"] = Video(DemoAccounts.Creator, Put, $"/api/v1/creator/videos/{Guid.NewGuid()}/captions/xx-Nowhere",
            c => new StringContent("WEBVTT\n\n00:00.000 --> 00:01.000\nHi\n", Encoding.UTF8, "text/vtt"), "locale"),
        ["creator video publish: unknown video"] = Video(DemoAccounts.Creator, Post, $"/api/v1/creator/videos/{Guid.NewGuid()}/publish", null, null, HttpStatusCode.NotFound),
        ["creator video hide: unknown video"] = Video(DemoAccounts.Creator, Post, $"/api/v1/creator/videos/{Guid.NewGuid()}/hide", null, null, HttpStatusCode.NotFound),
        ["creator video delete: unknown video"] = Video(DemoAccounts.Creator, Delete, $"/api/v1/creator/videos/{Guid.NewGuid()}", null, null, HttpStatusCode.NotFound),
        ["creator caption delete: unknown locale"] = Video(DemoAccounts.Creator, Delete, $"/api/v1/creator/videos/{Guid.NewGuid()}/captions/xx-Nowhere", null, "locale"),
        ["creator upload start: size 0"] = Video(DemoAccounts.Creator, Post, "/api/v1/creator/videos/uploads", c => Json(new JsonObject { ["fileName"] = "a.mp4", ["totalBytes"] = 0 }), "totalBytes"),
        ["creator upload start: malformed JSON"] = Video(DemoAccounts.Creator, Post, "/api/v1/creator/videos/uploads", Raw("{\"fileName\": "), "fileName"),
        ["creator upload status: unknown upload"] = Video(DemoAccounts.Creator, Get, $"/api/v1/creator/videos/uploads/{Guid.NewGuid()}", null, null, HttpStatusCode.NotFound),
        ["creator upload chunk: unknown upload"] = Video(DemoAccounts.Creator, Put, $"/api/v1/creator/videos/uploads/{Guid.NewGuid()}", c => new ByteArrayContent(new byte[10]), null, HttpStatusCode.NotFound),
        ["creator upload finish: unknown locale"] = Video(DemoAccounts.Creator, Post, $"/api/v1/creator/videos/uploads/{Guid.NewGuid()}/finish", c => Json(new JsonObject { ["locale"] = "xx" }), "locale"),
        ["creator upload finish: unknown upload"] = Video(DemoAccounts.Creator, Post, $"/api/v1/creator/videos/uploads/{Guid.NewGuid()}/finish", c => Json(new JsonObject()), null, HttpStatusCode.NotFound),
        ["videos: unknown market"] = Video(null, Get, "/api/v1/videos?market=XX", null, "market"),
        ["video: unknown id"] = Video(null, Get, $"/api/v1/videos/{Guid.NewGuid()}", null, null, HttpStatusCode.NotFound),
        ["video: unknown locale"] = Video(null, Get, $"/api/v1/videos/{Guid.NewGuid()}?locale=xx-Nowhere", null, "locale"),
        ["video file: unknown video"] = Video(null, Get, $"/api/v1/videos/{Guid.NewGuid()}/files/360p.mp4", null, null, HttpStatusCode.NotFound),
        ["video like: unknown video"] = Video(DemoAccounts.Customer1, Post, $"/api/v1/videos/{Guid.NewGuid()}/likes", null, null, HttpStatusCode.NotFound),
        ["video comments: unknown video"] = Video(null, Get, $"/api/v1/videos/{Guid.NewGuid()}/comments", null, null, HttpStatusCode.NotFound),
        ["video comment: empty text"] = Video(DemoAccounts.Customer1, Post, $"/api/v1/videos/{Guid.NewGuid()}/comments", c => Json(new JsonObject { ["text"] = "   " }), "text"),
        ["video comment: unknown video"] = Video(DemoAccounts.Customer1, Post, $"/api/v1/videos/{Guid.NewGuid()}/comments", c => Json(new JsonObject { ["text"] = "Nice" }), null, HttpStatusCode.NotFound),
        ["feed: unknown market"] = Anonymous(Get, "/api/v1/feed?market=XX", null, "market", State.Nothing),
        ["feed: cursor not made by the feed"] = Anonymous(Get, "/api/v1/feed?cursor=%27%3B--", null, "cursor", State.Nothing),
        ["similar to a video: unknown video"] = Anonymous(Get, $"/api/v1/videos/{Guid.NewGuid()}/similar", null, null, State.Nothing, HttpStatusCode.NotFound),
        ["similar to a product: unknown locale"] = Anonymous(Get, $"/api/v1/products/{Guid.NewGuid()}/similar?locale=xx-Nowhere", null, "locale", State.Nothing),
        ["similar to a product: unknown product"] = Anonymous(Get, $"/api/v1/products/{Guid.NewGuid()}/similar", null, null, State.Nothing, HttpStatusCode.NotFound),
    };

    /// <summary>API endpoints that take no input a client could get wrong: nothing to send them but the request itself.</summary>
    private static readonly string[] WithoutInput =
    [
        "GET /api/v1/account/me",
        "GET /api/v1/markets",
        "GET /api/v1/exchange-rates",
        "GET /api/v1/categories",
        "GET /api/v1/admin/sellers",
        "GET /api/v1/account/addresses",
        "GET /api/v1/seller/warehouses",
        "GET /api/v1/seller/tax-registrations",
        "GET /api/v1/seller/flash-sales",
        "GET /api/v1/account/coupons",
        "GET /api/v1/seller/videos",
        "GET /api/v1/creator/videos",
    ];

    [Fact]
    public void Every_api_endpoint_that_takes_input_has_bad_input_cases()
    {
        var routes = ApiRoutes.Of(App, "/api/v1/");
        var covered = Cases.Values.Select(c => RouteOf(routes, c)).ToHashSet();
        covered.ShouldAllBe(route => !route.EndsWith("(no such route)", StringComparison.Ordinal));

        var uncovered = routes.Select(r => $"{r.Method} {r.Pattern}").Where(r => !covered.Contains(r) && !WithoutInput.Contains(r)).ToList();

        uncovered.ShouldBeEmpty("add bad-input cases for these endpoints (or list them as taking no input)");
    }

    /// <summary>The route a case's request goes to: same method, path matching the pattern, the most specific pattern when several do.</summary>
    private static string RouteOf(IReadOnlyList<(string Method, string Pattern)> routes, Case test)
    {
        var path = test.Path.Split('?')[0];
        return routes
            .Where(r => r.Method == test.Method.Method && Regex.IsMatch(path, "^" + Regex.Replace(r.Pattern, "{[^}]+}", "[^/]+") + "$", RegexOptions.IgnoreCase))
            .OrderByDescending(r => Regex.Replace(r.Pattern, "{[^}]+}", "").Length)
            .Select(r => $"{r.Method} {r.Pattern}")
            .FirstOrDefault() ?? $"{test.Method} {path} (no such route)";
    }

    public static TheoryData<string> CaseNames => [.. Cases.Keys];

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_is_a_problem_naming_the_field_and_changes_nothing(string name)
    {
        var test = Cases[name];
        var context = await ContextAsync();
        var before = await ReadStateAsync(test.State, context);
        using var client = test.Caller is null ? App.CreateClient() : await App.ClientForAsync(test.Caller);
        var path = test.Path.Replace("{product}", context.ProductId.ToString(), StringComparison.Ordinal).Replace("{seller}", context.SellerId.ToString(), StringComparison.Ordinal)
            .Replace("{session}", context.SessionId.ToString(), StringComparison.Ordinal);

        var response = await client.SendAsync(new HttpRequestMessage(test.Method, path) { Content = test.Body(context) }, Api.Cancel);

        if (test.Field?.StartsWith("rows:", StringComparison.Ordinal) == true)
        {
            var problem = await response.ShouldBeProblemAsync(test.Status);
            var columns = problem.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("column").GetString()).ToList();
            columns.ShouldNotBeEmpty(problem.ToString());
            if (test.Field.Length > "rows:".Length) columns.ShouldContain(test.Field["rows:".Length..], problem.ToString());
        }
        else
        {
            await response.ShouldBeProblemAsync(test.Status, test.Field);
        }
        (await ReadStateAsync(test.State, context)).ShouldBe(before);
    }

    private async Task<Context> ContextAsync()
    {
        using var seller = await App.ClientForAsync(DemoAccounts.Seller1);
        using var admin = await App.ClientForAsync(DemoAccounts.Admin);
        var sku = Unique.Sku();
        var product = await seller.CreateProductAsync(ProductBuilder.Titled($"Monitor Light Bar {Unique.Word()}").Variant(sku, 45.00m));
        var sellers = await admin.GetJsonAsync("/api/v1/admin/sellers");
        var silkBloom = sellers.EnumerateArray().Single(s => s.GetProperty("slug").GetString() == DemoSeeder.ApparelSlug).Id();
        var netherlands = MarketBody.From(await admin.GetJsonAsync("/api/v1/markets/NL"));
        var session = await seller.CreateSessionAsync(LiveApi.Session($"Bad input show {Unique.Word()}", product.Id()));
        return new Context(product.Id(), sku, product.GetProperty("version").GetGuid(), silkBloom, Unique.Email("new"), netherlands, session.Id(), session.GetProperty("version").GetGuid());
    }

    private async Task<string> ReadStateAsync(State state, Context context)
    {
        switch (state)
        {
            case State.SellerCatalog:
                using (var seller = await App.ClientForAsync(DemoAccounts.Seller1))
                    return $"{await seller.SellerProductCountAsync()} {await seller.SellerSnapshotAsync(context.ProductId)}";
            case State.NewAccount:
                // Counted in the database, so an account made with any e-mail or password the case sent is seen.
                await using (var scope = App.Services.CreateAsyncScope())
                    return (await scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>().Users.CountAsync(Api.Cancel)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            case State.Sellers:
                using (var admin = await App.ClientForAsync(DemoAccounts.Admin))
                    return (await admin.GetJsonAsync("/api/v1/admin/sellers")).GetRawText();
            case State.ExchangeRates:
                using (var anonymous = App.CreateClient())
                    return (await anonymous.GetJsonAsync("/api/v1/exchange-rates")).GetRawText();
            case State.Market:
                using (var anonymous = App.CreateClient())
                    return (await anonymous.GetJsonAsync("/api/v1/markets/NL")).GetRawText();
            case State.Commerce:
                await using (var scope = App.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
                    return string.Join(' ', await db.Orders.CountAsync(Api.Cancel), await db.StockReservations.CountAsync(Api.Cancel),
                        await db.Warehouses.CountAsync(Api.Cancel), await db.StockLevels.SumAsync(l => l.OnHand, Api.Cancel),
                        await db.CartItems.CountAsync(Api.Cancel), await db.CustomerAddresses.CountAsync(Api.Cancel));
                }
            case State.TaxRegistrations:
                using (var seller = await App.ClientForAsync(DemoAccounts.Seller1))
                    return (await seller.GetJsonAsync("/api/v1/seller/tax-registrations")).GetRawText();
            case State.LiveSessions:
                await using (var scope = App.Services.CreateAsyncScope())
                using (var seller = await App.ClientForAsync(DemoAccounts.Seller1))
                {
                    var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
                    return string.Join(' ', await db.LiveSessions.CountAsync(Api.Cancel), await db.LiveSessions.CountAsync(s => s.Status != Domain.Live.LiveSessionStatus.Scheduled, Api.Cancel),
                        (await seller.GetJsonAsync($"{LiveApi.SellerSessions}/{context.SessionId}")).GetRawText());
                }
            case State.DrawsAndCoupons:
                await using (var scope = App.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
                    return string.Join(' ', await db.LuckyDraws.CountAsync(Api.Cancel), await db.LuckyDrawEntries.CountAsync(Api.Cancel),
                        await db.LiveCoupons.CountAsync(Api.Cancel), await db.LiveCouponClaims.CountAsync(Api.Cancel));
                }
            case State.Videos:
                await using (var scope = App.Services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<LiveCrossDbContext>();
                    return string.Join(' ', await db.Videos.IgnoreQueryFilters().CountAsync(Api.Cancel), await db.VideoUploads.IgnoreQueryFilters().CountAsync(Api.Cancel),
                        await db.Videos.IgnoreQueryFilters().SelectMany(v => v.Tags).CountAsync(Api.Cancel), await db.VideoLikes.CountAsync(Api.Cancel), await db.VideoComments.CountAsync(Api.Cancel));
                }
            case State.Events:
                return App.Services.GetRequiredService<Server.Events.EventWriter>().Enqueued.ToString(System.Globalization.CultureInfo.InvariantCulture);
            default:
                return "";
        }
    }

    private static Case Anonymous(HttpMethod method, string path, Func<Context, HttpContent?>? body, string? field, State state, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        new(null, method, path, body ?? (_ => null), status, field, state);

    private static Case Admin(HttpMethod method, string path, Func<Context, HttpContent?> body, string? field, State state, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        new(DemoAccounts.Admin, method, path, body, status, field, state);

    private static Case Seller(HttpMethod method, string path, Func<Context, HttpContent?>? body, string? field, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        new(DemoAccounts.Seller1, method, path, body ?? (_ => null), status, field, State.SellerCatalog);

    private static Case Lucky(string? caller, HttpMethod method, string path, Func<Context, HttpContent?>? body, string? field, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        new(caller, method, path, body ?? (_ => null), status, field, State.DrawsAndCoupons);

    private static Case Video(string? caller, HttpMethod method, string path, Func<Context, HttpContent?>? body, string? field, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        new(caller, method, path, body ?? (_ => null), status, field, State.Videos);

    /// <summary>A valid watch draw with one thing spoiled.</summary>
    private static JsonObject Draw(Action<JsonObject> spoil)
    {
        var body = DrawsApi.WatchDraw();
        spoil(body);
        return body;
    }

    /// <summary>A valid drop of seller 1's coupons (USD) with one thing spoiled.</summary>
    private static JsonObject Coupon(Action<JsonObject> spoil)
    {
        var body = DrawsApi.AmountOff(5m, "USD", 10, DateTimeOffset.UtcNow.AddHours(1));
        spoil(body);
        return body;
    }

    private static Case Live(string? caller, HttpMethod method, string path, Func<Context, HttpContent?>? body, string? field, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        new(caller, method, path, body ?? (_ => null), status, field, State.LiveSessions);

    /// <summary>A valid new live session with one thing spoiled.</summary>
    private static JsonObject Session(Action<JsonObject> spoil)
    {
        var body = LiveApi.Session("Evening deals");
        spoil(body);
        return body;
    }

    /// <summary>What nginx-rtmp posts to its callbacks.</summary>
    private static FormUrlEncodedContent IngestForm(string name) =>
        new([new("app", "live"), new("name", name), new("addr", "127.0.0.1"), new("call", "publish")]);

    private static HttpContent WithClientId(HttpContent content, string clientId)
    {
        content.Headers.TryAddWithoutValidation("X-LiveCross-Client", clientId);
        return content;
    }

    private static StringContent Signed(string json, string signature)
    {
        var content = new StringContent(json, Encoding.UTF8, "application/json");
        content.Headers.Add("LiveCross-Sandbox-Signature", signature);
        return content;
    }

    private static Case Shop(string? caller, HttpMethod method, string path, Func<Context, HttpContent?>? body, string? field, HttpStatusCode status = HttpStatusCode.BadRequest) =>
        new(caller, method, path, body ?? (_ => null), status, field, State.Commerce);

    private static JsonObject Berlin(Action<JsonObject> spoil)
    {
        var address = OrdersApi.BerlinAddress();
        spoil(address);
        return address;
    }

    private static JsonObject FlashSale(Guid skuId, Action<JsonObject> spoil)
    {
        var sale = new JsonObject
        {
            ["skuId"] = skuId.ToString(),
            ["quantity"] = 10,
            ["price"] = new JsonObject { ["amount"] = 9.99m, ["currency"] = "USD" },
            ["perCustomerLimit"] = 1,
            ["durationSeconds"] = 60,
        };
        spoil(sale);
        return sale;
    }

    private static JsonObject Order(Context context, Action<JsonObject> spoil)
    {
        var order = OrdersApi.GuestOrder(Unique.Email("bad"), (context.Sku, 1));
        spoil(order);
        return order;
    }

    private static Func<Context, HttpContent?> Raw(string json) => _ => new StringContent(json, Encoding.UTF8, "application/json");

    private static Func<Context, HttpContent?> Csv(string text) => _ => new StringContent(text, Encoding.UTF8, "text/csv");

    private static StringContent CsvOf(CsvRow row)
    {
        var file = CatalogCsv.File();
        file.Add(row);
        return new StringContent(file.ToString(), Encoding.UTF8, "text/csv");
    }

    private static StringContent Json(JsonNode body) => Api.JsonContent(body);

    private static HttpContent MultipartWithoutBoundary(Context context)
    {
        var content = new StringContent("--x\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n\r\nsku\r\n--x--\r\n");
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data");
        return content;
    }

    /// <summary>A valid new product (or, given the context, the replacement of its product) with one thing spoiled.</summary>
    private static StringContent Product(Action<JsonObject> spoil, Context? replacing = null)
    {
        var body = replacing is null
            ? ProductBuilder.Titled("Desk Fan").ToJson()
            : ProductBuilder.Titled("Monitor Light Bar, updated").Variant(replacing.Sku, 45.00m).ToJson(replacing.Version);
        spoil(body);
        return Json(body);
    }

    /// <summary>A valid parcel of the context product's SKU to DE, spoiled by <paramref name="spoil"/>.</summary>
    private static JsonObject Parcel(Action<JsonObject> spoil, Context context)
    {
        var body = new JsonObject { ["destination"] = "DE", ["items"] = new JsonArray(new JsonObject { ["sku"] = context.Sku, ["quantity"] = 1 }) };
        spoil(body);
        return body;
    }

    /// <summary>A valid landed-cost request with one thing spoiled.</summary>
    private static JsonObject Quote(Action<JsonObject> spoil)
    {
        var body = new JsonObject
        {
            ["destination"] = "DE",
            ["items"] = new JsonArray(new JsonObject { ["hsCode"] = "610910", ["originCountry"] = "CN", ["unitPrice"] = 20.00m, ["quantity"] = 1 }),
        };
        spoil(body);
        return body;
    }

    private static JsonObject Rate(Action<JsonObject> spoil)
    {
        var body = new JsonObject { ["base"] = "USD", ["quote"] = "EUR", ["rate"] = 0.91m, ["source"] = "Test desk", ["asOf"] = DateTime.UtcNow.ToString("yyyy-MM-dd") };
        spoil(body);
        return body;
    }

    private static JsonObject NewSeller(Action<JsonObject> spoil)
    {
        var body = new JsonObject { ["name"] = "Acme Audio", ["slug"] = "acme-" + Unique.Word(), ["country"] = "DE", ["currency"] = "EUR" };
        spoil(body);
        return body;
    }

    private static JsonObject Market(Context context, Action<JsonObject> spoil)
    {
        var body = context.Netherlands.DeepClone().AsObject();
        spoil(body);
        return body;
    }

    private static JsonObject MarketPrice(string sku, decimal amount) =>
        new() { ["prices"] = new JsonArray(new JsonObject { ["sku"] = sku, ["amount"] = amount }) };
}

public sealed class BadInputTestsOnSqlite(SqliteAppFixture fixture) : BadInputTests(fixture), IClassFixture<SqliteAppFixture>;

public sealed class BadInputTestsOnPostgres(PostgresAppFixture fixture) : BadInputTests(fixture), IClassFixture<PostgresAppFixture>;
