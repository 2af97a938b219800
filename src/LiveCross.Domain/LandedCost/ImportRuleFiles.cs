using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using LiveCross.Domain.Monetary;

namespace LiveCross.Domain.LandedCost;

/// <summary>A rule file that cannot be used; the message names the file, the entry and the field.</summary>
public sealed class ImportRuleDataException(string message) : Exception(message);

/// <summary>The text of one data file and its name (for messages).</summary>
public sealed record RuleFileText(string Name, string Text);

/// <summary>
/// Parses the import-regime and tariff files into a <see cref="RuleBook"/>. A regime file is a list of dated
/// entries; the first entry is complete and each later one holds only what changed on its date (objects merge,
/// lists and values replace, null removes), so a rule change is a new entry and history is never edited. A member
/// file may name a base file (EU) whose entries are merged underneath its own. Entries carry their sources,
/// confidence and, for medium or low confidence, the decision taken.
/// </summary>
public static class ImportRuleFiles
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase, allowIntegerValues: false) },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Entry fields that document the rule and are not part of it.</summary>
    private static readonly string[] MetaFields = ["id", "validFrom", "confidence", "sources", "notes", "decision", "checked"];

    private static readonly string[] Confidences = ["high", "medium", "low"];

    private sealed record Entry(string Id, DateOnly ValidFrom, JsonObject Rules, string File);

    private sealed record RegimeFile(string Name, string Key, string? Base, string? Tariff, string? Currency, List<Entry> Entries);

    public static RuleBook Parse(IEnumerable<RuleFileText> regimeFiles, IEnumerable<RuleFileText> tariffFiles)
    {
        var problems = new List<string>();
        var tariffs = new Dictionary<string, TariffTable>(StringComparer.Ordinal);
        foreach (var file in tariffFiles)
        {
            try
            {
                var table = ParseTariff(file);
                tariffs[table.Territory] = table;
            }
            catch (ImportRuleDataException e)
            {
                problems.Add(e.Message);
            }
        }
        var regimes = new Dictionary<string, RegimeFile>(StringComparer.Ordinal);
        foreach (var file in regimeFiles)
        {
            try
            {
                var regime = ReadRegime(file);
                regimes[regime.Key] = regime;
            }
            catch (ImportRuleDataException e)
            {
                problems.Add(e.Message);
            }
        }
        var markets = new List<MarketImportRules>();
        foreach (var regime in regimes.Values.Where(r => r.Currency is not null).OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            try
            {
                markets.Add(BuildMarket(regime, regimes, tariffs));
            }
            catch (ImportRuleDataException e)
            {
                problems.Add(e.Message);
            }
        }
        if (problems.Count > 0) throw new ImportRuleDataException(string.Join(Environment.NewLine, problems));
        return new RuleBook(markets);
    }

    private static JsonObject ParseObject(RuleFileText file, string kind)
    {
        try
        {
            return JsonNode.Parse(file.Text, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) as JsonObject
                ?? throw new ImportRuleDataException($"{kind} file {file.Name}: field (document): a JSON object is required.");
        }
        catch (JsonException e)
        {
            var where = e.LineNumber is { } line ? $" (line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1})" : "";
            throw new ImportRuleDataException($"{kind} file {file.Name}: field (document){where}: {e.Message.Split(" Path: ", 2)[0]}");
        }
    }

    private static TariffTable ParseTariff(RuleFileText file)
    {
        var root = ParseObject(file, "Tariff");
        string Fail(string field, string message) => throw new ImportRuleDataException($"Tariff file {file.Name}: field {field}: {message}");
        var territory = root["territory"]?.GetValueKind() == JsonValueKind.String ? root["territory"]!.GetValue<string>() : Fail("territory", "Required.");
        if (territory != Path.GetFileNameWithoutExtension(file.Name)) Fail("territory", $"'{territory}' does not match the file name.");
        var version = root["version"]?.GetValueKind() == JsonValueKind.String ? root["version"]!.GetValue<string>() : Fail("version", "Required.");
        if (root["sources"] is not JsonArray { Count: > 0 }) Fail("sources", "At least one source is required.");
        if (root["defaultRatePercent"]?.GetValueKind() != JsonValueKind.Number) Fail("defaultRatePercent", "A number is required.");
        var defaultRate = root["defaultRatePercent"]!.GetValue<decimal>();
        if (defaultRate is < 0 or > 1000) Fail("defaultRatePercent", "Between 0 and 1000.");
        if (root["rates"] is not JsonArray rates) { Fail("rates", "Required."); return null!; }
        var parsed = new List<TariffRate>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rates.Count; i++)
        {
            TariffRate? rate;
            try
            {
                rate = rates[i].Deserialize<TariffRate>(Json);
            }
            catch (JsonException e)
            {
                Fail($"rates[{i}]{FieldOf(e)}", e.Message.Split(" Path: ", 2)[0]);
                return null!;
            }
            if (rate is null) Fail($"rates[{i}]", "Required.");
            if (!IsHsPrefix(rate!.Hs)) Fail($"rates[{i}].hs", $"'{rate.Hs}' is not 2, 4, 6, 8 or 10 digits.");
            if (!seen.Add(rate.Hs)) Fail($"rates[{i}].hs", $"{rate.Hs} is listed twice.");
            if (rate.RatePercent is < 0 or > 1000) Fail($"rates[{i}].ratePercent", "Between 0 and 1000.");
            parsed.Add(rate);
        }
        foreach (var field in root.Select(p => p.Key))
        {
            if (field is not ("territory" or "version" or "asOf" or "sources" or "notes" or "defaultRatePercent" or "rates"))
                Fail(field, $"The property '{field}' is not a tariff field.");
        }
        return new TariffTable(territory, version, defaultRate, parsed);
    }

    private static RegimeFile ReadRegime(RuleFileText file)
    {
        var root = ParseObject(file, "Import rule");
        var name = Path.GetFileNameWithoutExtension(file.Name);
        string? Text(string field) => root[field]?.GetValueKind() == JsonValueKind.String ? root[field]!.GetValue<string>() : null;
        void Fail(string field, string message) => throw new ImportRuleDataException($"Import rule file {file.Name}: field {field}: {message}");
        foreach (var field in root.Select(p => p.Key))
        {
            if (field is not ("market" or "regime" or "base" or "tariff" or "currency" or "notes" or "entries"))
                Fail(field, $"The property '{field}' is not a regime file field.");
        }
        var market = Text("market");
        var regime = Text("regime");
        if (market is null == (regime is null)) Fail("market", "A file names either its market (\"market\") or, for a shared base, its regime (\"regime\").");
        var key = market ?? regime!;
        if (key != name) Fail(market is null ? "regime" : "market", $"'{key}' does not match the file name.");
        var currency = Text("currency");
        if (market is not null)
        {
            if (currency is null || !Iso4217.MinorUnits.ContainsKey(currency)) Fail("currency", $"'{currency}' is not a known ISO 4217 currency.");
            if (Text("tariff") is null) Fail("tariff", "Required: the tariff territory (a file in Tariffs/).");
        }
        if (root["entries"] is not JsonArray { Count: > 0 } entries) { Fail("entries", "At least one dated entry is required."); return null!; }
        var list = new List<Entry>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < entries.Count; i++)
        {
            if (entries[i] is not JsonObject entry) { Fail($"entries[{i}]", "An object is required."); return null!; }
            var id = entry["id"]?.GetValueKind() == JsonValueKind.String ? entry["id"]!.GetValue<string>() : null;
            if (string.IsNullOrWhiteSpace(id)) Fail($"entries[{i}].id", "Required.");
            if (!ids.Add(id!)) Fail($"entries[{i}].id", $"'{id}' is used twice.");
            var where = $"entries[{i}] ({id})";
            if (entry["validFrom"]?.GetValueKind() != JsonValueKind.String ||
                !DateOnly.TryParseExact(entry["validFrom"]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var validFrom))
            {
                Fail($"{where}.validFrom", "A date yyyy-MM-dd is required.");
                return null!;
            }
            if (list.Count > 0 && validFrom <= list[^1].ValidFrom) Fail($"{where}.validFrom", $"{validFrom:yyyy-MM-dd} must be after the previous entry's {list[^1].ValidFrom:yyyy-MM-dd}.");
            var confidence = entry["confidence"]?.GetValueKind() == JsonValueKind.String ? entry["confidence"]!.GetValue<string>() : null;
            if (confidence is null || !Confidences.Contains(confidence)) Fail($"{where}.confidence", "One of high, medium, low.");
            if (entry["sources"] is not JsonArray { Count: > 0 }) Fail($"{where}.sources", "At least one source is required.");
            if (confidence != "high" && entry["decision"]?.GetValueKind() != JsonValueKind.String)
                Fail($"{where}.decision", $"Confidence is {confidence}: say what was decided, on what source and when.");
            var rules = (JsonObject)entry.DeepClone();
            foreach (var meta in MetaFields) rules.Remove(meta);
            list.Add(new Entry(id!, validFrom, rules, file.Name));
        }
        return new RegimeFile(file.Name, key, Text("base"), Text("tariff"), currency, list);
    }

    private static MarketImportRules BuildMarket(RegimeFile market, Dictionary<string, RegimeFile> regimes, Dictionary<string, TariffTable> tariffs)
    {
        void Fail(string field, string message) => throw new ImportRuleDataException($"Import rule file {market.Name}: field {field}: {message}");
        RegimeFile? baseFile = null;
        if (market.Base is { } baseKey && !regimes.TryGetValue(baseKey, out baseFile)) Fail("base", $"No regime file {baseKey}.json.");
        if (baseFile?.Currency is not null) Fail("base", $"{baseFile.Name} is a market file, not a shared base.");
        if (!tariffs.TryGetValue(market.Tariff!, out var tariff)) Fail("tariff", $"No tariff file {market.Tariff}.json.");

        var baseEntries = baseFile?.Entries ?? [];
        var start = baseEntries.Count > 0 && baseEntries[0].ValidFrom > market.Entries[0].ValidFrom ? baseEntries[0].ValidFrom : market.Entries[0].ValidFrom;
        var dates = baseEntries.Select(e => e.ValidFrom).Concat(market.Entries.Select(e => e.ValidFrom)).Where(d => d >= start).Distinct().Order().ToList();
        var versions = new List<RegimeVersion>();
        foreach (var date in dates)
        {
            var contributing = baseEntries.Where(e => e.ValidFrom <= date).Concat(market.Entries.Where(e => e.ValidFrom <= date)).ToList();
            var merged = new JsonObject();
            foreach (var entry in contributing) Merge(merged, entry.Rules);
            RegimeVersion? version;
            try
            {
                version = merged.Deserialize<RegimeVersion>(Json);
            }
            catch (JsonException e)
            {
                var path = e.Path?.TrimStart('$', '.') ?? "";
                var culprit = contributing.LastOrDefault(c => Defines(c.Rules, path)) ?? contributing[^1];
                throw new ImportRuleDataException($"Import rule file {culprit.File}: entry {culprit.Id}: field {(path.Length > 0 ? path : "(entry)")}: {e.Message.Split(" Path: ", 2)[0]}");
            }
            var ids = new List<string>();
            if (baseEntries.LastOrDefault(e => e.ValidFrom <= date) is { } baseEntry) ids.Add(baseEntry.Id);
            if (market.Entries.LastOrDefault(e => e.ValidFrom <= date) is { } own) ids.Add(own.Id);
            version = version! with
            {
                Market = market.Key,
                Currency = market.Currency!,
                ValidFrom = date,
                Version = $"{market.Key}@{date:yyyy-MM-dd}",
                EntryIds = [.. ids],
            };
            foreach (var (field, message) in RegimeValidator.Validate(version))
            {
                var culprit = contributing.LastOrDefault(c => Defines(c.Rules, field)) ?? contributing[^1];
                throw new ImportRuleDataException($"Import rule file {culprit.File}: entry {culprit.Id}: field {field}: {message}");
            }
            versions.Add(version);
        }
        for (var i = 0; i + 1 < versions.Count; i++) versions[i] = versions[i] with { ValidTo = versions[i + 1].ValidFrom };
        return new MarketImportRules(market.Key, versions, tariff!);
    }

    /// <summary>Objects merge key by key; anything else (values, lists, null) replaces.</summary>
    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is JsonObject patchObject && target[key] is JsonObject targetObject) Merge(targetObject, patchObject);
            else target[key] = value?.DeepClone();
        }
    }

    /// <summary>Whether an entry sets the first segment of a field path ("scheme.threshold.amount" → "scheme").</summary>
    private static bool Defines(JsonObject rules, string path)
    {
        var first = path.Split('.', '[')[0];
        return first.Length > 0 && rules.ContainsKey(first);
    }

    private static string FieldOf(JsonException e) => e.Path?.TrimStart('$') is { Length: > 0 } p ? p : "";

    internal static bool IsHsPrefix(string? digits) =>
        digits is { Length: >= 2 and <= 10 } && digits.Length % 2 == 0 && digits.All(char.IsAsciiDigit);
}

/// <summary>Checks a merged regime version; each problem names the field as it is spelt in the file.</summary>
public static class RegimeValidator
{
    public static IReadOnlyList<(string Field, string Message)> Validate(RegimeVersion v)
    {
        var errors = new List<(string, string)>();
        void Fail(string field, string message) => errors.Add((field, message));
        void Rate(string field, decimal rate, decimal max = 100) { if (rate < 0 || rate > max) Fail(field, $"Between 0 and {max}."); }
        void Currency(string field, string currency) { if (!Iso4217.MinorUnits.ContainsKey(currency ?? "")) Fail(field, $"'{currency}' is not a known ISO 4217 currency."); }
        void Check(string field, Threshold? t)
        {
            if (t is null) return;
            if (t.Amount < 0) Fail($"{field}.amount", "Cannot be negative.");
            Currency($"{field}.currency", t.Currency);
        }
        void Prefixes(string field, string[]? prefixes)
        {
            for (var i = 0; i < (prefixes?.Length ?? 0); i++)
                if (!ImportRuleFiles.IsHsPrefix(prefixes![i])) Fail($"{field}[{i}]", $"'{prefixes[i]}' is not 2, 4, 6, 8 or 10 digits.");
        }

        if (v.Tax is null) { Fail("tax", "Required."); return errors; }
        if (string.IsNullOrWhiteSpace(v.Tax.Name)) Fail("tax.name", "Required.");
        Rate("tax.standardRatePercent", v.Tax.StandardRatePercent);
        if (v.Tax.PorDentro && v.Tax.StandardRatePercent >= 100) Fail("tax.standardRatePercent", "A \"por dentro\" rate must be under 100.");
        for (var i = 0; i < v.Tax.ReducedRates.Length; i++)
        {
            Rate($"tax.reducedRates[{i}].ratePercent", v.Tax.ReducedRates[i].RatePercent);
            Prefixes($"tax.reducedRates[{i}].hsPrefixes", v.Tax.ReducedRates[i].HsPrefixes);
        }
        foreach (var (region, rate) in v.Tax.RegionalRatesPercent)
        {
            Rate($"tax.regionalRatesPercent.{region}", rate, v.Tax.PorDentro ? 99 : 100);
            if (!v.Tax.HasRegion(region)) Fail($"tax.regionalRatesPercent.{region}", $"'{region}' is not in tax.regions.");
        }
        for (var i = 0; i < v.DeMinimis.Length; i++)
        {
            Check($"deMinimis[{i}].duty", v.DeMinimis[i].Duty);
            Check($"deMinimis[{i}].tax", v.DeMinimis[i].Tax);
        }
        if (v.Scheme is { } scheme)
        {
            if (string.IsNullOrWhiteSpace(scheme.Code)) Fail("scheme.code", "Required.");
            Check("scheme.threshold", scheme.Threshold);
            Check("scheme.consignmentCeiling", scheme.ConsignmentCeiling);
        }
        for (var i = 0; i < v.CollectingSchemes.Length; i++)
            if (string.IsNullOrWhiteSpace(v.CollectingSchemes[i].Code)) Fail($"collectingSchemes[{i}].code", "Required.");
        for (var i = 0; i < v.DutyBands.Length; i++)
        {
            var set = v.DutyBands[i];
            Currency($"dutyBands[{i}].currency", set.Currency);
            Prefixes($"dutyBands[{i}].excludedHsPrefixes", set.ExcludedHsPrefixes);
            if (set.Bands.Length == 0) Fail($"dutyBands[{i}].bands", "At least one band is required.");
            for (var j = 0; j < set.Bands.Length; j++)
            {
                Rate($"dutyBands[{i}].bands[{j}].ratePercent", set.Bands[j].RatePercent);
                if (j > 0 && (set.Bands[j - 1].UpTo is null || set.Bands[j].UpTo <= set.Bands[j - 1].UpTo))
                    Fail($"dutyBands[{i}].bands[{j}].upTo", "Bands must rise; only the last may be unbounded.");
            }
        }
        if (v.FlatDuty is { } flat)
        {
            if (flat.Amount <= 0) Fail("flatDuty.amount", "Must be positive.");
            Currency("flatDuty.currency", flat.Currency);
            Check("flatDuty.appliesUpTo", flat.AppliesUpTo);
        }
        for (var i = 0; i < v.AdditionalDuties.Length; i++)
        {
            Rate($"additionalDuties[{i}].ratePercent", v.AdditionalDuties[i].RatePercent, 1000);
            Prefixes($"additionalDuties[{i}].hsPrefixes", v.AdditionalDuties[i].HsPrefixes);
        }
        for (var i = 0; i < v.Fees.Length; i++)
        {
            var fee = v.Fees[i];
            if (string.IsNullOrWhiteSpace(fee.Code)) Fail($"fees[{i}].code", "Required.");
            if (string.IsNullOrWhiteSpace(fee.Name)) Fail($"fees[{i}].name", "Required.");
            if (fee.Amount < 0) Fail($"fees[{i}].amount", "Cannot be negative.");
            Currency($"fees[{i}].currency", fee.Currency);
            Check($"fees[{i}].appliesUpTo", fee.AppliesUpTo);
            Check($"fees[{i}].appliesAbove", fee.AppliesAbove);
        }
        if (v.PersonalUseValuationFactor is { } factor && (factor <= 0 || factor > 1)) Fail("personalUseValuationFactor", "Between 0 (exclusive) and 1.");
        return errors;
    }
}
