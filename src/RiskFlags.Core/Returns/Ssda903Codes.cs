namespace RiskFlags.Core.Returns;

/// <summary>The SSDA903 code lists (standards.md 1.2) mapped onto the contract's legal statuses and end reasons.</summary>
public static class Ssda903Codes
{
    /// <summary>LS to the contract's legal status (V3/V4 short breaks are short_breaks: never a removal); null for an unknown code.</summary>
    public static string? LegalStatus(string code) => code.Trim().ToUpperInvariant() switch
    {
        "C1" => "interim_care_order",
        "C2" => "care_order",
        "D1" or "E1" => "placement_order",
        "V2" => "s20",
        "L1" => "police_protection",
        "J1" => "remand",
        "L2" => "emergency_protection_order",
        "L3" => "child_assessment_order",
        "J2" or "J3" => "youth_justice",
        "V3" or "V4" => "short_breaks",
        _ => null,
    };

    /// <summary>Whether the code is a known LS at all.</summary>
    public static bool IsLegalStatus(string code) => code.Trim().ToUpperInvariant() is "C1" or "C2" or "D1" or "E1" or "V2" or "V3" or "V4" or "L1" or "L2" or "L3" or "J1" or "J2" or "J3";

    /// <summary>REC to the contract's end reason; a leaving-care code E5-E8 on or after the 18th birthday is turning 18 (DfE: age is deduced from the date of birth).</summary>
    public static string? EndReason(string code, DateOnly? end, DateOnly? birth)
    {
        var rec = code.Trim().ToUpperInvariant();
        if (rec is "E5" or "E6" or "E7" or "E8" && end is { } ended && birth is { } born && ended >= born.AddYears(18))
        {
            return "turned_18";
        }

        return rec switch
        {
            "E11" or "E12" => "adopted",
            "E4A" or "E4B" or "E13" => "returned_home",
            "E41" => "child_arrangements_order",
            "E45" or "E46" or "E47" or "E48" => "sgo",
            "E17" => "turned_18",
            "E5" or "E6" => "independent_living",
            "E2" => "died",
            "E3" => "transferred_la",
            "E7" => "adult_social_care",
            "E9" => "custody",
            "E14" => "remand_ended",
            "E15" => "age_assessed_adult",
            "E16" => "moved_abroad",
            "E8" => "other",
            "E99" => "unknown",
            _ => null,
        };
    }

    /// <summary>V3/V4: an agreed series of short breaks, respite that is never a removal, never looked after and never an outcome.</summary>
    public static bool IsShortBreak(string code) => code.Trim().ToUpperInvariant() is "V3" or "V4" or "SHORT_BREAKS";

    /// <summary>An E-code: the child ceased to be looked after (X1 is a change within care).</summary>
    public static bool EndsCare(string? rec) => rec is { Length: > 0 } r && r.Trim().StartsWith('E');
}
