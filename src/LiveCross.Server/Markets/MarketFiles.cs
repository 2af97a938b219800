using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using LiveCross.Domain.Markets;

namespace LiveCross.Server.Markets;

/// <summary>A market file that cannot be used; the message names the file and the field.</summary>
public sealed class MarketDataException(string message) : Exception(message);

public sealed record MarketFile(string Path, MarketDefinition Definition, string Hash);

/// <summary>Reads and validates <c>Markets/Data/*.json</c>. Any broken file stops the start.</summary>
public static class MarketFiles
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        WriteIndented = true,
    };

    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "Markets", "Data");

    public static IReadOnlyList<MarketFile> LoadAll(string folder)
    {
        if (!Directory.Exists(folder)) throw new MarketDataException($"Market data folder '{folder}' does not exist.");
        var files = Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal).ToList();
        if (files.Count == 0) throw new MarketDataException($"Market data folder '{folder}' has no market files.");
        var problems = new List<string>();
        var loaded = new List<MarketFile>();
        foreach (var path in files)
        {
            try
            {
                loaded.Add(Load(path));
            }
            catch (MarketDataException e)
            {
                problems.Add(e.Message);
            }
        }
        if (problems.Count > 0) throw new MarketDataException(string.Join(Environment.NewLine, problems));
        return loaded;
    }

    public static MarketFile Load(string path)
    {
        var name = System.IO.Path.GetFileName(path);
        var bytes = File.ReadAllBytes(path);
        MarketDefinition? definition;
        try
        {
            definition = JsonSerializer.Deserialize<MarketDefinition>(bytes, Json);
        }
        catch (JsonException e)
        {
            var field = e.Path?.TrimStart('$', '.') is { Length: > 0 } jsonPath ? jsonPath : "(document)";
            // System.Text.Json counts lines from 0; editors count from 1.
            var where = e.LineNumber is { } line ? $" (line {line + 1}, column {(e.BytePositionInLine ?? 0) + 1})" : "";
            var reason = e.Message.Split(" Path: ", 2)[0];
            throw new MarketDataException($"Market file {name}: field {field}{where}: {reason}");
        }
        if (definition is null) throw new MarketDataException($"Market file {name}: the file is empty.");
        var errors = MarketDefinitionValidator.Validate(definition, System.IO.Path.GetFileNameWithoutExtension(path));
        if (errors.Count > 0)
            throw new MarketDataException(string.Join(Environment.NewLine, errors.Select(e => $"Market file {name}: field {e.Field}: {e.Message}")));
        return new MarketFile(path, definition, Convert.ToHexString(SHA256.HashData(bytes)));
    }
}
