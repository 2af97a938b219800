using System.Text.Json.Nodes;
using LiveCross.Server.Recommendations;
using LiveCross.Server.Tests.Support;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Recommendations;

/// <summary><c>recs eval --events FILE</c>: the offline evaluation over the platform's real events, read from a node's event store file.</summary>
public sealed class PlatformEvaluationTests
{
    [Fact]
    public async Task Recs_eval_reads_the_events_a_running_platform_stored_and_evaluates_on_them()
    {
        var folder = LiveCrossApp.NewDataDirectory();
        try
        {
            var videos = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToList();
            var sent = 0;
            await using (var app = await LiveCrossApp.StartAsync(TestDatabase.Sqlite, dataDirectory: folder))
            {
                using var client = app.CreateClient();
                // Forty shoppers, each watching a run of videos over the last hours: the later ones are the test period.
                for (var shopper = 0; shopper < 40; shopper++)
                {
                    var events = new List<JsonObject>();
                    for (var step = 0; step < 6; step++)
                    {
                        var at = app.Clock.GetUtcNow().AddHours(-12 + (2 * step));
                        events.Add(EventsApi.Event("view_start", at, videoId: videos[(shopper + step) % videos.Count]));
                    }
                    var answer = await client.PostEventsOkAsync(EventsApi.Batch([.. events]), EventsApi.ClientId(), "?market=DE");
                    sent += answer.GetProperty("accepted").GetInt32();
                }
            }
            using var output = new StringWriter();
            using var error = new StringWriter();

            var exit = RecommendationEvaluationCommand.Run(["eval", "--events", Path.Combine(folder, "events", "events.duckdb"), "--factors", "8", "--iterations", "3"],
                output, error, cancellationToken: TestContext.Current.CancellationToken);

            exit.ShouldBeOneOf(0, 1);
            sent.ShouldBe(240);
            var text = output.ToString();
            text.ShouldContain($"read {sent} events over {videos.Count} items from the event store");
            foreach (var method in new[] { "popularity", "item-to-item", "als", "blend", "NDCG@10" }) text.ShouldContain(method);
            RecommendationEvaluationCommand.Run(["eval", "--events", Path.Combine(folder, "nowhere.duckdb")], output, error, cancellationToken: TestContext.Current.CancellationToken).ShouldBe(2);
            error.ToString().ShouldContain("there is no event store file");
        }
        finally
        {
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }
}
