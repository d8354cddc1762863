using System.Globalization;
using RiskFlags.Core.Contract;
using RiskFlags.Data;
using RiskFlags.Server.Hosting;

namespace RiskFlags.Server.Services;

/// <summary>Request dates: ISO dates from 1900 to today; empty means the date the store's data run to.</summary>
public sealed class RequestDates(StoreView store, TimeProvider time)
{
    public async Task<RequestDate> AsOfAsync(string text, RiskFlagsDbContext db, CancellationToken cancellationToken) =>
        AsOf(text, await store.GetAsync(db, cancellationToken));

    /// <summary>The date asked about, against a snapshot of the store the caller already holds.</summary>
    public RequestDate AsOf(string text, StoreSnapshot snapshot)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var end = snapshot.DataEnd ?? today;
        if (string.IsNullOrWhiteSpace(text))
        {
            return new RequestDate(end, IsDataEnd: true);
        }

        if (!DateOnly.TryParseExact(text.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            throw RpcErrors.Invalid("as_of", $"{RpcErrors.Quote(text)} is not a date (YYYY-MM-DD)");
        }

        if (date < ContractFields.EarliestDate || date > today)
        {
            throw RpcErrors.Invalid("as_of", $"{ContractFields.Iso(date)} is outside {ContractFields.Iso(ContractFields.EarliestDate)} to today ({ContractFields.Iso(today)})");
        }

        return new RequestDate(date, date == end);
    }
}
