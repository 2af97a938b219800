using System.Text.Json;
using System.Text.Json.Serialization;
using LiveCross.Domain;
using LiveCross.Domain.Catalog;
using LiveCross.Domain.Markets;
using LiveCross.Domain.Monetary;
using LiveCross.Domain.Shipping;

namespace LiveCross.Server.Shipping;

/// <summary>A shipping data file that cannot be used; the message names the file, the entry and the field.</summary>
public sealed class ShippingDataException(string message) : Exception(message);

// The files as written: every field nullable, so that a missing one is reported by name rather than defaulted.
public sealed record ServicesFile(string? Note, List<CarrierRecord?>? Carriers);

public sealed record CarrierRecord(string? Key, string? Name, List<ServiceRecord?>? Services);

public sealed record ServiceRecord(
    string? Id, string? Name, string? Mode, bool? Tracked, int? VolumetricDivisor, int? WeightIncrementGrams,
    int? MaxWeightGrams, int? MaxLengthMm, int? MaxLengthPlusGirthMm, int? OversizeLengthMm, Dictionary<string, string>? Batteries);

public sealed record OriginsFile(string? Note, List<OriginRecord?>? Origins);

public sealed record OriginRecord(
    string? Country, bool? CalendarFromMarket, string? TimeZone, int? CutoffHour, List<DayOfWeek>? Weekend,
    List<MarketHoliday?>? Holidays, List<DateOnly>? WorkingDays);

public sealed record LaneFile(string? Origin, string? Note, List<CardRecord?>? Cards);

public sealed record CardRecord(
    string? Service, string? Destination, string? Currency, TransitDaysRecord? TransitDays, List<BreakRecord?>? Breaks,
    decimal? PerExtraKg, decimal? FuelSurchargePercent, decimal? DangerousGoodsFee, decimal? OversizeFee,
    decimal? RemoteAreaFee, List<string?>? RemoteRegions);

public sealed record TransitDaysRecord(int? Min, int? Max);

public sealed record BreakRecord(int? UpToGrams, decimal? Price);

/// <summary>
/// Where parcels leave from: the cut-off hour, and either the origin's own calendar or (for an origin
/// that is also a market) the market's, looked up when quoting so an admin's edit of the market applies.
/// </summary>
public sealed record ShippingOrigin(string Country, int CutoffHour, DispatchRule? OwnRule);

/// <summary>Everything in <c>Shipping/Data</c>, checked.</summary>
public sealed record ShippingData(
    IReadOnlyDictionary<string, ShippingService> Services,
    IReadOnlyDictionary<string, ShippingOrigin> Origins,
    IReadOnlyList<RateCard> Cards);

/// <summary>
/// Reads and validates <c>Shipping/Data</c>: <c>services.json</c> (carriers and their services),
/// <c>origins.json</c> (dispatch calendars and cut-offs) and <c>Lanes/{ORIGIN}.json</c> (rate cards from
/// one origin to markets). Every problem in every file is reported at once; any problem stops the start.
/// </summary>
public static class ShippingFiles
{
    public const string ServicesFileName = "services.json";
    public const string OriginsFileName = "origins.json";
    public const string LanesFolder = "Lanes";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "Shipping", "Data");

    /// <param name="markets">The markets lanes may go to and origins may take their calendar from.</param>
    /// <param name="rates">Every rate card's currency must convert into the markets' currencies with these.</param>
    public static ShippingData LoadAll(string folder, IReadOnlyCollection<MarketDefinition> markets, ExchangeRateTable rates)
    {
        if (!Directory.Exists(folder)) throw new ShippingDataException($"Shipping data folder '{folder}' does not exist.");
        var problems = new List<string>();
        var marketCodes = markets.Select(m => m.Code).ToHashSet(StringComparer.Ordinal);

        var services = new Dictionary<string, ShippingService>(StringComparer.Ordinal);
        if (Read<ServicesFile>(folder, ServicesFileName, problems) is { } servicesFile)
            ValidateServices(servicesFile, new Report(ServicesFileName, problems), services);

        var origins = new Dictionary<string, ShippingOrigin>(StringComparer.Ordinal);
        if (Read<OriginsFile>(folder, OriginsFileName, problems) is { } originsFile)
            ValidateOrigins(originsFile, new Report(OriginsFileName, problems), marketCodes, origins);

        var cards = new List<RateCard>();
        var lanes = Path.Combine(folder, LanesFolder);
        var laneFiles = Directory.Exists(lanes) ? Directory.GetFiles(lanes, "*.json").Order(StringComparer.Ordinal).ToList() : [];
        if (laneFiles.Count == 0) problems.Add($"Shipping data folder '{folder}' has no rate cards in {LanesFolder}/.");
        foreach (var path in laneFiles)
        {
            var name = $"{LanesFolder}/{Path.GetFileName(path)}";
            if (Read<LaneFile>(folder, name, problems) is { } lane)
                ValidateLane(lane, Path.GetFileNameWithoutExtension(path), new Report(name, problems), services, origins, marketCodes, markets, rates, cards);
        }

        if (problems.Count > 0) throw new ShippingDataException(string.Join(Environment.NewLine, problems));
        return new ShippingData(services, origins, cards);
    }

    /// <summary>Collects problems of one file as "Shipping file {file}[, {entry}]: field {field}: {message}".</summary>
    private sealed class Report(string file, List<string> problems)
    {
        public int Count { get; private set; }

        public void Fail(string field, string message, string? entry = null)
        {
            Count++;
            problems.Add($"Shipping file {file}{(entry is null ? "" : ", " + entry)}: field {field}: {message}");
        }
    }

    private static T? Read<T>(string folder, string name, List<string> problems) where T : class
    {
        var path = Path.Combine(folder, name);
        if (!File.Exists(path))
        {
            problems.Add($"Shipping file {name}: the file is missing.");
            return null;
        }
        try
        {
            var value = JsonSerializer.Deserialize<T>(File.ReadAllBytes(path), Json);
            if (value is null) problems.Add($"Shipping file {name}: the file is empty.");
            return value;
        }
        catch (JsonException e)
        {
            var field = e.Path?.TrimStart('$', '.') is { Length: > 0 } jsonPath ? jsonPath : "(document)";
            // System.Text.Json counts lines from 0; editors count from 1.
            var where = e.LineNumber is { } line ? $" (line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1})" : "";
            problems.Add($"Shipping file {name}: field {field}{where}: {e.Message.Split(" Path: ", 2)[0]}");
            return null;
        }
    }

    private static bool IsKey(string? key) =>
        key is { Length: > 0 and <= 60 } && key.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && key[0] != '-' && key[^1] != '-';

    private static void ValidateServices(ServicesFile file, Report report, Dictionary<string, ShippingService> services)
    {
        if (file.Carriers is not { Count: > 0 })
        {
            report.Fail("carriers", "At least one carrier is required.");
            return;
        }
        var carrierKeys = new HashSet<string>(StringComparer.Ordinal);
        for (var c = 0; c < file.Carriers.Count; c++)
        {
            var carrier = file.Carriers[c];
            var at = $"carriers[{c}]";
            if (carrier is null) { report.Fail(at, "Required."); continue; }
            var entry = $"carrier {carrier.Key}";
            if (!IsKey(carrier.Key)) report.Fail($"{at}.key", $"'{carrier.Key}' is not a key of lower-case letters, digits and dashes.", entry);
            else if (!carrierKeys.Add(carrier.Key!)) report.Fail($"{at}.key", $"Carrier '{carrier.Key}' is listed twice.", entry);
            if (string.IsNullOrWhiteSpace(carrier.Name)) report.Fail($"{at}.name", "A carrier name is required.", entry);
            if (carrier.Services is not { Count: > 0 }) { report.Fail($"{at}.services", "At least one service is required.", entry); continue; }
            for (var s = 0; s < carrier.Services.Count; s++)
            {
                if (ToService(carrier, carrier.Services[s], $"{at}.services[{s}]", report) is not { } service) continue;
                if (!services.TryAdd(service.Id, service)) report.Fail($"{at}.services[{s}].id", $"Service '{service.Id}' is listed twice.", $"service {service.Id}");
            }
        }
    }

    private static ShippingService? ToService(CarrierRecord carrier, ServiceRecord? record, string at, Report report)
    {
        if (record is null) { report.Fail(at, "Required."); return null; }
        var before = report.Count;
        var entry = $"service {record.Id}";
        void Fail(string field, string message) => report.Fail($"{at}.{field}", message, entry);

        if (!IsKey(record.Id)) Fail("id", $"'{record.Id}' is not an id of lower-case letters, digits and dashes.");
        if (string.IsNullOrWhiteSpace(record.Name)) Fail("name", "A service name is required.");
        var mode = record.Mode switch
        {
            "air" => ShippingMode.Air,
            "ground" => ShippingMode.Ground,
            "sea" => ShippingMode.Sea,
            "postal" => ShippingMode.Postal,
            _ => (ShippingMode?)null,
        };
        if (mode is null) Fail("mode", $"'{record.Mode}' is not one of air, ground, sea, postal.");
        if (record.VolumetricDivisor is { } divisor && divisor is < 1000 or > 10_000) Fail("volumetricDivisor", $"{divisor} is not between 1000 and 10000 cm³ per kg.");
        if (record.WeightIncrementGrams is { } increment && increment is < 1 or > 1000) Fail("weightIncrementGrams", $"{increment} is not between 1 and 1000 g.");
        if (record.MaxWeightGrams is not (> 0 and <= 1_000_000)) Fail("maxWeightGrams", "Required, between 1 g and 1,000 kg.");
        if (record.MaxLengthMm is not (> 0 and <= 5000)) Fail("maxLengthMm", "Required, between 1 and 5,000 mm.");
        if (record.MaxLengthPlusGirthMm is { } girth && (girth < record.MaxLengthMm || girth > 20_000)) Fail("maxLengthPlusGirthMm", $"{girth} mm is below the maximum length or above 20,000 mm.");
        if (record.OversizeLengthMm is { } oversize && (oversize < 1 || oversize >= record.MaxLengthMm)) Fail("oversizeLengthMm", $"{oversize} mm must be below the maximum length ({record.MaxLengthMm} mm).");
        var batteries = new Dictionary<BatteryType, BatteryAcceptance>();
        if (record.Batteries is null) Fail("batteries", "Required: the battery types the service takes (an empty object takes none).");
        foreach (var (key, value) in record.Batteries ?? [])
        {
            if (!BatteryTypes.TryParse(key, out var battery) || battery == BatteryType.None)
            {
                Fail($"batteries.{key}", $"'{key}' is not a battery type; use one of {string.Join(", ", BatteryTypes.Keys.Skip(1))}.");
                continue;
            }
            var acceptance = value switch
            {
                "accepted" => BatteryAcceptance.Accepted,
                "dangerous-goods-fee" => BatteryAcceptance.DangerousGoodsFee,
                "refused" => BatteryAcceptance.Refused,
                _ => (BatteryAcceptance?)null,
            };
            if (acceptance is null) Fail($"batteries.{key}", $"'{value}' is not one of accepted, dangerous-goods-fee, refused.");
            else batteries[battery] = acceptance.Value;
        }
        if (report.Count > before) return null;
        return new ShippingService
        {
            Id = record.Id!,
            Carrier = carrier.Key ?? "",
            CarrierName = carrier.Name ?? "",
            Name = record.Name!.Trim(),
            Mode = mode!.Value,
            Tracked = record.Tracked ?? false,
            VolumetricDivisor = record.VolumetricDivisor,
            WeightIncrementGrams = record.WeightIncrementGrams ?? 1,
            MaxWeightGrams = record.MaxWeightGrams!.Value,
            MaxLengthMm = record.MaxLengthMm!.Value,
            MaxLengthPlusGirthMm = record.MaxLengthPlusGirthMm,
            OversizeLengthMm = record.OversizeLengthMm,
            Batteries = batteries,
        };
    }

    private static void ValidateOrigins(OriginsFile file, Report report, HashSet<string> marketCodes, Dictionary<string, ShippingOrigin> origins)
    {
        if (file.Origins is not { Count: > 0 })
        {
            report.Fail("origins", "At least one origin is required.");
            return;
        }
        for (var i = 0; i < file.Origins.Count; i++)
        {
            var origin = file.Origins[i];
            var at = $"origins[{i}]";
            if (origin is null) { report.Fail(at, "Required."); continue; }
            var before = report.Count;
            var entry = $"origin {origin.Country}";
            void Fail(string field, string message) => report.Fail($"{at}.{field}", message, entry);

            if (!CountryCode.TryParse(origin.Country, out var country) || country.Value != origin.Country)
                Fail("country", $"'{origin.Country}' is not an upper-case ISO 3166-1 alpha-2 country code.");
            else if (origins.ContainsKey(country.Value))
                Fail("country", $"Origin {country.Value} is listed twice.");
            if (origin.CutoffHour is not (>= 0 and <= 23)) Fail("cutoffHour", "Required: the hour (0–23, origin local time) from which orders ship the next business day.");

            DispatchRule? rule = null;
            if (origin.CalendarFromMarket == true)
            {
                if (origin.Country is not null && !marketCodes.Contains(origin.Country)) Fail("calendarFromMarket", $"There is no market {origin.Country} to take the calendar from.");
                if (origin.TimeZone is not null || origin.Weekend is not null || origin.Holidays is not null || origin.WorkingDays is not null)
                    Fail("calendarFromMarket", "An origin that takes the market's calendar lists no time zone, weekend, holidays or working days of its own.");
            }
            else
            {
                TimeZoneInfo? zone = null;
                if (string.IsNullOrWhiteSpace(origin.TimeZone) || !TimeZoneInfo.TryFindSystemTimeZoneById(origin.TimeZone, out zone))
                    Fail("timeZone", $"'{origin.TimeZone}' is not a known IANA time zone.");
                var weekend = origin.Weekend ?? [];
                if (origin.Weekend is null) Fail("weekend", "Required (an empty list is allowed).");
                else if (weekend.Count > 3 || weekend.Distinct().Count() != weekend.Count || weekend.Any(d => !Enum.IsDefined(d)))
                    Fail("weekend", "The weekend lists distinct days of the week, at most three.");
                var holidays = origin.Holidays ?? [];
                for (var h = 0; h < holidays.Count; h++)
                {
                    if (holidays[h] is null || string.IsNullOrWhiteSpace(holidays[h]!.Name)) Fail($"holidays[{h}]", "A holiday needs a date and a name.");
                }
                if (holidays.Where(h => h is not null).Select(h => h!.Date).Distinct().Count() != holidays.Count(h => h is not null))
                    Fail("holidays", "A date is listed twice.");
                var workingDays = origin.WorkingDays ?? [];
                for (var w = 0; w < workingDays.Count; w++)
                {
                    if (!weekend.Contains(workingDays[w].DayOfWeek)) Fail($"workingDays[{w}]", $"{workingDays[w]:yyyy-MM-dd} is a {workingDays[w].DayOfWeek}, not a weekend day.");
                }
                if (zone is not null && report.Count == before)
                    rule = new DispatchRule(zone, origin.CutoffHour!.Value, new BusinessCalendar(weekend, holidays.Select(h => h!.Date), workingDays));
            }
            if (report.Count == before) origins[origin.Country!] = new ShippingOrigin(origin.Country!, origin.CutoffHour!.Value, rule);
        }
    }

    private static void ValidateLane(
        LaneFile file, string fileCode, Report report, Dictionary<string, ShippingService> services, Dictionary<string, ShippingOrigin> origins,
        HashSet<string> marketCodes, IReadOnlyCollection<MarketDefinition> markets, ExchangeRateTable rates, List<RateCard> cards)
    {
        if (file.Origin != fileCode) report.Fail("origin", $"'{file.Origin}' does not match the file name '{fileCode}'.");
        else if (!origins.ContainsKey(file.Origin)) report.Fail("origin", $"Origin {file.Origin} is not in {OriginsFileName}.");
        if (file.Cards is not { Count: > 0 })
        {
            report.Fail("cards", "At least one rate card is required.");
            return;
        }
        var seen = new HashSet<(string?, string?)>();
        for (var i = 0; i < file.Cards.Count; i++)
        {
            var record = file.Cards[i];
            var at = $"cards[{i}]";
            if (record is null) { report.Fail(at, "Required."); continue; }
            var entry = $"card {record.Service} to {record.Destination}";
            if (!seen.Add((record.Service, record.Destination))) report.Fail($"{at}.service", $"There is already a card for {record.Service} to {record.Destination} in this file.", entry);
            if (ToCard(file.Origin ?? fileCode, record, at, entry, report, services, marketCodes, markets, rates) is { } card) cards.Add(card);
        }
    }

    private static RateCard? ToCard(
        string origin, CardRecord record, string at, string entry, Report report, Dictionary<string, ShippingService> services,
        HashSet<string> marketCodes, IReadOnlyCollection<MarketDefinition> markets, ExchangeRateTable rates)
    {
        var before = report.Count;
        void Fail(string field, string message) => report.Fail($"{at}.{field}", message, entry);

        services.TryGetValue(record.Service ?? "", out var service);
        if (service is null) Fail("service", $"'{record.Service}' is not a service in {ServicesFileName}.");
        if (record.Destination is null || !marketCodes.Contains(record.Destination)) Fail("destination", $"'{record.Destination}' is not a market.");

        if (!CurrencyCode.TryParse(record.Currency, out var currency) || currency.Value != record.Currency)
        {
            Fail("currency", $"'{record.Currency}' is not a known upper-case ISO 4217 currency code.");
            return null;
        }
        foreach (var market in markets.Where(m => m.Code == record.Destination))
        {
            if (CurrencyCode.TryParse(market.Currency, out var target) && !rates.TryGetRate(currency, target, out _))
                Fail("currency", $"There is no exchange rate from {currency} to {target}, the currency of {market.Code}.");
        }
        void Amount(string field, decimal? amount, bool required, decimal max = 10_000_000m)
        {
            if (amount is null)
            {
                if (required) Fail(field, "Required.");
                return;
            }
            if (amount < 0 || amount > max) Fail(field, FormattableString.Invariant($"{amount} is not between 0 and {max:N0}."));
            else if (!new Money(amount.Value, currency).IsRoundedToMinorUnits) Fail(field, FormattableString.Invariant($"{currency} has {currency.MinorUnits} decimal places; {amount} has more."));
        }

        if (record.TransitDays is not { Min: >= 0 and <= 90 } transit || transit.Max is not { } maxDays || maxDays < transit.Min || maxDays > 90)
            Fail("transitDays", "Required: { min, max } business days, 0 ≤ min ≤ max ≤ 90.");

        var breaks = new List<WeightBreak>();
        if (record.Breaks is not { Count: > 0 }) Fail("breaks", "At least one weight break is required.");
        for (var b = 0; b < (record.Breaks?.Count ?? 0); b++)
        {
            var step = record.Breaks![b];
            if (step is not { UpToGrams: { } grams, Price: { } price })
            {
                Fail($"breaks[{b}]", "Required: { upToGrams, price }.");
                continue;
            }
            var previous = breaks.LastOrDefault();
            if (grams <= (previous?.UpToGrams ?? 0)) Fail($"breaks[{b}].upToGrams", $"{grams} g must be above the previous break ({previous?.UpToGrams ?? 0} g).");
            Amount($"breaks[{b}].price", price, required: true);
            if (price <= 0) Fail($"breaks[{b}].price", "A price above 0 is required.");
            else if (previous is not null && price < previous.Price) Fail($"breaks[{b}].price", FormattableString.Invariant($"{price} is below the previous break's price ({previous.Price})."));
            breaks.Add(new WeightBreak(grams, price));
        }
        Amount("perExtraKg", record.PerExtraKg, required: true);
        if (service is not null && breaks.Count > 0 && breaks[^1].UpToGrams < service.MaxWeightGrams && record.PerExtraKg is not > 0)
            Fail("perExtraKg", $"The last break ({breaks[^1].UpToGrams} g) is below the service's maximum weight ({service.MaxWeightGrams} g), so a price per kg above it is required.");
        if (record.FuelSurchargePercent is { } fuel && fuel is < 0 or > 100) Fail("fuelSurchargePercent", FormattableString.Invariant($"{fuel} is not between 0 and 100."));

        Amount("dangerousGoodsFee", record.DangerousGoodsFee, required: service?.Batteries.Values.Contains(BatteryAcceptance.DangerousGoodsFee) == true);
        Amount("oversizeFee", record.OversizeFee, required: service?.OversizeLengthMm is not null);
        var regions = record.RemoteRegions ?? [];
        Amount("remoteAreaFee", record.RemoteAreaFee, required: regions.Count > 0);
        if (record.RemoteAreaFee is not null && regions.Count == 0) Fail("remoteRegions", "A remote-area fee needs the regions it applies to.");
        for (var r = 0; r < regions.Count; r++)
        {
            if (!ShippingRegions.IsRegion(regions[r])) Fail($"remoteRegions[{r}]", $"'{regions[r]}' is not an upper-case ISO 3166-2 subdivision code without its country, e.g. NU.");
        }

        if (report.Count > before || service is null) return null;
        return new RateCard
        {
            Service = service,
            Origin = origin,
            Destination = record.Destination!,
            Currency = currency,
            Breaks = breaks,
            PerExtraKg = record.PerExtraKg ?? 0m,
            FuelSurchargePercent = record.FuelSurchargePercent ?? 0m,
            DangerousGoodsFee = record.DangerousGoodsFee ?? 0m,
            OversizeFee = record.OversizeFee ?? 0m,
            RemoteAreaFee = record.RemoteAreaFee ?? 0m,
            RemoteRegions = regions.Select(r => r!).ToHashSet(StringComparer.Ordinal),
            MinBusinessDays = record.TransitDays!.Min!.Value,
            MaxBusinessDays = record.TransitDays.Max!.Value,
        };
    }
}

public static class ShippingRegions
{
    /// <summary>The subdivision part of an ISO 3166-2 code ("ON" of CA-ON): 1–3 upper-case letters or digits.</summary>
    public static bool IsRegion(string? code) => code is { Length: >= 1 and <= 3 } && code.All(c => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c));
}
