using System.Net;
using LiveCross.Server.Platform.Benchmarks;
using LiveCross.Testing;

namespace LiveCross.Server.Tests.Platform;

/// <summary>The bare hub and the fan-out triggers of bench/LiveCross.Bench exist only when a benchmark turns them on.</summary>
public sealed class BenchmarkOnlyEndpointsTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Bench_only_hub_and_fanout_triggers_do_not_exist_in_a_normal_run()
    {
        using var client = fixture.App.CreateClient();
        var sessions = await client.GetStringAsync("/api/v1/live-sessions", Cancel);
        var live = System.Text.Json.JsonDocument.Parse(sessions).RootElement.GetProperty("live")[0].GetProperty("id").GetGuid();

        var paths = new[]
        {
            BareHub.Path + "/negotiate?negotiateVersion=1",
            $"{RoomFanoutBenchmarkEndpoints.RoomTriggerPath.Replace("{sessionId:guid}", live.ToString())}?messages=3&intervalMs=0",
            RoomFanoutBenchmarkEndpoints.BareTriggerPath + "?messages=3&intervalMs=0",
            RoomFanoutBenchmarkEndpoints.MemoryPath,
            RoomFanoutBenchmarkEndpoints.CollectPath,
            FlashSaleBenchmarkEndpoints.SetupPath + "?buyers=1&quantity=1",
            FlashSaleBenchmarkEndpoints.ReferenceAttemptPath,
        };
        foreach (var path in paths)
        {
            var response = await client.PostAsync(path, new StringContent("{}", System.Text.Encoding.UTF8, "application/json"), Cancel);
            response.StatusCode.ShouldBe(HttpStatusCode.NotFound, path);
        }
    }
}
