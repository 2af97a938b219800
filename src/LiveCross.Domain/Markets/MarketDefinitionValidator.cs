using System.Globalization;
using LiveCross.Domain.Monetary;

namespace LiveCross.Domain.Markets;

/// <summary>One thing wrong with a market definition: the JSON field and what is wrong with it.</summary>
public sealed record MarketDefinitionError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}

public static class MarketDefinitionValidator
{
    public static IReadOnlyList<MarketDefinitionError> Validate(MarketDefinition market, string? expectedCode = null)
    {
        var errors = new List<MarketDefinitionError>();
        void Fail(string field, string message) => errors.Add(new(field, message));

        // A JSON null can stand where a list belongs; report it rather than fail on it below.
        CheckList(market.Locales, "locales", errors);
        CheckList(market.Weekend, "weekend", errors);
        CheckList(market.PaymentMethods, "paymentMethods", errors);
        CheckList(market.Carriers, "carriers", errors);
        CheckList(market.Holidays, "holidays", errors);
        if (market.Names is null) Fail("names", "Required.");
        if (errors.Count > 0 || market.Names is null) return errors;

        if (!CountryCode.TryParse(market.Code, out var country) || market.Code != country.Value)
            Fail("code", $"'{market.Code}' is not an upper-case ISO 3166-1 alpha-2 country code.");
        else if (expectedCode is not null && market.Code != expectedCode)
            Fail("code", $"'{market.Code}' does not match the file name '{expectedCode}'.");

        if (!market.Names.TryGetValue("en", out var english) || string.IsNullOrWhiteSpace(english))
            Fail("names.en", "An English display name is required.");
        foreach (var (locale, name) in market.Names)
        {
            if (!LocaleFallback.IsKnown(locale)) Fail($"names.{locale}", $"'{locale}' is not a known locale.");
            if (string.IsNullOrWhiteSpace(name)) Fail($"names.{locale}", "A display name cannot be empty.");
        }

        if (!CurrencyCode.TryParse(market.Currency, out var currency) || market.Currency != currency.Value)
            Fail("currency", $"'{market.Currency}' is not a known upper-case ISO 4217 currency code.");
        else if (market.CurrencyMinorUnits != currency.MinorUnits)
            Fail("currencyMinorUnits", $"{market.Currency} has {currency.MinorUnits} minor units in ISO 4217, not {market.CurrencyMinorUnits}.");

        if (market.Locales.Count == 0) Fail("locales", "At least one locale is required.");
        for (var i = 0; i < market.Locales.Count; i++)
        {
            if (!LocaleFallback.IsKnown(market.Locales[i])) Fail($"locales[{i}]", $"'{market.Locales[i]}' is not a known locale.");
        }
        if (market.Locales.Count != market.Locales.Distinct(StringComparer.OrdinalIgnoreCase).Count())
            Fail("locales", "A locale is listed twice.");
        if (!market.Locales.Contains(market.DefaultLocale, StringComparer.Ordinal))
            Fail("defaultLocale", $"'{market.DefaultLocale}' must be one of the market's locales.");

        if (string.IsNullOrWhiteSpace(market.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(market.TimeZone, out _))
            Fail("timeZone", $"'{market.TimeZone}' is not a known IANA time zone.");

        if (market.Weekend.Count > 3 || market.Weekend.Distinct().Count() != market.Weekend.Count)
            Fail("weekend", "The weekend lists distinct days, at most three.");
        for (var i = 0; i < market.Weekend.Count; i++)
        {
            if (!Enum.IsDefined(market.Weekend[i])) Fail($"weekend[{i}]", $"{(int)market.Weekend[i]} is not a day of the week.");
        }

        for (var i = 0; i < market.PaymentMethods.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(market.PaymentMethods[i])) Fail($"paymentMethods[{i}]", "A payment method key cannot be empty.");
        }
        for (var i = 0; i < market.Carriers.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(market.Carriers[i])) Fail($"carriers[{i}]", "A carrier key cannot be empty.");
        }
        for (var i = 0; i < market.Holidays.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(market.Holidays[i].Name)) Fail($"holidays[{i}].name", "A holiday needs a name.");
        }
        if (market.Holidays.Select(h => h.Date).Distinct().Count() != market.Holidays.Count)
            Fail("holidays", "A date is listed twice.");

        return errors;
    }

    private static void CheckList<T>(List<T>? items, string field, List<MarketDefinitionError> errors)
    {
        if (items is null)
        {
            errors.Add(new(field, "Required (an empty list is allowed)."));
            return;
        }
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is null) errors.Add(new($"{field}[{i}]", "Required."));
        }
    }

}
