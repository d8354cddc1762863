namespace RiskFlags.Cli.Commands;

/// <summary>Calls back on the reporting thread, unlike Progress&lt;T&gt;, which posts to the thread pool and can reorder.</summary>
internal sealed class DirectProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
