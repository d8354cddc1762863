namespace RiskFlags.Core.DemoData;

/// <summary>
/// Random draws for the generator. Each family gets its own stream derived from the run's seed
/// and the family's index, so families can be simulated in parallel and the bytes written still
/// depend on the seed alone.
/// </summary>
internal sealed class SeededRandom(int seed)
{
    private readonly Random random = new(seed);

    /// <summary>A stream for one item of a seeded run (SplitMix64 finaliser, so neighbouring indexes are unrelated).</summary>
    public static SeededRandom For(int runSeed, int index)
    {
        var z = unchecked(((ulong)(uint)runSeed << 32) ^ (ulong)(uint)index) + 0x9E3779B97F4A7C15UL;
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        z ^= z >> 31;
        return new SeededRandom(unchecked((int)z));
    }

    public double Uniform() => random.NextDouble();

    public bool Chance(double probability) => random.NextDouble() < probability;

    /// <summary>An integer in [min, max].</summary>
    public int Between(int min, int max) => random.Next(min, max + 1);

    public double Normal()
    {
        // Box-Muller: two uniforms give one standard normal draw.
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    public int Poisson(double mean)
    {
        // Knuth's method: the means here are small (well under 10).
        var limit = Math.Exp(-mean);
        var k = 0;
        var product = random.NextDouble();
        while (product > limit)
        {
            k++;
            product *= random.NextDouble();
        }

        return k;
    }

    /// <summary>Picks an index with probability proportional to its weight.</summary>
    public int Pick(IReadOnlyList<double> weights)
    {
        var total = weights.Sum();
        var r = random.NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            r -= weights[i];
            if (r < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    public T Pick<T>(IReadOnlyList<(T Value, double Weight)> choices) => choices[Pick(choices.Select(c => c.Weight).ToArray())].Value;

    public static double Sigmoid(double x) => 1.0 / (1.0 + Math.Exp(-x));
}
