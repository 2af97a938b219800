using LiveCross.Domain.Markets;

namespace LiveCross.Domain.Tests.Markets;

public sealed class LocaleFallbackTests
{
    private sealed record Translation(string Locale, string Text);

    private static List<Translation> Translations(params string[] locales) => [.. locales.Select(l => new Translation(l, $"text in {l}"))];

    private static string? Pick(List<Translation> available, string? locale, string? contentDefault) =>
        LocaleFallback.Pick(available, t => t.Locale, locale, contentDefault)?.Locale;

    [Fact]
    public void The_chain_walks_up_the_parents_to_English() =>
        LocaleFallback.Chain("zh-Hans-SG").ShouldBe(["zh-Hans-SG", "zh-Hans", "zh", "en"]);

    [Fact]
    public void An_English_locale_ends_in_English_once() =>
        LocaleFallback.Chain("en-GB").ShouldBe(["en-GB", "en"]);

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void No_locale_falls_back_to_English(string? locale) =>
        LocaleFallback.Chain(locale).ShouldBe(["en"]);

    [Fact]
    public void Pick_prefers_the_exact_locale() =>
        Pick(Translations("en", "zh", "zh-Hans", "zh-Hans-SG"), "zh-Hans-SG", "zh").ShouldBe("zh-Hans-SG");

    [Fact]
    public void Pick_matches_locales_in_any_case() =>
        Pick(Translations("en", "zh-Hans"), "ZH-hans", null).ShouldBe("zh-Hans");

    [Fact]
    public void Pick_falls_back_to_the_nearest_parent() =>
        Pick(Translations("en", "zh", "zh-Hans", "de"), "zh-Hans-SG", "de").ShouldBe("zh-Hans");

    [Fact]
    public void Pick_falls_back_to_English_before_the_contents_own_default() =>
        Pick(Translations("de", "en", "fr"), "ja-JP", "de").ShouldBe("en");

    [Fact]
    public void Pick_falls_back_to_the_contents_default_when_there_is_no_English() =>
        Pick(Translations("fr", "de"), "ja-JP", "de").ShouldBe("de");

    [Theory]
    [InlineData(null)]
    [InlineData("es")]
    public void Pick_falls_back_to_the_first_translation_when_nothing_else_matches(string? contentDefault) =>
        Pick(Translations("fr", "de"), "ja-JP", contentDefault).ShouldBe("fr");

    [Fact]
    public void Pick_from_nothing_is_nothing() =>
        Pick([], "de", "de").ShouldBeNull();
}
