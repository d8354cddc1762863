namespace RiskFlags.Load;

/// <summary>Latencies and outcomes of one stream since the last report; the reporter swaps it for a fresh one.</summary>
public sealed class LatencyWindow
{
    public List<long> Ticks { get; } = new(1 << 14);

    public Dictionary<string, int> Outcomes { get; } = new(StringComparer.Ordinal);

    public void Add(string outcome, long ticks)
    {
        Ticks.Add(ticks);
        Outcomes[outcome] = Outcomes.GetValueOrDefault(outcome) + 1;
    }
}
