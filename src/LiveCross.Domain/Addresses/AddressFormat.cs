using System.Collections.Frozen;
using System.Text.RegularExpressions;

namespace LiveCross.Domain.Addresses;

/// <summary>
/// How a postal address is written in one country: the postal-code format (checked after folding case and
/// spacing), whether a region (state, province, prefecture, emirate) is part of it, and for some countries the
/// list of regions by their ISO 3166-2 subdivision code. Formats follow each post's published rules
/// (Universal Postal Union addressing pages); where a country has no postal codes in common use the code is optional.
/// </summary>
public sealed class AddressFormat
{
    private readonly Regex? _postal;
    private readonly Func<string, string> _canonical;

    private AddressFormat(string country, string? postalPattern, string postalExample, bool postalRequired, bool regionRequired,
        IReadOnlyDictionary<string, string>? regions, Func<string, string>? canonical, bool cityRequired = true)
    {
        Country = country;
        // Linear-time matching on at most 12 characters needs no timeout; a wall-clock timeout fired on a busy machine (a 500).
        _postal = postalPattern is null ? null : new Regex($"^(?:{postalPattern})$", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking, Regex.InfiniteMatchTimeout);
        PostalExample = postalExample;
        PostalRequired = postalRequired;
        RegionRequired = regionRequired;
        Regions = regions?.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase) ?? FrozenDictionary<string, string>.Empty;
        _canonical = canonical ?? (code => code);
        CityRequired = cityRequired;
    }

    public string Country { get; }

    /// <summary>A valid code to show next to the field, e.g. "10115" or "K1A 0B1"; empty where there are none.</summary>
    public string PostalExample { get; }

    public bool PostalRequired { get; }

    public bool RegionRequired { get; }

    public bool CityRequired { get; }

    /// <summary>ISO 3166-2 subdivision code (without the country prefix) → name; empty when regions are free text.</summary>
    public IReadOnlyDictionary<string, string> Regions { get; }

    /// <summary>The postal code as the post writes it ("k1a0b1" → "K1A 0B1"), or null when it is not valid here.</summary>
    public string? NormalizePostalCode(string? input)
    {
        var folded = (input ?? "").Trim().ToUpperInvariant();
        if (folded.Length == 0) return PostalRequired ? null : "";
        if (folded.Length > 12) return null;
        if (_postal is null) return folded;
        var compact = string.Concat(folded.Where(c => c != ' ' && c != '-'));
        var candidate = _canonical(compact);
        return _postal.IsMatch(candidate) ? candidate : null;
    }

    /// <summary>The region's code when the country has a list (a code or a name is accepted), the trimmed text otherwise; null when not valid.</summary>
    public string? NormalizeRegion(string? input)
    {
        var text = (input ?? "").Trim();
        if (text.Length == 0) return RegionRequired ? null : "";
        if (text.Length > 100) return null;
        if (Regions.Count == 0) return text;
        var code = text.StartsWith(Country + "-", StringComparison.OrdinalIgnoreCase) ? text[3..] : text;
        if (Regions.ContainsKey(code)) return code.ToUpperInvariant();
        var byName = Regions.FirstOrDefault(r => string.Equals(r.Value, text, StringComparison.OrdinalIgnoreCase));
        return byName.Key;
    }

    public static bool TryGet(string? country, out AddressFormat format)
    {
        format = null!;
        return country is not null && All.TryGetValue(country.Trim().ToUpperInvariant(), out format!);
    }

    public static IEnumerable<string> Countries => All.Keys;

    // Codes written with a space or hyphen in a fixed place are compared without it and put back here.
    private static Func<string, string> SplitAt(int position, char separator) =>
        compact => compact.Length > position ? compact[..position] + separator + compact[position..] : compact;

    private static readonly FrozenDictionary<string, AddressFormat> All = new AddressFormat[]
    {
        new("DE", @"\d{5}", "10115", true, false, null, null),
        new("FR", @"\d{5}", "75008", true, false, null, null),
        new("IT", @"\d{5}", "00144", true, false, null, null),
        new("ES", @"(?:0[1-9]|[1-4]\d|5[0-2])\d{3}", "28013", true, false, null, null),
        new("NL", @"[1-9]\d{3} (?:[A-RT-Z][A-Z]|S[BCE-RT-Z])", "1012 AB", true, false, null, SplitAt(4, ' ')),
        new("PL", @"\d{2}-\d{3}", "00-950", true, false, null, SplitAt(2, '-')),
        // Eircodes exist for every address since 2015 but post is still delivered without one.
        new("IE", @"(?:[AC-FHKNPRTV-Y]\d{2}|D6W) [0-9AC-FHKNPRTV-Y]{4}", "D02 X285", false, false, null, SplitAt(3, ' ')),
        new("GB", @"GIR 0AA|[A-PR-UWYZ](?:\d{1,2}|[A-HK-Y]\d{1,2}|\d[A-HJKPSTUW]|[A-HK-Y]\d[ABEHMNPRVWXY]) \d[ABD-HJLNP-UW-Z]{2}", "SW1A 1AA", true, false, null,
            compact => compact.Length >= 5 ? compact[..^3] + " " + compact[^3..] : compact),
        new("US", @"\d{5}(?:-\d{4})?", "94105", true, true, UsStates, compact => compact.Length == 9 ? compact[..5] + "-" + compact[5..] : compact),
        new("CA", @"[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] \d[ABCEGHJ-NPRSTV-Z]\d", "K1A 0B1", true, true, CanadianProvinces, SplitAt(3, ' ')),
        new("AU", @"\d{4}", "2000", true, true, AustralianStates, null),
        new("NZ", @"\d{4}", "6011", true, false, null, null),
        new("JP", @"\d{3}-\d{4}", "100-0005", true, true, null, SplitAt(3, '-')),
        new("KR", @"\d{5}", "03187", true, false, null, null),
        new("SG", @"\d{6}", "018956", true, false, null, null, cityRequired: false),
        new("MY", @"\d{5}", "50450", true, false, null, null),
        new("ID", @"[1-9]\d{4}", "10110", true, false, null, null),
        new("TH", @"[1-9]\d{4}", "10200", true, false, null, null),
        // Vietnam's six-digit codes are rarely written on domestic mail.
        new("VN", @"\d{6}", "100000", false, false, null, null),
        new("PH", @"\d{4}", "1000", true, false, null, null),
        new("SA", @"\d{5}(?:-\d{4})?", "11564", true, false, null, compact => compact.Length == 9 ? compact[..5] + "-" + compact[5..] : compact),
        // The UAE has no postal codes; the emirate locates the address.
        new("AE", null, "", false, true, Emirates, null),
        new("BR", @"\d{5}-\d{3}", "01310-100", true, true, BrazilianStates, SplitAt(5, '-')),
        new("MX", @"\d{5}", "06500", true, true, MexicanStates, null),
    }.ToFrozenDictionary(f => f.Country, StringComparer.Ordinal);

    private static Dictionary<string, string> UsStates => new()
    {
        ["AL"] = "Alabama",
        ["AK"] = "Alaska",
        ["AZ"] = "Arizona",
        ["AR"] = "Arkansas",
        ["CA"] = "California",
        ["CO"] = "Colorado",
        ["CT"] = "Connecticut",
        ["DE"] = "Delaware",
        ["DC"] = "District of Columbia",
        ["FL"] = "Florida",
        ["GA"] = "Georgia",
        ["HI"] = "Hawaii",
        ["ID"] = "Idaho",
        ["IL"] = "Illinois",
        ["IN"] = "Indiana",
        ["IA"] = "Iowa",
        ["KS"] = "Kansas",
        ["KY"] = "Kentucky",
        ["LA"] = "Louisiana",
        ["ME"] = "Maine",
        ["MD"] = "Maryland",
        ["MA"] = "Massachusetts",
        ["MI"] = "Michigan",
        ["MN"] = "Minnesota",
        ["MS"] = "Mississippi",
        ["MO"] = "Missouri",
        ["MT"] = "Montana",
        ["NE"] = "Nebraska",
        ["NV"] = "Nevada",
        ["NH"] = "New Hampshire",
        ["NJ"] = "New Jersey",
        ["NM"] = "New Mexico",
        ["NY"] = "New York",
        ["NC"] = "North Carolina",
        ["ND"] = "North Dakota",
        ["OH"] = "Ohio",
        ["OK"] = "Oklahoma",
        ["OR"] = "Oregon",
        ["PA"] = "Pennsylvania",
        ["RI"] = "Rhode Island",
        ["SC"] = "South Carolina",
        ["SD"] = "South Dakota",
        ["TN"] = "Tennessee",
        ["TX"] = "Texas",
        ["UT"] = "Utah",
        ["VT"] = "Vermont",
        ["VA"] = "Virginia",
        ["WA"] = "Washington",
        ["WV"] = "West Virginia",
        ["WI"] = "Wisconsin",
        ["WY"] = "Wyoming",
        ["AS"] = "American Samoa",
        ["GU"] = "Guam",
        ["MP"] = "Northern Mariana Islands",
        ["PR"] = "Puerto Rico",
        ["VI"] = "U.S. Virgin Islands",
        ["AA"] = "Armed Forces Americas",
        ["AE"] = "Armed Forces Europe",
        ["AP"] = "Armed Forces Pacific",
    };

    private static Dictionary<string, string> CanadianProvinces => new()
    {
        ["AB"] = "Alberta",
        ["BC"] = "British Columbia",
        ["MB"] = "Manitoba",
        ["NB"] = "New Brunswick",
        ["NL"] = "Newfoundland and Labrador",
        ["NS"] = "Nova Scotia",
        ["NT"] = "Northwest Territories",
        ["NU"] = "Nunavut",
        ["ON"] = "Ontario",
        ["PE"] = "Prince Edward Island",
        ["QC"] = "Quebec",
        ["SK"] = "Saskatchewan",
        ["YT"] = "Yukon",
    };

    private static Dictionary<string, string> AustralianStates => new()
    {
        ["ACT"] = "Australian Capital Territory",
        ["NSW"] = "New South Wales",
        ["NT"] = "Northern Territory",
        ["QLD"] = "Queensland",
        ["SA"] = "South Australia",
        ["TAS"] = "Tasmania",
        ["VIC"] = "Victoria",
        ["WA"] = "Western Australia",
    };

    private static Dictionary<string, string> BrazilianStates => new()
    {
        ["AC"] = "Acre",
        ["AL"] = "Alagoas",
        ["AP"] = "Amapá",
        ["AM"] = "Amazonas",
        ["BA"] = "Bahia",
        ["CE"] = "Ceará",
        ["DF"] = "Distrito Federal",
        ["ES"] = "Espírito Santo",
        ["GO"] = "Goiás",
        ["MA"] = "Maranhão",
        ["MT"] = "Mato Grosso",
        ["MS"] = "Mato Grosso do Sul",
        ["MG"] = "Minas Gerais",
        ["PA"] = "Pará",
        ["PB"] = "Paraíba",
        ["PR"] = "Paraná",
        ["PE"] = "Pernambuco",
        ["PI"] = "Piauí",
        ["RJ"] = "Rio de Janeiro",
        ["RN"] = "Rio Grande do Norte",
        ["RS"] = "Rio Grande do Sul",
        ["RO"] = "Rondônia",
        ["RR"] = "Roraima",
        ["SC"] = "Santa Catarina",
        ["SP"] = "São Paulo",
        ["SE"] = "Sergipe",
        ["TO"] = "Tocantins",
    };

    private static Dictionary<string, string> MexicanStates => new()
    {
        ["AGU"] = "Aguascalientes",
        ["BCN"] = "Baja California",
        ["BCS"] = "Baja California Sur",
        ["CAM"] = "Campeche",
        ["CHP"] = "Chiapas",
        ["CHH"] = "Chihuahua",
        ["CMX"] = "Ciudad de México",
        ["COA"] = "Coahuila",
        ["COL"] = "Colima",
        ["DUR"] = "Durango",
        ["GUA"] = "Guanajuato",
        ["GRO"] = "Guerrero",
        ["HID"] = "Hidalgo",
        ["JAL"] = "Jalisco",
        ["MEX"] = "Estado de México",
        ["MIC"] = "Michoacán",
        ["MOR"] = "Morelos",
        ["NAY"] = "Nayarit",
        ["NLE"] = "Nuevo León",
        ["OAX"] = "Oaxaca",
        ["PUE"] = "Puebla",
        ["QUE"] = "Querétaro",
        ["ROO"] = "Quintana Roo",
        ["SLP"] = "San Luis Potosí",
        ["SIN"] = "Sinaloa",
        ["SON"] = "Sonora",
        ["TAB"] = "Tabasco",
        ["TAM"] = "Tamaulipas",
        ["TLA"] = "Tlaxcala",
        ["VER"] = "Veracruz",
        ["YUC"] = "Yucatán",
        ["ZAC"] = "Zacatecas",
    };

    private static Dictionary<string, string> Emirates => new()
    {
        ["AZ"] = "Abu Dhabi",
        ["AJ"] = "Ajman",
        ["DU"] = "Dubai",
        ["FU"] = "Fujairah",
        ["RK"] = "Ras Al Khaimah",
        ["SH"] = "Sharjah",
        ["UQ"] = "Umm Al Quwain",
    };
}
