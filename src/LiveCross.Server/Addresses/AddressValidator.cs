using LiveCross.Domain.Addresses;
using LiveCross.Server.Orders;
using LiveCross.Server.Platform.Http;
using PhoneNumbers;

namespace LiveCross.Server.Addresses;

/// <summary>A postal address as a shopper types it; every field is checked and named when wrong.</summary>
public sealed record AddressInput(
    string? Name,
    string? Line1,
    string? Line2,
    string? City,
    string? Region,
    string? PostalCode,
    string? Country,
    string? Phone);

/// <summary>
/// Checks an address against its country's rules (<see cref="AddressFormat"/>: postal-code format, region) and
/// the phone number with libphonenumber, and returns it normalized: postal code as the post writes it,
/// region as its code where the country has a list, phone in E.164.
/// </summary>
public static class AddressValidator
{
    private static readonly PhoneNumberUtil Phones = PhoneNumberUtil.GetInstance();

    /// <param name="field">The prefix for error names, e.g. "address" gives "address.postalCode".</param>
    public static ShippingAddress? Validate(AddressInput? input, string field, ValidationErrors errors)
    {
        var prefix = field.Length == 0 ? "" : field + ".";
        if (input is null)
        {
            errors.Add(field.Length == 0 ? "body" : field, "An address is required.");
            return null;
        }
        var before = errors.FieldCount;
        var name = Text(input.Name, 200, required: true, prefix + "name", errors);
        var line1 = Text(input.Line1, 200, required: true, prefix + "line1", errors);
        var line2 = Text(input.Line2, 200, required: false, prefix + "line2", errors);
        if (!AddressFormat.TryGet(input.Country, out var format))
        {
            errors.Add(prefix + "country", $"LiveCross does not deliver to '{input.Country}'. Use the ISO code of one of its markets, e.g. DE.");
            return null;
        }
        var city = Text(input.City, 100, required: format.CityRequired, prefix + "city", errors);

        var postalCode = format.NormalizePostalCode(input.PostalCode);
        if (postalCode is null)
        {
            errors.Add(prefix + "postalCode", string.IsNullOrWhiteSpace(input.PostalCode)
                ? $"A postal code is required in {format.Country}, e.g. {format.PostalExample}."
                : $"'{input.PostalCode!.Trim()}' is not a postal code of {format.Country}; it looks like {format.PostalExample}.");
        }

        var region = format.NormalizeRegion(input.Region);
        if (region is null)
        {
            errors.Add(prefix + "region", string.IsNullOrWhiteSpace(input.Region)
                ? $"A region is required in {format.Country}" + (format.Regions.Count > 0 ? $": one of {string.Join(", ", format.Regions.Keys.Order(StringComparer.Ordinal))}." : ".")
                : $"'{input.Region!.Trim()}' is not a region of {format.Country}; use one of {string.Join(", ", format.Regions.Keys.Order(StringComparer.Ordinal))}.");
        }

        var phone = NormalizePhone(input.Phone, format.Country, prefix + "phone", errors);
        if (errors.FieldCount > before) return null;
        return new ShippingAddress
        {
            Name = name!,
            Line1 = line1!,
            Line2 = line2 ?? "",
            City = city ?? "",
            Region = region!,
            PostalCode = postalCode!,
            Country = format.Country,
            Phone = phone!,
        };
    }

    /// <summary>A phone number valid for <paramref name="country"/> (or written with its own +country code), in E.164.</summary>
    public static string? NormalizePhone(string? input, string country, string field, ValidationErrors errors)
    {
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            errors.Add(field, "A phone number is required: carriers call or text before delivery.");
            return null;
        }
        if (text.Length > 30)
        {
            errors.Add(field, "At most 30 characters.");
            return null;
        }
        try
        {
            var number = Phones.Parse(text, country);
            if (Phones.IsValidNumber(number)) return Phones.Format(number, PhoneNumberFormat.E164);
        }
        catch (NumberParseException)
        {
        }
        errors.Add(field, $"'{text}' is not a valid phone number for {country}; write it as dialled in {country} or with its country code (+…).");
        return null;
    }

    private static string? Text(string? input, int max, bool required, string field, ValidationErrors errors)
    {
        var text = input?.Trim() ?? "";
        if (text.Length == 0)
        {
            if (required) errors.Add(field, "Required.");
            return required ? null : "";
        }
        if (text.Length > max)
        {
            errors.Add(field, $"At most {max} characters.");
            return null;
        }
        if (text.Any(char.IsControl))
        {
            errors.Add(field, "Must not contain control characters.");
            return null;
        }
        return text;
    }
}
