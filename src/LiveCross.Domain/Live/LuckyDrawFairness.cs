using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace LiveCross.Domain.Live;

/// <summary>One pick of the draw: which HMAC message gave which 64-bit value, and what it chose.</summary>
/// <param name="Winner">0-based rank of the winner this step picked.</param>
/// <param name="Attempt">0 unless earlier values were rejected (see <see cref="LuckyDrawFairness.TryIndex"/>).</param>
/// <param name="Value">The first 8 bytes of the HMAC, big-endian, as an unsigned number.</param>
/// <param name="Remaining">How many entrants were still in the pool.</param>
/// <param name="Index">The chosen position in the pool, or null when <see cref="Value"/> was rejected.</param>
/// <param name="Entrant">The entrant at that position (the winner), or null when rejected.</param>
public sealed record DrawStep(int Winner, int Attempt, string Message, string Hmac, ulong Value, int Remaining, int? Index, string? Entrant);

/// <summary>The winners in the order they were drawn, and every step that led to them.</summary>
public sealed record DrawOutcome(IReadOnlyList<string> Winners, IReadOnlyList<DrawStep> Steps);

/// <summary>What a verification found: each check with its result, and the recomputed draw.</summary>
public sealed record DrawVerification(bool Valid, bool CommitmentMatches, bool EntrantsCanonical, bool WinnersMatch, DrawOutcome Recomputed, IReadOnlyList<string> Problems);

/// <summary>
/// Commit–reveal fairness of a lucky draw (docs/lucky-draw-fairness.md is the specification; keep them in step).
/// At the start the server publishes SHA-256(seed); at the end the seed, the entrants sorted by ordinal string order,
/// and the winners, which are <see cref="Draw"/> of the two. The seed is fixed before anyone enters, so the server
/// cannot pick a seed to suit the entrants; the entrant list is public, so it cannot quietly drop or add one.
/// </summary>
public static class LuckyDrawFairness
{
    public const int SeedBytes = 32;

    public static byte[] NewSeed() => RandomNumberGenerator.GetBytes(SeedBytes);

    /// <summary>Lower-case hex SHA-256 of the seed's 32 bytes.</summary>
    public static string Commitment(ReadOnlySpan<byte> seed) => Convert.ToHexStringLower(SHA256.HashData(seed));

    /// <summary>The published form of the entrants: distinct, sorted by ordinal (byte-wise UTF-16) comparison.</summary>
    public static IReadOnlyList<string> Canonical(IEnumerable<string> entrants) =>
        entrants.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>
    /// Picks min(<paramref name="winners"/>, entrant count) winners by a partial Fisher–Yates shuffle of the sorted
    /// entrants: for winner i, attempt k = 0, 1, …: v = first 8 bytes (big-endian) of HMAC-SHA256(key = seed,
    /// message = ASCII "winner:{i}:{k}"); accept v when it gives an unbiased index j into the remaining r = n − i
    /// entrants (<see cref="TryIndex"/>), then swap pool[i] with pool[i + j]; pool[i] is winner i.
    /// </summary>
    public static DrawOutcome Draw(ReadOnlySpan<byte> seed, IReadOnlyList<string> sortedEntrants, int winners)
    {
        if (seed.Length != SeedBytes) throw new ArgumentException($"A seed is {SeedBytes} bytes.", nameof(seed));
        ArgumentOutOfRangeException.ThrowIfNegative(winners);
        var pool = sortedEntrants.ToArray();
        var count = Math.Min(winners, pool.Length);
        var picked = new List<string>(count);
        var steps = new List<DrawStep>();
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        for (var i = 0; i < count; i++)
        {
            var remaining = pool.Length - i;
            for (var attempt = 0; ; attempt++)
            {
                var message = string.Create(CultureInfo.InvariantCulture, $"winner:{i}:{attempt}");
                HMACSHA256.HashData(seed, Encoding.ASCII.GetBytes(message), mac);
                var value = BinaryPrimitives.ReadUInt64BigEndian(mac);
                var hex = Convert.ToHexStringLower(mac);
                if (!TryIndex(value, 64, remaining, out var index))
                {
                    steps.Add(new DrawStep(i, attempt, message, hex, value, remaining, null, null));
                    continue;
                }
                (pool[i], pool[i + index]) = (pool[i + index], pool[i]);
                picked.Add(pool[i]);
                steps.Add(new DrawStep(i, attempt, message, hex, value, remaining, index, pool[i]));
                break;
            }
        }
        return new DrawOutcome(picked, steps);
    }

    /// <summary>
    /// An index in [0, <paramref name="bound"/>) from a uniform <paramref name="bits"/>-bit value with no modulo bias:
    /// values at or above the largest multiple of the bound below 2^bits are rejected (false), the rest map by
    /// remainder, so every index has exactly the same number of values. The draw uses 64 bits.
    /// </summary>
    public static bool TryIndex(ulong value, int bits, int bound, out int index)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(bits, 64);
        ArgumentOutOfRangeException.ThrowIfLessThan(bound, 1);
        var max = bits == 64 ? ulong.MaxValue : (1UL << bits) - 1; // 2^bits − 1
        if (value > max) throw new ArgumentOutOfRangeException(nameof(value), $"Not a {bits}-bit value.");
        var b = (ulong)bound;
        // 2^bits mod bound, computed without 2^64 overflowing.
        var excess = (max % b + 1) % b;
        if (value > max - excess)
        {
            index = -1;
            return false;
        }
        index = (int)(value % b);
        return true;
    }

    /// <summary>
    /// Checks a published draw by the same code as the draw: SHA-256(seed) must be the commitment, the entrants must
    /// be in canonical order with no duplicates, and <see cref="Draw"/> over them must give exactly the published winners.
    /// </summary>
    public static DrawVerification Verify(string seedHex, string commitmentHex, IReadOnlyList<string> entrants, int winners, IReadOnlyList<string> publishedWinners)
    {
        var problems = new List<string>();
        byte[] seed;
        try
        {
            seed = Convert.FromHexString(seedHex.Trim());
        }
        catch (FormatException)
        {
            seed = [];
        }
        if (seed.Length != SeedBytes)
        {
            problems.Add($"The seed must be {SeedBytes} bytes written as {SeedBytes * 2} hex digits.");
            var empty = new DrawOutcome([], []);
            return new DrawVerification(false, false, false, false, empty, problems);
        }
        var commitmentMatches = string.Equals(Commitment(seed), commitmentHex.Trim(), StringComparison.OrdinalIgnoreCase);
        if (!commitmentMatches) problems.Add("SHA-256 of the seed is not the commitment published at the start.");
        var canonical = Canonical(entrants);
        var entrantsCanonical = canonical.SequenceEqual(entrants, StringComparer.Ordinal);
        if (!entrantsCanonical) problems.Add("The entrant list is not sorted in ordinal order or holds a duplicate.");
        var recomputed = Draw(seed, canonical, winners);
        var winnersMatch = recomputed.Winners.SequenceEqual(publishedWinners, StringComparer.Ordinal);
        if (!winnersMatch) problems.Add("The winners recomputed from the seed and the entrants are not the published winners.");
        return new DrawVerification(commitmentMatches && entrantsCanonical && winnersMatch, commitmentMatches, entrantsCanonical, winnersMatch, recomputed, problems);
    }
}
