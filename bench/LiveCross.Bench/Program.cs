using LiveCross.Bench;

// Load benchmarks of the real server, each against a minimal reference endpoint in the same run.
// Build first (dotnet build -c Release), then: dotnet run -c Release --project bench/LiveCross.Bench -- catalog
if (args.Length == 0 || args[0] is "-h" or "--help")
{
    Console.WriteLine("""
        usage: LiveCross.Bench catalog [--duration SECONDS] [--warmup SECONDS] [--connections N] [--rounds N]
          catalog   GET /api/v1/products?market=DE&locale=de against /bench/reference/products (same bytes,
                    precomputed), wrk -t1 -cN, alternating reference and real ROUNDS times.
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
        _ => Fail($"Unknown benchmark '{args[0]}'. Known: catalog."),
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
