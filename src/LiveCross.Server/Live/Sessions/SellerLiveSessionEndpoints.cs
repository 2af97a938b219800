using System.Security.Claims;
using LiveCross.Domain.Live;
using LiveCross.Server.Catalog;
using LiveCross.Server.Markets;
using LiveCross.Server.Platform.Accounts;
using LiveCross.Server.Platform.Database;
using LiveCross.Server.Platform.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace LiveCross.Server.Live.Sessions;

/// <summary>
/// The seller console's live sessions. Every query runs in the seller's tenant scope, so another seller's
/// session is simply not found (404). The stream key is answered once, when it is made.
/// </summary>
public static class SellerLiveSessionEndpoints
{
    public const string Path = "/api/v1/seller/live-sessions";

    public static IEndpointRouteBuilder MapSellerLiveSessions(this IEndpointRouteBuilder app)
    {
        var seller = app.MapGroup(Path).WithTags("Seller live sessions").RequireAuthorization(Policies.SellerStaff);
        seller.MapGet("/", List);
        seller.MapPost("/", Create);
        seller.MapGet("/{id:guid}", Get);
        seller.MapPut("/{id:guid}", Update);
        seller.MapDelete("/{id:guid}", Delete);
        seller.MapPost("/{id:guid}/stream-key", RotateKey)
            .WithDescription("Makes a new stream key (shown once in the answer); the old one stops working. Only while scheduled.");
        seller.MapPost("/{id:guid}/go-live", GoLive)
            .WithDescription("Marks the session live without a media server: viewers see the prepared demo video.");
        seller.MapPost("/{id:guid}/end", End);
        return app;
    }

    private static async Task<Results<Ok<SellerLiveSessionList>, ValidationProblem>> List(
        LiveCrossDbContext db, IOptions<LiveOptions> options, string? status, int? page, int? pageSize, CancellationToken cancellationToken)
    {
        var errors = new ValidationErrors();
        LiveSessionStatus? wanted = null;
        if (status is not null)
        {
            if (TryParseStatus(status, out var parsed)) wanted = parsed;
            else errors.Add("status", "Use scheduled, live, ended or replay.");
        }
        errors.Require(page is null or >= 1 and <= 10_000, "page", "Pages start at 1.");
        errors.Require(pageSize is null or >= 1 and <= 100, "pageSize", "Between 1 and 100.");
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());

        var query = db.LiveSessions.AsNoTracking();
        if (wanted is { } w) query = query.Where(s => s.Status == w);
        var size = pageSize ?? 50;
        var number = page ?? 1;
        var total = await query.CountAsync(cancellationToken);
        var sessions = await Including(query).OrderByDescending(s => s.ScheduledStart).ThenBy(s => s.Id)
            .Skip((number - 1) * size).Take(size).ToListAsync(cancellationToken);
        return TypedResults.Ok(new SellerLiveSessionList(number, size, total, sessions.Select(s => SellerLiveSessionDto.From(s, options.Value.IngestUrl)).ToList()));
    }

    private static async Task<Results<Ok<SellerLiveSessionDto>, NotFound>> Get(Guid id, LiveCrossDbContext db, IOptions<LiveOptions> options, CancellationToken cancellationToken)
    {
        var session = await LoadAsync(db, id, cancellationToken);
        return session is null ? TypedResults.NotFound() : TypedResults.Ok(SellerLiveSessionDto.From(session, options.Value.IngestUrl));
    }

    private static async Task<Results<Created<SellerLiveSessionDto>, ValidationProblem>> Create(
        LiveSessionInput input, ClaimsPrincipal user, LiveCrossDbContext db, MarketRegistry markets, TimeProvider clock,
        LiveSecrets secrets, IOptions<LiveOptions> options, CancellationToken cancellationToken)
    {
        var (session, key, errors) = await ScheduleAsync(input, user, db, markets, clock.GetUtcNow(), secrets, cancellationToken);
        if (session is null) return TypedResults.ValidationProblem(errors.ToDictionary());
        return TypedResults.Created($"{Path}/{session.Id}", SellerLiveSessionDto.From(session, options.Value.IngestUrl, key));
    }

    /// <summary>Schedules a session for the signed-in seller (the API's create and the console's form): the session and its new stream key, or the errors.</summary>
    public static async Task<(LiveSession? Session, string? StreamKey, ValidationErrors Errors)> ScheduleAsync(
        LiveSessionInput input, ClaimsPrincipal user, LiveCrossDbContext db, MarketRegistry markets, DateTimeOffset now, LiveSecrets secrets,
        CancellationToken cancellationToken)
    {
        var sellerId = user.SellerId()!.Value;
        var host = input.HostAccountId ?? user.UserId()!.Value;
        var errors = await ValidateAsync(input, db, markets, now, sellerId, host, isUpdate: false, cancellationToken);
        if (errors.Any) return (null, null, errors);

        var session = new LiveSession { SellerId = sellerId, HostAccountId = host, StreamKeyHash = "", StreamKeyHint = "" };
        Fill(session, input, host);
        var key = StreamKeys.New();
        session.SetStreamKey(key, await secrets.StreamKeyHashKeyAsync(cancellationToken));
        db.LiveSessions.Add(session);
        await db.SaveChangesAsync(cancellationToken);
        return (session, key, errors);
    }

    private static async Task<Results<Ok<SellerLiveSessionDto>, NotFound, ValidationProblem, ProblemHttpResult>> Update(
        Guid id, LiveSessionInput input, ClaimsPrincipal user, LiveCrossDbContext db, MarketRegistry markets, TimeProvider clock,
        IOptions<LiveOptions> options, CancellationToken cancellationToken)
    {
        var session = await LoadAsync(db, id, cancellationToken);
        if (session is null) return TypedResults.NotFound();
        if (session.Status != LiveSessionStatus.Scheduled) return NotScheduled(session, "changed");
        var host = input.HostAccountId ?? session.HostAccountId;
        var errors = await ValidateAsync(input, db, markets, clock.GetUtcNow(), session.SellerId, host, isUpdate: true, cancellationToken);
        if (errors.Any) return TypedResults.ValidationProblem(errors.ToDictionary());
        if (input.Version != session.Version) return Conflict();

        Fill(session, input, host);
        // Checked again in the database: a change saved between our read and this write makes the save fail (409).
        db.Entry(session).Property(x => x.Version).OriginalValue = input.Version!.Value;
        db.Entry(session).State = EntityState.Modified;
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SellerLiveSessionDto.From(session, options.Value.IngestUrl));
    }

    private static async Task<Results<NoContent, NotFound, ProblemHttpResult>> Delete(Guid id, LiveCrossDbContext db, CancellationToken cancellationToken)
    {
        var session = await LoadAsync(db, id, cancellationToken);
        if (session is null) return TypedResults.NotFound();
        if (session.Status != LiveSessionStatus.Scheduled) return NotScheduled(session, "deleted");
        db.LiveSessions.Remove(session);
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<SellerLiveSessionDto>, NotFound, ProblemHttpResult>> RotateKey(
        Guid id, LiveCrossDbContext db, LiveSecrets secrets, IOptions<LiveOptions> options, CancellationToken cancellationToken)
    {
        var session = await LoadAsync(db, id, cancellationToken);
        if (session is null) return TypedResults.NotFound();
        if (session.Status != LiveSessionStatus.Scheduled) return NotScheduled(session, "given a new stream key");
        var key = StreamKeys.New();
        session.SetStreamKey(key, await secrets.StreamKeyHashKeyAsync(cancellationToken));
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SellerLiveSessionDto.From(session, options.Value.IngestUrl, key));
    }

    private static Task<Results<Ok<SellerLiveSessionDto>, NotFound, ProblemHttpResult>> GoLive(
        Guid id, ClaimsPrincipal user, LiveCrossDbContext db, TimeProvider clock, IOptions<LiveOptions> options, CancellationToken cancellationToken) =>
        MoveAsync(id, db, options, s => LiveSessionStateMachine.GoLive(s.Status, Actor(user), clock.GetUtcNow(), "The host went live from the console (no media server)."), cancellationToken);

    private static Task<Results<Ok<SellerLiveSessionDto>, NotFound, ProblemHttpResult>> End(
        Guid id, ClaimsPrincipal user, LiveCrossDbContext db, TimeProvider clock, IOptions<LiveOptions> options, CancellationToken cancellationToken) =>
        MoveAsync(id, db, options, s => LiveSessionStateMachine.End(s.Status, Actor(user), clock.GetUtcNow(), "The host ended the session from the console."), cancellationToken);

    private static async Task<Results<Ok<SellerLiveSessionDto>, NotFound, ProblemHttpResult>> MoveAsync(
        Guid id, LiveCrossDbContext db, IOptions<LiveOptions> options, Func<LiveSession, LiveSessionMove> move, CancellationToken cancellationToken)
    {
        var session = await LoadAsync(db, id, cancellationToken);
        if (session is null) return TypedResults.NotFound();
        if (session.Apply(move(session)) is LiveSessionMove.Refused refused)
            return TypedResults.Problem(refused.Reason, statusCode: StatusCodes.Status409Conflict, title: "The session cannot make this move.");
        await db.SaveChangesAsync(cancellationToken);
        return TypedResults.Ok(SellerLiveSessionDto.From(session, options.Value.IngestUrl));
    }

    private static string Actor(ClaimsPrincipal user) => $"account:{user.UserId()}";

    public static async Task<LiveSession?> LoadAsync(LiveCrossDbContext db, Guid id, CancellationToken cancellationToken) =>
        await Including(db.LiveSessions).FirstOrDefaultAsync(s => s.Id == id, cancellationToken);

    public static IQueryable<LiveSession> Including(IQueryable<LiveSession> query) =>
        query.Include(s => s.Titles).Include(s => s.Markets).Include(s => s.Products).Include(s => s.Transitions).AsSplitQuery();

    /// <summary>The input's own checks, then those that read the database: the host and the line-up must be the seller's.</summary>
    private static async Task<ValidationErrors> ValidateAsync(
        LiveSessionInput input, LiveCrossDbContext db, MarketRegistry markets, DateTimeOffset now, Guid sellerId, Guid host, bool isUpdate, CancellationToken cancellationToken)
    {
        var errors = LiveSessionInputValidator.Validate(input, markets, now, isUpdate);
        if (errors.Any) return errors;
        var hostAccount = await db.Users.Where(u => u.Id == host).Select(u => new
        {
            u.SellerId,
            IsCreator = db.UserRoles.Any(ur => ur.UserId == u.Id && db.Roles.Any(r => r.Id == ur.RoleId && r.Name == Roles.Creator)),
        }).FirstOrDefaultAsync(cancellationToken);
        if (hostAccount is null || (hostAccount.SellerId != sellerId && !hostAccount.IsCreator))
            errors.Add("hostAccountId", "The host must be an account of your staff or a creator.");

        var wanted = input.Products ?? [];
        // The tenant filter leaves only this seller's products.
        var owned = await db.Products.Where(p => wanted.Contains(p.Id) && p.Status != ProductStatus.Archived).Select(p => p.Id).ToListAsync(cancellationToken);
        for (var i = 0; i < wanted.Count; i++)
            errors.Require(owned.Contains(wanted[i]), $"products[{i}]", "Not one of your products, or it is archived.");
        return errors;
    }

    /// <summary>Copies the (valid) input onto the session, changing child rows in place so their keys are never re-added.</summary>
    private static void Fill(LiveSession session, LiveSessionInput input, Guid host)
    {
        session.HostAccountId = host;
        session.DefaultLocale = input.DefaultLocale ?? "en";
        session.ScheduledStart = input.ScheduledStart!.Value.ToUniversalTime();

        var titles = input.Titles!.Select(t => (Locale: System.Globalization.CultureInfo.GetCultureInfo(t!.Locale!).Name, Title: t.Title!.Trim())).ToList();
        session.Titles.RemoveAll(t => !titles.Any(n => n.Locale == t.Locale));
        foreach (var (locale, title) in titles)
        {
            var existing = session.Titles.FirstOrDefault(t => t.Locale == locale);
            if (existing is null) session.Titles.Add(new LiveSessionTitle { SessionId = session.Id, Locale = locale, Title = title });
            else existing.Title = title;
        }

        var codes = input.Markets!.Select(c => c!.Trim().ToUpperInvariant()).ToList();
        session.Markets.RemoveAll(m => !codes.Contains(m.MarketCode));
        foreach (var code in codes.Where(c => !session.Markets.Any(m => m.MarketCode == c)))
            session.Markets.Add(new LiveSessionMarket { SessionId = session.Id, MarketCode = code });

        var products = input.Products ?? [];
        session.Products.RemoveAll(p => p.Position >= products.Count);
        for (var i = 0; i < products.Count; i++)
        {
            var existing = session.Products.FirstOrDefault(p => p.Position == i);
            if (existing is null) session.Products.Add(new LiveSessionProduct { SessionId = session.Id, Position = i, ProductId = products[i] });
            else existing.ProductId = products[i];
        }
    }

    public static bool TryParseStatus(string? text, out LiveSessionStatus status)
    {
        status = default;
        return text is not null
            && Enum.GetNames<LiveSessionStatus>().Contains(text.Trim(), StringComparer.OrdinalIgnoreCase)
            && Enum.TryParse(text.Trim(), ignoreCase: true, out status);
    }

    private static ProblemHttpResult NotScheduled(LiveSession session, string what) => TypedResults.Problem(
        $"Only a scheduled session can be {what}; this one is {LiveSessionStateMachine.Describe(session.Status)}.",
        statusCode: StatusCodes.Status409Conflict, title: "The session is no longer scheduled.");

    private static ProblemHttpResult Conflict() => TypedResults.Problem(
        "The session was changed since you read it. Reload it and apply your change again.",
        statusCode: StatusCodes.Status409Conflict, title: "Version conflict.");
}
