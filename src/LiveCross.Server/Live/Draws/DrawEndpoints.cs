using System.Globalization;
using System.Security.Claims;
using LiveCross.Domain.Live;
using LiveCross.Server.Live.Sessions;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace LiveCross.Server.Live.Draws;

public sealed record DrawPrizeInput(string? Locale, string? Text);

public sealed record DrawEntryRuleInput(string? Kind, int? Seconds, string? Phrase);

public sealed record CreateDrawInput(string? Prize, IReadOnlyList<DrawPrizeInput?>? PrizeTranslations, int? Winners, int? DurationSeconds, DrawEntryRuleInput? EntryRule);

public sealed record DrawEntryRuleDto(string Kind, int? Seconds, string? Phrase);

/// <summary>
/// A draw as anyone may see it. <c>status</c>: open, closing (time is up, the winners are being drawn) or drawn.
/// <c>seed</c>, <c>entrants</c> and <c>winners</c> are null until drawn.
/// </summary>
public sealed record DrawDto(
    Guid Id, Guid SessionId, string Status, string Prize, int Winners, DrawEntryRuleDto EntryRule, DateTimeOffset StartsAt, DateTimeOffset EndsAt,
    string Commitment, int EntrantCount, DateTimeOffset? DrawnAt, string? Seed, IReadOnlyList<string>? Entrants, IReadOnlyList<string>? WinnerIds, string Algorithm);

public sealed record EntryResponse(string Outcome, string? Message);

public sealed record DrawStepDto(int Winner, int Attempt, string Message, string Hmac, string Value, int Remaining, int? Index, string? Entrant);

public sealed record DrawVerificationDto(
    Guid DrawId, bool Valid, string Commitment, string Seed, string SeedSha256, bool CommitmentMatches, bool EntrantsCanonical, bool WinnersMatch,
    int EntrantCount, IReadOnlyList<string> PublishedWinners, IReadOnlyList<string> RecomputedWinners, IReadOnlyList<DrawStepDto> Steps, IReadOnlyList<string> Problems, string Algorithm);

public static class DrawEndpoints
{
    public const string Algorithm = "lucky-draw-v1 (docs/lucky-draw-fairness.md): winner i, attempt k: v = first 8 bytes big-endian of HMAC-SHA256(seed, \"winner:{i}:{k}\"); " +
        "reject v when v ≥ 2^64 − (2^64 mod r), else swap pool[i] with pool[i + v mod r] over the sorted entrants, r = entrants − i.";

    public const int MaxWinners = 1000;
    public const int MaxDurationSeconds = 24 * 3600;

    public static IEndpointRouteBuilder MapLuckyDraws(this IEndpointRouteBuilder app)
    {
        var seller = app.MapGroup("/api/v1/seller").WithTags("Lucky draws (seller)").RequireAuthorization(Policies.SellerStaff);
        seller.MapPost("/live-sessions/{sessionId:guid}/draws", Create)
            .WithDescription("Starts a lucky draw in a live session now: prize (and translations), winners, duration, entry rule { kind: watch, seconds } or { kind: phrase, phrase }. " +
                "Answers the draw with the SHA-256 commitment of its secret seed.");
        seller.MapPost("/draws/{id:guid}/end", End).WithDescription("Ends the draw now and draws its winners.");

        var draws = app.MapGroup("/api/v1/draws").WithTags("Lucky draws");
        draws.MapGet("/{id:guid}", Get).AllowAnonymous()
            .WithDescription("Status, commitment, entry rule, end time, entrant count; once drawn also the seed, the sorted entrants and the winners. ?locale= for the prize.");
        draws.MapPost("/{id:guid}/entries", Enter).RequireAuthorization(p => p.RequireRole(Roles.Customer))
            .WithDescription("A signed-in customer enters a watch draw by presence (until the room measures it: qualified once the rule's seconds have passed since the draw began). " +
                "Phrase draws are entered by posting the phrase in the room's chat. Answers Entered, AlreadyEntered, NotQualified or Closed.");
        app.MapGet("/api/v1/live-sessions/{sessionId:guid}/draws", ListForSession).WithTags("Lucky draws").AllowAnonymous()
            .WithDescription("The session's draws, newest first (at most 50), as GET /api/v1/draws/{id} shows each: what the room shows.");
        draws.MapGet("/{id:guid}/verify", Verify).AllowAnonymous()
            .WithDescription("Recomputes the winners from the published seed and entrants and says whether everything matches, with every step.");
        return app;
    }

    private static async Task<Results<Created<DrawDto>, NotFound, ValidationProblem, ProblemHttpResult>> Create(
        Guid sessionId, CreateDrawInput? input, ClaimsPrincipal user, LiveCrossDbContext db, LuckyDrawService service, TimeProvider clock, CancellationToken cancellationToken)
    {
        // The tenant filter hides other sellers' sessions: theirs are not found, like a made-up id.
        var session = await db.LiveSessions.AsNoTracking().Where(s => s.Id == sessionId).Select(s => new { s.SellerId, s.Status }).FirstOrDefaultAsync(cancellationToken);
        if (session is null) return TypedResults.NotFound();
        var errors = Validate(input, out var rule, out var translations);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        if (session.Status != LiveSessionStatus.Live) return NotLive(session.Status);

        var now = clock.GetUtcNow();
        var (sealedSeed, commitment) = service.NewSeed();
        var draw = new LuckyDraw
        {
            SellerId = session.SellerId,
            SessionId = sessionId,
            Prize = input!.Prize!.Trim(),
            PrizeTranslations = translations,
            WinnerCount = input.Winners!.Value,
            EntryKind = rule!.Kind,
            WatchSeconds = rule.WatchSeconds,
            Phrase = rule.Phrase,
            Status = LuckyDrawStatus.Open,
            StartsAt = now,
            EndsAt = now.AddSeconds(input.DurationSeconds!.Value),
            Commitment = commitment,
            SealedSeed = sealedSeed,
            CreatedAt = now,
        };
        db.LuckyDraws.Add(draw);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Created($"/api/v1/draws/{draw.Id}", ToDto(draw, now, null, 0, [], []));
    }

    private static ValidationErrors Validate(CreateDrawInput? input, out DrawEntryRule? rule, out Dictionary<string, string> translations)
    {
        var errors = new ValidationErrors();
        rule = null;
        translations = [];
        if (input is null)
        {
            errors.Add("body", "A JSON object with prize, winners, durationSeconds and entryRule is required.");
            return errors;
        }
        var prize = input.Prize?.Trim();
        errors.Require(prize is { Length: > 0 and <= LuckyDraw.MaxPrize }, "prize", $"Required: 1 to {LuckyDraw.MaxPrize} characters.");
        errors.Require(input.Winners is >= 1 and <= MaxWinners, "winners", $"From 1 to {MaxWinners} winners.");
        errors.Require(input.DurationSeconds is >= 10 and <= MaxDurationSeconds, "durationSeconds", $"From 10 seconds to {MaxDurationSeconds:N0} (24 hours).");
        if (errors.NoNullItems(input.PrizeTranslations, "prizeTranslations"))
        {
            for (var i = 0; i < (input.PrizeTranslations?.Count ?? 0); i++)
            {
                var t = input.PrizeTranslations![i]!;
                var locale = KnownLocale(t.Locale);
                if (locale is null) errors.Add($"prizeTranslations[{i}].locale", "A locale such as de, ja or zh-Hans.");
                else if (!translations.TryAdd(locale, t.Text?.Trim() ?? "")) errors.Add($"prizeTranslations[{i}].locale", "This locale is given twice.");
                errors.Require(t.Text?.Trim() is { Length: > 0 and <= LuckyDraw.MaxPrize }, $"prizeTranslations[{i}].text", $"Required: 1 to {LuckyDraw.MaxPrize} characters.");
            }
        }
        var kind = input.EntryRule?.Kind?.Trim().ToLowerInvariant();
        switch (kind)
        {
            case "watch":
                if (input.EntryRule!.Seconds is >= 1 and <= DrawEntryRule.MaxWatchSeconds) rule = DrawEntryRule.Watch(input.EntryRule.Seconds.Value);
                else errors.Add("entryRule.seconds", $"How long a viewer must be in the room: 1 to {DrawEntryRule.MaxWatchSeconds} seconds.");
                if (input.DurationSeconds is { } d && input.EntryRule.Seconds is { } s && s > d) errors.Add("entryRule.seconds", "Cannot be longer than the draw's duration.");
                break;
            case "phrase":
                var phrase = DrawEntryRule.Normalize(input.EntryRule!.Phrase ?? "");
                if (phrase.Length is >= 1 and <= DrawEntryRule.MaxPhraseLength) rule = DrawEntryRule.Post(phrase);
                else errors.Add("entryRule.phrase", $"The phrase viewers post in chat: 1 to {DrawEntryRule.MaxPhraseLength} characters.");
                break;
            default:
                errors.Add(input.EntryRule is null ? "entryRule" : "entryRule.kind", "Use { \"kind\": \"watch\", \"seconds\": 60 } or { \"kind\": \"phrase\", \"phrase\": \"…\" }.");
                break;
        }
        return errors;
    }

    private static string? KnownLocale(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale) || locale.Length > 20) return null;
        try
        {
            var culture = CultureInfo.GetCultureInfo(locale.Trim(), predefinedOnly: true);
            return culture.Name.Length == 0 ? null : culture.Name;
        }
        catch (CultureNotFoundException)
        {
            return null;
        }
    }

    private static async Task<Results<Ok<DrawDto>, NotFound, ProblemHttpResult>> End(
        Guid id, LiveCrossDbContext db, LuckyDrawService service, TimeProvider clock, CancellationToken cancellationToken)
    {
        // Tenant-filtered: another seller's draw is not found.
        var owned = await db.LuckyDraws.AsNoTracking().Where(d => d.Id == id).Select(d => new { d.Status }).FirstOrDefaultAsync(cancellationToken);
        if (owned is null) return TypedResults.NotFound();
        if (owned.Status != LuckyDrawStatus.Open || !await service.CloseAsync(id, cancellationToken))
            return TypedResults.Problem("The draw has already been drawn; its winners are published.", statusCode: StatusCodes.Status409Conflict, title: "Already drawn.");
        return TypedResults.Ok((await LoadDtoAsync(db, id, null, clock.GetUtcNow(), cancellationToken))!);
    }

    private static async Task<Results<Ok<DrawDto>, NotFound, ValidationProblem>> Get(Guid id, string? locale, LiveCrossDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (locale is not null && KnownLocale(locale) is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["locale"] = ["A locale such as de, ja or zh-Hans."] });
        var dto = await LoadDtoAsync(db, id, locale is null ? null : KnownLocale(locale), clock.GetUtcNow(), cancellationToken);
        return dto is null ? TypedResults.NotFound() : TypedResults.Ok(dto);
    }

    private static async Task<Results<Ok<List<DrawDto>>, NotFound, ValidationProblem>> ListForSession(
        Guid sessionId, string? locale, LiveCrossDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (locale is not null && KnownLocale(locale) is null)
            return TypedResults.ValidationProblem(new Dictionary<string, string[]> { ["locale"] = ["A locale such as de, ja or zh-Hans."] });
        if (!await db.LiveSessions.IgnoreQueryFilters().AnyAsync(s => s.Id == sessionId, cancellationToken)) return TypedResults.NotFound();
        var ids = await db.LuckyDraws.IgnoreQueryFilters().Where(d => d.SessionId == sessionId).OrderByDescending(d => d.StartsAt).Select(d => d.Id).Take(50).ToListAsync(cancellationToken);
        var now = clock.GetUtcNow();
        var list = new List<DrawDto>(ids.Count);
        foreach (var id in ids) list.Add((await LoadDtoAsync(db, id, locale is null ? null : KnownLocale(locale), now, cancellationToken))!);
        return TypedResults.Ok(list);
    }

    public static async Task<DrawDto?> LoadDtoAsync(LiveCrossDbContext db, Guid id, string? locale, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var draw = await db.LuckyDraws.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (draw is null) return null;
        if (draw.Status != LuckyDrawStatus.Drawn)
        {
            var count = await db.LuckyDrawEntries.CountAsync(e => e.DrawId == id, cancellationToken);
            return ToDto(draw, now, locale, count, [], []);
        }
        var (entrants, winners) = await PublishedAsync(db, id, cancellationToken);
        return ToDto(draw, now, locale, entrants.Count, entrants, winners);
    }

    /// <summary>The published entrants (canonical, sorted) and winners (in rank order) of a drawn draw.</summary>
    public static async Task<(IReadOnlyList<string> Entrants, IReadOnlyList<string> Winners)> PublishedAsync(LiveCrossDbContext db, Guid id, CancellationToken cancellationToken)
    {
        var entries = await db.LuckyDrawEntries.AsNoTracking().Where(e => e.DrawId == id).Select(e => new { e.CustomerId, e.WinnerRank }).ToListAsync(cancellationToken);
        var entrants = LuckyDrawFairness.Canonical(entries.Select(e => LuckyDrawEntry.Canonical(e.CustomerId)));
        var winners = entries.Where(e => e.WinnerRank is not null).OrderBy(e => e.WinnerRank).Select(e => LuckyDrawEntry.Canonical(e.CustomerId)).ToList();
        return (entrants, winners);
    }

    private static DrawDto ToDto(LuckyDraw d, DateTimeOffset now, string? locale, int entrantCount, IReadOnlyList<string> entrants, IReadOnlyList<string> winners)
    {
        var drawn = d.Status == LuckyDrawStatus.Drawn;
        var status = drawn ? "drawn" : now >= d.EndsAt ? "closing" : "open";
        var rule = d.EntryKind == DrawEntryKind.Watch ? new DrawEntryRuleDto("watch", d.WatchSeconds, null) : new DrawEntryRuleDto("phrase", null, d.Phrase);
        // The seed leaves the server only once the draw is drawn.
        return new DrawDto(d.Id, d.SessionId, status, d.PrizeIn(locale), d.WinnerCount, rule, d.StartsAt, d.EndsAt, d.Commitment, entrantCount, d.DrawnAt,
            drawn ? d.RevealedSeed : null, drawn ? entrants : null, drawn ? winners : null, Algorithm);
    }

    private static async Task<Results<Ok<EntryResponse>, NotFound, ProblemHttpResult>> Enter(
        Guid id, ClaimsPrincipal user, LiveCrossDbContext db, LuckyDrawService service, TimeProvider clock, CancellationToken cancellationToken)
    {
        var draw = await db.LuckyDraws.IgnoreQueryFilters().AsNoTracking().Where(d => d.Id == id)
            .Select(d => new { d.EntryKind, d.StartsAt, d.WatchSeconds }).FirstOrDefaultAsync(cancellationToken);
        if (draw is null) return TypedResults.NotFound();
        if (draw.EntryKind == DrawEntryKind.Phrase)
            return TypedResults.Problem("This draw is entered by posting its phrase in the live room's chat.", statusCode: StatusCodes.Status409Conflict, title: "Enter in the chat.");
        // Presence stand-in until the room hub measures time in the room: a viewer may have watched since the draw began.
        var watched = (int)Math.Clamp((clock.GetUtcNow() - draw.StartsAt).TotalSeconds, 0, int.MaxValue);
        var outcome = await service.EnterAsync(id, user.UserId()!.Value, new EntryEvidence.Watched(watched), cancellationToken);
        if (outcome is null) return TypedResults.NotFound();
        var message = outcome == EntryOutcome.NotQualified
            ? string.Create(CultureInfo.InvariantCulture, $"Stay in the room: you can enter {draw.WatchSeconds - watched} seconds from now.")
            : null;
        return TypedResults.Ok(new EntryResponse(outcome.Value.ToString(), message));
    }

    private static async Task<Results<Ok<DrawVerificationDto>, NotFound, ProblemHttpResult>> Verify(Guid id, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var draw = await db.LuckyDraws.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (draw is null) return TypedResults.NotFound();
        if (draw.Status != LuckyDrawStatus.Drawn || draw.RevealedSeed is null)
            return TypedResults.Problem("The draw has not been drawn yet: its seed is still secret, so there is nothing to check but the commitment.",
                statusCode: StatusCodes.Status409Conflict, title: "Not drawn yet.");
        return TypedResults.Ok(await VerifyAsync(db, draw, cancellationToken));
    }

    public static async Task<DrawVerificationDto> VerifyAsync(LiveCrossDbContext db, LuckyDraw draw, CancellationToken cancellationToken)
    {
        var (entrants, winners) = await PublishedAsync(db, draw.Id, cancellationToken);
        var result = LuckyDrawFairness.Verify(draw.RevealedSeed!, draw.Commitment, entrants, draw.WinnerCount, winners);
        var seedHash = LuckyDrawFairness.Commitment(Convert.FromHexString(draw.RevealedSeed!));
        return new DrawVerificationDto(draw.Id, result.Valid, draw.Commitment, draw.RevealedSeed!, seedHash, result.CommitmentMatches, result.EntrantsCanonical, result.WinnersMatch,
            entrants.Count, winners, result.Recomputed.Winners,
            result.Recomputed.Steps.Select(s => new DrawStepDto(s.Winner, s.Attempt, s.Message, s.Hmac, s.Value.ToString(CultureInfo.InvariantCulture), s.Remaining, s.Index, s.Entrant)).ToList(),
            result.Problems, Algorithm);
    }

    public static ProblemHttpResult NotLive(LiveSessionStatus status) => TypedResults.Problem(
        $"Draws and coupons run while the session is live; this one is {LiveSessionStateMachine.Describe(status)}.",
        statusCode: StatusCodes.Status409Conflict, title: "The session is not live.");
}

public static class LuckyDrawsModule
{
    public static WebApplicationBuilder AddLuckyDraws(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DrawOptions>().BindConfiguration(DrawOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddScoped<LuckyDrawService>();
        builder.Services.AddSingleton<DrawCloseJob>();
        builder.Services.AddHostedService(s => s.GetRequiredService<DrawCloseJob>());
        return builder;
    }
}
