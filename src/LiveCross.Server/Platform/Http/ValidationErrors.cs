namespace LiveCross.Server.Platform.Http;

/// <summary>Collects field errors of one request; becomes a 400 validation problem (RFC 9457) naming each field.</summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool Any => _errors.Count > 0;

    /// <summary>How many fields have an error.</summary>
    public int FieldCount => _errors.Count;

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var list)) _errors[field] = list = [];
        list.Add(message);
    }

    public void Require(bool condition, string field, string message)
    {
        if (!condition) Add(field, message);
    }

    /// <summary>Adds "field[i]: Required." for each null element; false when there was one.</summary>
    public bool NoNullItems<T>(IReadOnlyList<T?>? items, string field) where T : class
    {
        var clean = true;
        for (var i = 0; i < (items?.Count ?? 0); i++)
        {
            if (items![i] is not null) continue;
            Add($"{field}[{i}]", "Required.");
            clean = false;
        }
        return clean;
    }

    public IDictionary<string, string[]> ToDictionary() => _errors.ToDictionary(e => e.Key, e => e.Value.ToArray());

}
