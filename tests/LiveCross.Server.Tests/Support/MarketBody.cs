using System.Text.Json;
using System.Text.Json.Nodes;

namespace LiveCross.Server.Tests.Support;

/// <summary>Turns a market as <c>GET /api/v1/markets/{code}</c> shows it into the definition <c>PUT /api/v1/admin/markets/{code}</c> takes.</summary>
public static class MarketBody
{
    public static JsonObject From(JsonElement market) => new()
    {
        ["code"] = market.GetProperty("code").GetString(),
        ["names"] = market.GetProperty("names").ToNode(),
        ["currency"] = market.GetProperty("currency").GetString(),
        ["currencyMinorUnits"] = market.GetProperty("minorUnits").GetInt32(),
        ["defaultLocale"] = market.GetProperty("defaultLocale").GetString(),
        ["locales"] = market.GetProperty("locales").ToNode(),
        ["timeZone"] = market.GetProperty("timeZone").GetString(),
        ["weekend"] = market.GetProperty("weekend").ToNode(),
        ["taxRegime"] = market.GetProperty("taxRegime").ToNode(),
        ["paymentMethods"] = market.GetProperty("paymentMethods").ToNode(),
        ["carriers"] = market.GetProperty("carriers").ToNode(),
        ["holidays"] = market.GetProperty("holidays").ToNode(),
    };
}
