using System.Diagnostics;
using System.Numerics.Tensors;

namespace LiveCross.Domain.Recommendations;

/// <summary>Settings of implicit ALS; the defaults are what the offline evaluation was tuned with.</summary>
public sealed record AlsSettings
{
    public int Factors { get; init; } = 64;
    public int Iterations { get; init; } = 12;
    public float Regularization { get; init; } = 20f;

    /// <summary>Conjugate-gradient steps per row and sweep, warm-started from the previous sweep (3 is what implicit uses).</summary>
    public int ConjugateGradientSteps { get; init; } = 3;

    public int? MaxDegreeOfParallelism { get; init; }
}

/// <summary>Learned shopper and item vectors, row-major (<see cref="Factors"/> floats per row).</summary>
public sealed class AlsFactors(int factors, float[] userFactors, float[] itemFactors)
{
    public int Factors { get; } = factors;

    public ReadOnlySpan<float> User(int user) => userFactors.AsSpan(user * Factors, Factors);

    public ReadOnlySpan<float> Item(int item) => itemFactors.AsSpan(item * Factors, Factors);

    public float Score(int user, int item) => TensorPrimitives.Dot(User(user), Item(item));
}

public readonly record struct AlsIteration(int Number, TimeSpan Duration);

/// <summary>
/// Matrix factorisation for implicit feedback (Hu, Koren and Volinsky, "Collaborative Filtering for Implicit Feedback
/// Datasets", 2008): every shopper × item cell is a preference p (1 where they interacted, else 0) held with confidence
/// c = 1 + α·log(1 + strength/ε), and the loss Σ c·(p − xᵀy)² + λ(|x|² + |y|²) is minimised by alternating least squares.
/// Each row's normal equations (YᵀY + Yᵀ(C − I)Y + λI) x = YᵀCp are solved by a few conjugate-gradient steps started
/// from the previous solution (Takács, Pilászy and Tikk 2011, as in benfred/implicit), which costs
/// O(steps·(f² + n·f)) per row instead of a Cholesky factorisation's O(f³ + n·f²). YᵀY is computed once per sweep, so
/// the zero cells are never touched.
/// </summary>
public static class ImplicitAls
{
    public static AlsFactors Train(
        InteractionMatrix matrix, FeedbackWeights weights, AlsSettings settings, int seed,
        Action<AlsIteration>? onIteration = null, CancellationToken cancellationToken = default)
    {
        var f = settings.Factors;
        var users = matrix.Users.Count;
        var items = matrix.ItemCount;
        var random = new Random(seed);
        var userFactors = new float[users * f];
        var itemFactors = new float[items * f];
        for (var n = 0; n < itemFactors.Length; n++) itemFactors[n] = (float)(random.NextDouble() * 0.01);
        for (var n = 0; n < userFactors.Length; n++) userFactors[n] = (float)(random.NextDouble() * 0.01);

        var userConfidence = matrix.UserStrength.Select(weights.Confidence).ToArray();
        var itemConfidence = matrix.ItemStrength.Select(weights.Confidence).ToArray();
        var parallel = new ParallelOptions
        {
            CancellationToken = cancellationToken,
            MaxDegreeOfParallelism = settings.MaxDegreeOfParallelism ?? Environment.ProcessorCount,
        };

        for (var iteration = 1; iteration <= settings.Iterations; iteration++)
        {
            var started = Stopwatch.GetTimestamp();
            Sweep(userFactors, itemFactors, f, matrix.UserStart, matrix.UserItems, userConfidence, settings, parallel);
            Sweep(itemFactors, userFactors, f, matrix.ItemStart, matrix.ItemUsers, itemConfidence, settings, parallel);
            onIteration?.Invoke(new AlsIteration(iteration, Stopwatch.GetElapsedTime(started)));
        }
        return new AlsFactors(f, userFactors, itemFactors);
    }

    /// <summary>Solves every row of <paramref name="solved"/> with <paramref name="fixedSide"/> held fixed.</summary>
    private static void Sweep(
        float[] solved, float[] fixedSide, int f, int[] rowStart, int[] columns, float[] confidence,
        AlsSettings settings, ParallelOptions parallel)
    {
        var gram = Gram(fixedSide, f, settings.Regularization, parallel);
        var rows = rowStart.Length - 1;
        var chunk = Math.Max(64, rows / (parallel.MaxDegreeOfParallelism * 8));
        Parallel.For(0, (rows + chunk - 1) / chunk, parallel, () => new Scratch(f), (block, _, scratch) =>
        {
            var end = Math.Min(rows, (block + 1) * chunk);
            for (var row = block * chunk; row < end; row++)
            {
                SolveRow(solved.AsSpan(row * f, f), fixedSide, f, columns, confidence, rowStart[row], rowStart[row + 1], gram, settings.ConjugateGradientSteps, scratch);
            }
            return scratch;
        }, _ => { });
    }

    private sealed class Scratch(int f)
    {
        public readonly float[] Residual = new float[f];
        public readonly float[] Direction = new float[f];
        public readonly float[] Product = new float[f];
    }

    private static void SolveRow(
        Span<float> x, float[] fixedSide, int f, int[] columns, float[] confidence, int from, int to,
        float[] gram, int steps, Scratch scratch)
    {
        var r = scratch.Residual.AsSpan();
        var p = scratch.Direction.AsSpan();
        var ap = scratch.Product.AsSpan();

        // r = YᵀCp − (YᵀY + λI)x − Yᵀ(C − I)Yx, summed only over this row's non-zero cells.
        MultiplyGram(gram, x, r, f);
        TensorPrimitives.Negate(r, r);
        for (var n = from; n < to; n++)
        {
            var y = fixedSide.AsSpan(columns[n] * f, f);
            var c = confidence[n];
            TensorPrimitives.MultiplyAdd(y, c - (c - 1f) * TensorPrimitives.Dot(y, x), r, r);
        }
        r.CopyTo(p);
        var residualNorm = TensorPrimitives.Dot(r, r);
        for (var step = 0; step < steps && residualNorm > 1e-20f; step++)
        {
            MultiplyGram(gram, p, ap, f);
            for (var n = from; n < to; n++)
            {
                var y = fixedSide.AsSpan(columns[n] * f, f);
                TensorPrimitives.MultiplyAdd(y, (confidence[n] - 1f) * TensorPrimitives.Dot(y, p), ap, ap);
            }
            var curvature = TensorPrimitives.Dot(p, ap);
            if (curvature <= 0f) break;
            var alpha = residualNorm / curvature;
            TensorPrimitives.MultiplyAdd(p, alpha, x, x);
            TensorPrimitives.MultiplyAdd(ap, -alpha, r, r);
            var next = TensorPrimitives.Dot(r, r);
            TensorPrimitives.MultiplyAdd(p, next / residualNorm, r, p);
            residualNorm = next;
        }
    }

    private static void MultiplyGram(float[] gram, ReadOnlySpan<float> vector, Span<float> result, int f)
    {
        for (var a = 0; a < f; a++) result[a] = TensorPrimitives.Dot(gram.AsSpan(a * f, f), vector);
    }

    /// <summary>
    /// YᵀY + λI over all rows of <paramref name="factors"/>. Blocks of a fixed size are summed in parallel and then added
    /// in block order, so the result (and so the whole model) is the same bit for bit on any number of cores.
    /// </summary>
    private static float[] Gram(float[] factors, int f, float regularization, ParallelOptions parallel)
    {
        const int BlockRows = 1024;
        var rows = factors.Length / f;
        var partials = new float[(rows + BlockRows - 1) / BlockRows][];
        Parallel.For(0, partials.Length, parallel, block =>
        {
            var partial = new float[f * f];
            var end = Math.Min(rows, (block + 1) * BlockRows);
            for (var row = block * BlockRows; row < end; row++)
            {
                var y = factors.AsSpan(row * f, f);
                for (var a = 0; a < f; a++)
                {
                    var line = partial.AsSpan(a * f, f);
                    TensorPrimitives.MultiplyAdd(y, y[a], line, line);
                }
            }
            partials[block] = partial;
        });
        var gram = new float[f * f];
        foreach (var partial in partials) TensorPrimitives.Add(gram, partial, gram);
        for (var a = 0; a < f; a++) gram[a * f + a] += regularization;
        return gram;
    }
}
