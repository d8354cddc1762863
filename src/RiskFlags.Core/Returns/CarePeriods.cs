namespace RiskFlags.Core.Returns;

/// <summary>
/// Joins a child's 903 episodes into periods of care (standards.md 1.3): a period starts at an episode
/// with RNE S and runs through episodes ended X1 to the first episode ended with an E-code; a blank DEC
/// means the episode is open whatever REC says; a gap between one episode's DEC and the next DECOM starts
/// a new period (the one before ended on its DEC, for a reason the data do not give). Several years of returns repeat episodes: one per child and DECOM is kept, the later
/// YEAR winning (a later return knows how an episode ended).
/// </summary>
public static class CarePeriods
{
    public static IReadOnlyList<CarePeriod> Build(IEnumerable<Ssda903Episode> episodes, IReadOnlyDictionary<string, DateOnly>? birthDates = null)
    {
        var periods = new List<CarePeriod>();
        foreach (var child in Deduplicate(episodes).GroupBy(e => e.Child, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal))
        {
            var birth = birthDates?.GetValueOrDefault(child.Key) is { } b && b != default ? b : (DateOnly?)null;
            Ssda903Episode? first = null, last = null;
            var count = 0;
            void Close()
            {
                if (first is null || last is null)
                {
                    return;
                }

                // Ended when the last episode has a DEC: with an E-code, for that reason; with X1 but no episode
                // continuing it (a gap, or a new start), on that day for a reason the data do not give.
                var end = last.End;
                var reason = end is null ? null
                    : Ssda903Codes.EndsCare(last.EndReason) ? Ssda903Codes.EndReason(last.EndReason!, end, birth) ?? last.EndReason!.Trim().ToUpperInvariant()
                    : "unknown";
                periods.Add(new CarePeriod(child.Key, first.Start, end,
                    Ssda903Codes.LegalStatus(first.LegalStatus) ?? first.LegalStatus.Trim().ToUpperInvariant(),
                    reason,
                    !string.Equals(first.Reason.Trim(), "S", StringComparison.OrdinalIgnoreCase), count));
                first = null;
                count = 0;
            }

            foreach (var e in child.OrderBy(e => e.Start))
            {
                var continues = last is not null && first is not null && last.End is { } previousEnd && previousEnd == e.Start
                    && !Ssda903Codes.EndsCare(last.EndReason) && !string.Equals(e.Reason.Trim(), "S", StringComparison.OrdinalIgnoreCase);
                if (!continues)
                {
                    Close();
                    first = e;
                }

                last = e;
                count++;
                if (e.End is null)
                {
                    // Open whatever REC says: nothing after it belongs to this period.
                    Close();
                }
            }

            Close();
        }

        return periods;
    }

    /// <summary>One episode per child and start: the one from the latest collection year (or, with no years, the last given).</summary>
    private static IEnumerable<Ssda903Episode> Deduplicate(IEnumerable<Ssda903Episode> episodes) =>
        episodes.Select((e, i) => (Episode: e, Order: i))
            .GroupBy(x => (x.Episode.Child, x.Episode.Start))
            .Select(g => g.OrderBy(x => x.Episode.Year ?? int.MinValue).ThenBy(x => x.Order).Last().Episode);
}
