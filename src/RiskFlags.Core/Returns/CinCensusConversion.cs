using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Returns;

/// <summary>What a conversion of CIN census returns read, wrote, refused and warned about.</summary>
/// <param name="AssessmentsNotAuthorised">Assessments with no authorisation date: their factors are not known yet, so none were written.</param>
/// <param name="Linked">Children the links placed in a family (the rest are families of their own).</param>
/// <param name="Unborn">Children with an expected birth date only: the contract has no place for them yet.</param>
public sealed record CinCensusConversion(
    int Children, int Referrals, int Contacts, int Assessments, int Factors, int AssessmentsNotAuthorised, int ChildInNeedPlans,
    int Section47Enquiries, int ChildProtectionPlans, int Unborn, IReadOnlyList<string> FilesIgnored, IReadOnlyList<RowError> Rejected, IReadOnlyList<RowError> Warnings, int Linked = 0);
