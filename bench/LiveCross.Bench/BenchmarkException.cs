namespace LiveCross.Bench;

/// <summary>The benchmark cannot run or measured something wrong; the message says what to do.</summary>
public sealed class BenchmarkException(string message) : Exception(message);
