using LiveCross.Bench;

// Load benchmarks of the real server, each against a minimal reference endpoint in the same run.
// Build first (dotnet build -c Release), then: dotnet run -c Release --project bench/LiveCross.Bench -- catalog
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("""
        usage: LiveCross.Bench flash-engine [--attempts N ...]
               LiveCross.Bench events-ingest [--clients N] [--batches N] [--max-seconds S]
               LiveCross.Bench flash-http [--connections N] [--quantity N] [--duration S] [--rounds N]
               LiveCross.Bench room-fanout [--viewers N] [--burst N] [--paced N] [--interval-ms MS] [--rounds N] [--client lean|signalr]
               LiveCross.Bench flash-hub [--buyers N] [--quantity N] [--duration S] [--warmup S] [--rounds N]
               LiveCross.Bench catalog|quote-http [--duration SECONDS] [--warmup SECONDS] [--connections N] [--rounds N]
               LiveCross.Bench recs [--users N] [--items N] [--seed S] [--factors F] [--iterations I]
               LiveCross.Bench quote [BenchmarkDotNet options, e.g. --filter * --job short]
          catalog     GET /api/v1/products?market=DE&locale=de against /bench/reference/products (same bytes,
                      precomputed), wrk -t1 -cN, alternating reference and real ROUNDS times.
          quote       BenchmarkDotNet, in-process: a 3-line landed-cost quote for DE, GB, US, CA, BR (target ≤ 2 µs).
          quote-http  POST /api/v1/quotes/landed-cost (3 described items) against POST /bench/reference/quote,
                      wrk -t1 -cN with a Lua script for the body (target ≥ 0.5× the reference's req/s).
          flash-http  POST /api/v1/flash-sales/{id}/attempts from N signed-in buyers (one per connection, default 2000)
                      against POST /bench/reference/attempt, wrk with a Lua script [--quantity N] (target ≥ 0.5×).
          room-fanout  room broadcast (chat, counters, stock) to N viewers (default 5,000) of the demo live room against a
                      bare SignalR hub with N more, WebSockets from this process; a burst (deliveries/s, target ≥ 0.7×),
                      a paced stream (p99 latency, target < 200 ms), server memory per viewer (target < 35 KB).
                      Viewers are raw WebSockets speaking the JSON hub protocol (lean, the default) or SignalR clients.
          flash-hub   RoomHub.AttemptFlashSale from N signed-in buyers (default 2,000), one connection each, against the
                      bare hub's fixed answer (target ≥ 0.5× its attempts/s); then claimed = claims = Accepted answers.
          flash-engine  the flash-sale engine in-process on SQLite against the naive one-transaction-per-attempt design,
                      same attempts, same run [--attempts N --quantity N --concurrency N --naive-seconds N]
                      (targets ≥ 100,000 attempts/s and ≥ 50× naive on the hot sale).
          recs        implicit ALS on ~1M generated events (seconds per iteration, per 1M shopper-item pairs, target ≤ 2.2 s
                      at 64 factors), then the offline evaluation table (blend NDCG@10 ≥ 1.5× popularity and ≥ 1.0×
                      item-to-item) [--users N --items N --seed S --factors F --iterations I]
          events-ingest  POST /api/v1/events, 500-event batches from N loopback clients (default 8, 600 batches), then the
                      writer is flushed and the DuckDB table counted: stored = accepted (target ≥ 50,000 events/s).
        exit codes: 0 targets met, 1 a target missed, 2 the benchmark could not run or a response was wrong.
        """);
    return args.Length == 0 ? 2 : 0;
}

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // let the finally blocks stop the server
    stop.Cancel();
};

try
{
    return args[0] switch
    {
        "catalog" => await CatalogBenchmark.RunAsync(CatalogBenchmark.Settings.Parse(args[1..]), stop.Token),
        "quote" => QuoteBenchmarks.Run(args.Length > 1 ? args[1..] : ["--filter", "*"]),
        "quote-http" => await QuoteHttpBenchmark.RunAsync(CatalogBenchmark.Settings.Parse(args[1..]), stop.Token),
        "flash-http" => await FlashSaleHttpBenchmark.RunAsync(args[1..], stop.Token),
        "room-fanout" => await RoomFanoutBenchmark.RunAsync(args[1..], stop.Token),
        "flash-hub" => await FlashSaleHubBenchmark.RunAsync(args[1..], stop.Token),
        "flash-engine" => await FlashSaleEngineBenchmark.RunAsync(FlashSaleEngineBenchmark.Settings.Parse(args[1..]), stop.Token),
        "recs" => RecommendationBenchmark.Run(args[1..], stop.Token),
        "events-ingest" => await EventsIngestBenchmark.RunAsync(args[1..], stop.Token),
        _ => Fail($"Unknown benchmark '{args[0]}'. Known: catalog, quote, quote-http, flash-http, flash-hub, flash-engine, room-fanout, recs, events-ingest."),
    };
}
catch (BenchmarkException e)
{
    return Fail(e.Message);
}
catch (OperationCanceledException) when (stop.IsCancellationRequested)
{
    return Fail("Stopped.");
}

static int Fail(string message)
{
    Console.Error.WriteLine($"bench: {message}");
    return 2;
}
