namespace LiveCross.Domain.Recommendations;

/// <summary>FNV-1a over UTF-16 code units: the same number in every process (string.GetHashCode is randomised per process).</summary>
internal static class StableHash
{
    public static int Of(int seed, params string[] parts)
    {
        var hash = 2166136261u ^ (uint)seed;
        foreach (var part in parts)
        {
            foreach (var c in part)
            {
                hash = (hash ^ c) * 16777619u;
            }
            hash = (hash ^ 0xFFFF) * 16777619u;
        }
        return (int)hash;
    }
}
