using LiveCross.Domain.Markets;

namespace LiveCross.Domain.Shipping;

/// <summary>
/// Which days a country works: not its weekend days and not its public holidays, except weekend days
/// declared working days (China moves working days onto weekends around its long holidays).
/// </summary>
public sealed class BusinessCalendar
{
    // A year of days without a business day means the data is broken; stop rather than loop for ever.
    private const int MaxDaysSearched = 366;

    private readonly bool[] _weekend = new bool[7];
    private readonly HashSet<DateOnly> _holidays;
    private readonly HashSet<DateOnly> _workingDays;

    public BusinessCalendar(IEnumerable<DayOfWeek> weekend, IEnumerable<DateOnly> holidays, IEnumerable<DateOnly>? workingDays = null)
    {
        foreach (var day in weekend) _weekend[(int)day] = true;
        _holidays = [.. holidays];
        _workingDays = [.. workingDays ?? []];
    }

    /// <summary>The market's weekend and public holidays as its file (or an admin) states them.</summary>
    public static BusinessCalendar For(MarketDefinition market) => new(market.Weekend, market.Holidays.Select(h => h.Date));

    public bool IsBusinessDay(DateOnly day) =>
        _workingDays.Contains(day) || (!_weekend[(int)day.DayOfWeek] && !_holidays.Contains(day));

    /// <summary>The first business day after <paramref name="day"/>.</summary>
    public DateOnly NextBusinessDayAfter(DateOnly day) => AddBusinessDays(day, 1);

    /// <summary>
    /// The day on which <paramref name="days"/> business days have passed after <paramref name="start"/>
    /// (the start itself does not count): 2 business days after a Friday are Tuesday in a
    /// Saturday–Sunday weekend and Monday in a Friday–Saturday one.
    /// </summary>
    public DateOnly AddBusinessDays(DateOnly start, int days)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        var day = start;
        var searched = 0;
        while (days > 0)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day))
            {
                days--;
                searched = 0;
            }
            else if (++searched > MaxDaysSearched)
            {
                throw new InvalidOperationException($"No business day in the year after {day.AddDays(-searched):yyyy-MM-dd}.");
            }
        }
        return day;
    }
}

/// <summary>
/// When a parcel leaves its origin: on the day the order comes in when that is a business day of the
/// origin and the order is in before the cut-off hour (origin local time), otherwise on the next business day.
/// </summary>
public sealed record DispatchRule(TimeZoneInfo TimeZone, int CutoffHour, BusinessCalendar Calendar)
{
    public DateOnly ShipsOn(DateTimeOffset orderedAt)
    {
        var local = TimeZoneInfo.ConvertTime(orderedAt, TimeZone);
        var day = DateOnly.FromDateTime(local.DateTime);
        return Calendar.IsBusinessDay(day) && local.Hour < CutoffHour ? day : Calendar.NextBusinessDayAfter(day);
    }

    /// <summary>For an order placed on <paramref name="orderedOn"/> before the cut-off (a date asked about in advance).</summary>
    public DateOnly ShipsOn(DateOnly orderedOn) => Calendar.IsBusinessDay(orderedOn) ? orderedOn : Calendar.NextBusinessDayAfter(orderedOn);
}
