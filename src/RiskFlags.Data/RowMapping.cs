using System.Globalization;
using RiskFlags.Core.Contract;
using RiskFlags.Core.Facts;

namespace RiskFlags.Data;

/// <summary>Between stored rows (codes as text, as in the CSV) and the contract's typed records.</summary>
public static class RowMapping
{
    public static FamilyRecord ToRecord(this FamilyRow row) => new(row.FamilyId, row.LocalArea, row.DeprivationDecile);

    public static PersonRecord ToRecord(this PersonRow row) => new(
        row.PersonId,
        row.FamilyId,
        Vocabulary.Roles[row.Role],
        row.BirthDate,
        row.Sex is null ? null : Vocabulary.Sexes[row.Sex],
        row.Ethnicity,
        row.CareExperienced,
        row.Uasc);

    public static PersonEvent ToPersonEvent(EventType type, DateOnly date, DateOnly? end, string? detail)
    {
        var code = EventDetail.None;
        if (detail is not null && !Vocabulary.TryParseDetail(type, detail, out code, out _, out var reason))
        {
            throw new InvalidDataException($"stored event of type {type.Code()} has detail '{detail}': {reason}");
        }

        return new PersonEvent(date, end, type, code);
    }

    public static EventType ParseType(string type) =>
        Vocabulary.Types.TryGetValue(type, out var parsed)
            ? parsed
            : throw new InvalidDataException($"stored event type '{type}' is not in the contract's vocabulary");

    public static string Iso(this DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
