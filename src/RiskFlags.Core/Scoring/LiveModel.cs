namespace RiskFlags.Core.Scoring;

/// <summary>
/// The model a running process scores with. Only a model that loaded and matched this build is ever
/// put live; in the server, only the store's published model (the model registry).
/// </summary>
public sealed class LiveModel(RiskModel initial)
{
    private RiskModel current = initial;

    public RiskModel Current => Volatile.Read(ref current);

    /// <summary>Puts a loaded model live; requests already scoring finish with the one they started with.</summary>
    public void Replace(RiskModel model) => Volatile.Write(ref current, model);
}
