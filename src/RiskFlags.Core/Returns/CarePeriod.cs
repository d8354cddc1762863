namespace RiskFlags.Core.Returns;

/// <summary>
/// A period of care built from 903 episodes: one continuous spell of being looked after, which is what
/// the contract's care_episode is. Its legal status is the first episode's (known at the start); it is
/// open when its last episode has no DEC; <see cref="LeftCensored"/> when its first episode in the data is
/// not a start (RNE S), so its true start is before the data and no fact may rest on its start date.
/// </summary>
public sealed record CarePeriod(string Child, DateOnly Start, DateOnly? End, string LegalStatus, string? EndReason, bool LeftCensored, int Episodes)
{
    /// <summary>The contract's detail: legal status, and the end reason after a slash once the period has ended.</summary>
    public string Detail => End is null || EndReason is null ? LegalStatus : $"{LegalStatus}/{EndReason}";
}
