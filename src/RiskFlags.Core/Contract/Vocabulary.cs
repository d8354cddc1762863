using System.Collections.Frozen;

namespace RiskFlags.Core.Contract;

/// <summary>The controlled vocabulary of data-contract.md: codes, which type belongs to which source, which detail codes each type takes.</summary>
public static class Vocabulary
{
    public static readonly FrozenDictionary<string, EventSource> Sources = new Dictionary<string, EventSource>(StringComparer.OrdinalIgnoreCase)
    {
        ["police"] = EventSource.Police,
        ["school"] = EventSource.School,
        ["health"] = EventSource.Health,
        ["substance_service"] = EventSource.SubstanceService,
        ["housing"] = EventSource.Housing,
        ["social_care"] = EventSource.SocialCare,
        ["early_help"] = EventSource.EarlyHelp,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static readonly FrozenDictionary<string, EventType> Types = new Dictionary<string, EventType>(StringComparer.OrdinalIgnoreCase)
    {
        ["domestic_abuse_incident"] = EventType.DomesticAbuseIncident,
        ["arrest"] = EventType.Arrest,
        ["missing_episode"] = EventType.MissingEpisode,
        ["suspension"] = EventType.Suspension,
        ["permanent_exclusion"] = EventType.PermanentExclusion,
        ["persistent_absence"] = EventType.PersistentAbsence,
        ["ae_attendance"] = EventType.AeAttendance,
        ["maternity_booking"] = EventType.MaternityBooking,
        ["mental_health_contact"] = EventType.MentalHealthContact,
        ["substance_treatment"] = EventType.SubstanceTreatment,
        ["homelessness_application"] = EventType.HomelessnessApplication,
        ["eviction"] = EventType.Eviction,
        ["contact"] = EventType.Contact,
        ["referral"] = EventType.Referral,
        ["child_in_need_plan"] = EventType.ChildInNeedPlan,
        ["child_protection_plan"] = EventType.ChildProtectionPlan,
        ["care_episode"] = EventType.CareEpisode,
        ["early_help_episode"] = EventType.EarlyHelpEpisode,
        ["assessment_factor"] = EventType.AssessmentFactor,
        ["section_47_enquiry"] = EventType.Section47Enquiry,
        ["missing_from_care"] = EventType.MissingFromCare,
        ["care_start_unknown"] = EventType.CareStartUnknown,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static readonly FrozenDictionary<string, PersonRole> Roles = new Dictionary<string, PersonRole>(StringComparer.OrdinalIgnoreCase)
    {
        ["child"] = PersonRole.Child,
        ["mother"] = PersonRole.Mother,
        ["father"] = PersonRole.Father,
        ["carer"] = PersonRole.Carer,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    public static readonly FrozenDictionary<string, Sex> Sexes = new Dictionary<string, Sex>(StringComparer.OrdinalIgnoreCase)
    {
        ["F"] = Sex.Female,
        ["M"] = Sex.Male,
        ["U"] = Sex.Unknown,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly FrozenDictionary<string, EventDetail> DomesticAbuseRoles = Codes(
        ("victim", EventDetail.Victim), ("perpetrator", EventDetail.Perpetrator), ("witness", EventDetail.Witness));

    private static readonly FrozenDictionary<string, EventDetail> Substances = Codes(
        ("alcohol", EventDetail.Alcohol), ("drugs", EventDetail.Drugs), ("both", EventDetail.AlcoholAndDrugs));

    private static readonly FrozenDictionary<string, EventDetail> ProtectionCategories = Codes(
        ("neglect", EventDetail.Neglect), ("physical", EventDetail.Physical), ("emotional", EventDetail.Emotional),
        ("sexual", EventDetail.Sexual), ("multiple", EventDetail.Multiple));

    private static readonly FrozenDictionary<string, EventDetail> LegalStatuses = Codes(
        ("s20", EventDetail.Section20), ("interim_care_order", EventDetail.InterimCareOrder), ("care_order", EventDetail.CareOrder),
        ("placement_order", EventDetail.PlacementOrder), ("police_protection", EventDetail.PoliceProtection), ("remand", EventDetail.Remand),
        ("emergency_protection_order", EventDetail.EmergencyProtectionOrder), ("child_assessment_order", EventDetail.ChildAssessmentOrder), ("youth_justice", EventDetail.YouthJustice),
        ("short_breaks", EventDetail.ShortBreaks));

    /// <summary>
    /// The DfE's factors identified at assessment (CIN census), lower case as the contract keeps codes:
    /// the ones the facts read get their own detail, the rest are kept as recorded. 18A and 19A are
    /// retired (18B/18C, 19B/19C replace them); 21 is "no factors identified".
    /// </summary>
    private static readonly FrozenDictionary<string, EventDetail> AssessmentFactors = Codes(
        [
            ("3a", EventDetail.FactorDomesticAbuse), ("3b", EventDetail.FactorDomesticAbuse), ("3c", EventDetail.FactorDomesticAbuse),
            ("1b", EventDetail.FactorParentalAlcohol), ("1c", EventDetail.FactorParentalAlcohol),
            ("2b", EventDetail.FactorParentalDrugs), ("2c", EventDetail.FactorParentalDrugs),
            ("4b", EventDetail.FactorParentalMentalHealth), ("4c", EventDetail.FactorParentalMentalHealth),
            .. new[]
            {
                "1a", "2a", "4a", "5a", "5b", "5c", "6a", "6b", "6c", "7a", "8b", "8c", "8d", "8e", "8f", "9a", "10a", "11a", "12a", "13a",
                "14a", "15a", "16a", "17a", "18b", "18c", "19b", "19c", "20", "21", "22a", "23a", "24a",
            }.Select(code => (code, EventDetail.Other)),
        ]);

    private static readonly FrozenDictionary<EventType, EventSource> SourceOfType = new Dictionary<EventType, EventSource>
    {
        [EventType.DomesticAbuseIncident] = EventSource.Police,
        [EventType.Arrest] = EventSource.Police,
        [EventType.MissingEpisode] = EventSource.Police,
        [EventType.Suspension] = EventSource.School,
        [EventType.PermanentExclusion] = EventSource.School,
        [EventType.PersistentAbsence] = EventSource.School,
        [EventType.AeAttendance] = EventSource.Health,
        [EventType.MaternityBooking] = EventSource.Health,
        [EventType.MentalHealthContact] = EventSource.Health,
        [EventType.SubstanceTreatment] = EventSource.SubstanceService,
        [EventType.HomelessnessApplication] = EventSource.Housing,
        [EventType.Eviction] = EventSource.Housing,
        [EventType.Contact] = EventSource.SocialCare,
        [EventType.Referral] = EventSource.SocialCare,
        [EventType.ChildInNeedPlan] = EventSource.SocialCare,
        [EventType.ChildProtectionPlan] = EventSource.SocialCare,
        [EventType.CareEpisode] = EventSource.SocialCare,
        [EventType.EarlyHelpEpisode] = EventSource.EarlyHelp,
        [EventType.AssessmentFactor] = EventSource.SocialCare,
        [EventType.Section47Enquiry] = EventSource.SocialCare,
        [EventType.MissingFromCare] = EventSource.SocialCare,
        [EventType.CareStartUnknown] = EventSource.SocialCare,
    }.ToFrozenDictionary();

    private static readonly string[] SourceCodes = Sources.OrderBy(p => p.Value).Select(p => p.Key).ToArray();
    private static readonly string[] TypeCodes = Types.OrderBy(p => p.Value).Select(p => p.Key).ToArray();

    public static string Code(this EventSource source) => SourceCodes[(int)source];

    public static string Code(this EventType type) => TypeCodes[(int)type];

    public static string Code(this PersonRole role) => role.ToString().ToLowerInvariant();

    public static string Code(this Sex sex) => sex switch
    {
        Sex.Female => "F",
        Sex.Male => "M",
        _ => "U",
    };

    public static EventSource SourceOf(EventType type) => SourceOfType[type];

    /// <summary>Plans, care, treatment and early help are episodes: they have a start (date) and may have an end_date.</summary>
    public static bool IsEpisode(EventType type) => type is EventType.SubstanceTreatment or EventType.ChildInNeedPlan
        or EventType.ChildProtectionPlan or EventType.CareEpisode or EventType.EarlyHelpEpisode;

    public static IEnumerable<string> TypeCodesOf(EventSource source) =>
        TypeCodes.Where(code => SourceOfType[Types[code]] == source);

    /// <summary>
    /// Parses a detail cell for a type. Returns false with a reason when the code is not allowed.
    /// An empty cell is "unknown" and always allowed. The normalised code is lower case.
    /// </summary>
    public static bool TryParseDetail(EventType type, string cell, out EventDetail detail, out string normalised, out string? reason)
    {
        detail = EventDetail.None;
        normalised = cell.ToLowerInvariant();
        reason = null;
        if (cell.Length == 0)
        {
            normalised = "";
            return true;
        }

        switch (type)
        {
            case EventType.DomesticAbuseIncident:
                return Lookup(DomesticAbuseRoles, normalised, "a domestic abuse role", out detail, out reason);
            case EventType.SubstanceTreatment:
                return Lookup(Substances, normalised, "a substance", out detail, out reason);
            case EventType.ChildProtectionPlan:
                return Lookup(ProtectionCategories, normalised, "a child protection category", out detail, out reason);
            case EventType.AssessmentFactor:
                return Lookup(AssessmentFactors, normalised, "a DfE assessment factor code", out detail, out reason);
            case EventType.CareEpisode:
                var slash = normalised.IndexOf('/', StringComparison.Ordinal);
                var status = slash < 0 ? normalised : normalised[..slash];
                if (!Lookup(LegalStatuses, status, "a legal status", out detail, out reason))
                {
                    return false;
                }

                if (slash >= 0 && !IsCodeToken(normalised.AsSpan(slash + 1)))
                {
                    reason = $"'{ContractFields.Shorten(cell)}': the end reason after '/' must be a short code such as returned_home, adopted, sgo or turned_18";
                    return false;
                }

                return true;
            default:
                if (!IsCodeToken(normalised))
                {
                    reason = $"'{ContractFields.Shorten(cell)}' is not a short code (letters, digits and underscores, at most 32): free text is not accepted";
                    return false;
                }

                detail = EventDetail.Other;
                return true;
        }
    }

    private static bool Lookup(FrozenDictionary<string, EventDetail> codes, string code, string what, out EventDetail detail, out string? reason)
    {
        if (codes.TryGetValue(code, out detail))
        {
            reason = null;
            return true;
        }

        reason = $"'{ContractFields.Shorten(code)}' is not {what}; expected one of {string.Join(", ", codes.Keys.Order(StringComparer.Ordinal))}";
        return false;
    }

    private static bool IsCodeToken(ReadOnlySpan<char> text)
    {
        if (text.IsEmpty || text.Length > 32)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_' || c == '-'))
            {
                return false;
            }
        }

        return true;
    }

    private static FrozenDictionary<string, EventDetail> Codes(params (string Code, EventDetail Detail)[] codes) =>
        codes.ToDictionary(c => c.Code, c => c.Detail, StringComparer.Ordinal).ToFrozenDictionary(StringComparer.Ordinal);
}
