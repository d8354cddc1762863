namespace RiskFlags.Core.Scoring;

/// <summary>The model a running process scores with; a reload only replaces it with a model that loads and matches.</summary>
public sealed class LiveModel(RiskModel initial)
{
    private RiskModel current = initial;

    public RiskModel Current => Volatile.Read(ref current);

    /// <returns>The live model after the attempt, and why a new one was refused (null when it went live).</returns>
    public (RiskModel Live, string? Problem) Reload(string? path = null)
    {
        try
        {
            var loaded = RiskModel.Load(path ?? Current.Path);
            Volatile.Write(ref current, loaded);
            return (loaded, null);
        }
        catch (ModelLoadException e)
        {
            return (Current, e.Message);
        }
    }
}
