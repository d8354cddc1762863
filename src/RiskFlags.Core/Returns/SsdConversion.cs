using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Returns;

/// <summary>What a conversion of Standard Safeguarding Dataset tables read, wrote and refused.</summary>
/// <param name="AssessmentsNotAuthorised">Assessments with no authorisation date: their factors are not known yet, so none were written.</param>
public sealed record SsdConversion(
    int People, int Mothers, int Families, int Events, int CarePeriods, int LeftCensored, int AssessmentsNotAuthorised,
    IReadOnlyList<string> TablesRead, IReadOnlyList<string> FilesIgnored, IReadOnlyList<RowError> Rejected);
