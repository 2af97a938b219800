using LiveCross.Domain.Shipping;
using LiveCross.Domain.Tests.Markets;
using static LiveCross.Domain.Tests.Shipping.RateCards;

namespace LiveCross.Domain.Tests.Shipping;

public sealed class BusinessCalendarTests
{
    private static DateOnly Day(int year, int month, int day) => new(year, month, day);

    [Fact]
    public void Counting_skips_the_weekend()
    {
        // Friday 2026-11-27 + 1 business day is Monday; + 3 is Wednesday.
        Weekdays().AddBusinessDays(Day(2026, 11, 27), 1).ShouldBe(Day(2026, 11, 30));
        Weekdays().AddBusinessDays(Day(2026, 11, 27), 3).ShouldBe(Day(2026, 12, 2));
        Weekdays().AddBusinessDays(Day(2026, 11, 27), 0).ShouldBe(Day(2026, 11, 27));
    }

    [Fact]
    public void Counting_skips_a_public_holiday_of_the_market()
    {
        // Germany, 3 October 2025 (a Friday, German Unity Day): Thursday + 1 is Monday 6 October.
        var germany = BusinessCalendar.For(MarketDefinitionBuilder.Germany() with { Holidays = [new(Day(2025, 10, 3), "Tag der Deutschen Einheit")] });
        germany.IsBusinessDay(Day(2025, 10, 3)).ShouldBeFalse();
        germany.AddBusinessDays(Day(2025, 10, 2), 1).ShouldBe(Day(2025, 10, 6));
    }

    [Fact]
    public void Saudi_Arabia_rests_on_Friday_and_Saturday_and_the_Emirates_on_Saturday_and_Sunday()
    {
        var saudi = BusinessCalendar.For(MarketDefinitionBuilder.Germany() with { Code = "SA", Weekend = [DayOfWeek.Friday, DayOfWeek.Saturday], Holidays = [] });
        var emirates = BusinessCalendar.For(MarketDefinitionBuilder.Germany() with { Code = "AE", Weekend = [DayOfWeek.Saturday, DayOfWeek.Sunday], Holidays = [] });
        // Thursday 2026-11-26 + 1 business day.
        saudi.AddBusinessDays(Day(2026, 11, 26), 1).ShouldBe(Day(2026, 11, 29));
        emirates.AddBusinessDays(Day(2026, 11, 26), 1).ShouldBe(Day(2026, 11, 27));
        saudi.IsBusinessDay(Day(2026, 11, 29)).ShouldBeTrue();
        emirates.IsBusinessDay(Day(2026, 11, 29)).ShouldBeFalse();
    }

    [Fact]
    public void A_range_across_the_year_end_skips_new_years_day()
    {
        var calendar = Weekdays(Day(2026, 12, 25), Day(2027, 1, 1));
        // Wednesday 30 December + 3: 31 Dec, (1 Jan holiday, weekend), 4 Jan, 5 Jan.
        calendar.AddBusinessDays(Day(2026, 12, 30), 3).ShouldBe(Day(2027, 1, 5));
    }

    [Fact]
    public void A_weekend_day_declared_a_working_day_counts()
    {
        // China worked on Saturday 2026-10-10 after the National Day week (1–7 October).
        var nationalDay = Enumerable.Range(1, 7).Select(d => Day(2026, 10, d));
        var china = new BusinessCalendar([DayOfWeek.Saturday, DayOfWeek.Sunday], nationalDay, [Day(2026, 10, 10)]);
        china.AddBusinessDays(Day(2026, 9, 30), 1).ShouldBe(Day(2026, 10, 8));
        china.AddBusinessDays(Day(2026, 10, 9), 1).ShouldBe(Day(2026, 10, 10));
    }

    [Fact]
    public void A_calendar_without_business_days_stops_instead_of_looping()
    {
        var closed = new BusinessCalendar(Enum.GetValues<DayOfWeek>(), []);
        Should.Throw<InvalidOperationException>(() => closed.AddBusinessDays(Day(2026, 1, 1), 1));
    }
}

public sealed class DispatchRuleTests
{
    private static readonly DispatchRule Shenzhen = new(
        TimeZoneInfo.FindSystemTimeZoneById("Asia/Shanghai"), 16,
        new BusinessCalendar([DayOfWeek.Saturday, DayOfWeek.Sunday], Enumerable.Range(1, 7).Select(d => new DateOnly(2026, 10, d)), [new DateOnly(2026, 10, 10)]));

    private static DateTimeOffset Utc(int month, int day, int hour, int minute = 0) => new(2026, month, day, hour, minute, 0, TimeSpan.Zero);

    [Fact]
    public void An_order_before_the_cut_off_ships_the_same_day_and_one_at_the_cut_off_the_next_business_day()
    {
        // Shanghai is UTC+8: 07:59 UTC is 15:59 local on Wednesday 25 November.
        Shenzhen.ShipsOn(Utc(11, 25, 7, 59)).ShouldBe(new DateOnly(2026, 11, 25));
        Shenzhen.ShipsOn(Utc(11, 25, 8, 0)).ShouldBe(new DateOnly(2026, 11, 26));
    }

    [Fact]
    public void The_origins_local_date_decides_not_the_utc_date()
    {
        // 20:00 UTC on Tuesday 24 November is 04:00 on Wednesday 25 November in Shenzhen.
        Shenzhen.ShipsOn(Utc(11, 24, 20)).ShouldBe(new DateOnly(2026, 11, 25));
    }

    [Fact]
    public void An_order_on_Friday_after_the_cut_off_or_at_the_weekend_ships_on_Monday()
    {
        Shenzhen.ShipsOn(Utc(11, 27, 9)).ShouldBe(new DateOnly(2026, 11, 30));
        Shenzhen.ShipsOn(Utc(11, 28, 2)).ShouldBe(new DateOnly(2026, 11, 30));
    }

    [Fact]
    public void An_order_during_an_origin_holiday_ships_after_it()
    {
        Shenzhen.ShipsOn(Utc(10, 2, 2)).ShouldBe(new DateOnly(2026, 10, 8));
        Shenzhen.ShipsOn(new DateOnly(2026, 10, 3)).ShouldBe(new DateOnly(2026, 10, 8));
        Shenzhen.ShipsOn(new DateOnly(2026, 10, 10)).ShouldBe(new DateOnly(2026, 10, 10));
    }
}
