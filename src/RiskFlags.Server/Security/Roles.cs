namespace RiskFlags.Server.Security;

/// <summary>The four roles (architecture.md), and who may call what.</summary>
public static class Roles
{
    public const string MashWorker = "mash_worker";
    public const string EarlyHelpManager = "early_help_manager";
    public const string DataScientist = "data_scientist";
    public const string Admin = "admin";

    /// <summary>Every role, in the order the audit log lists a caller's roles.</summary>
    public static readonly IReadOnlyList<string> Ordered = [Admin, EarlyHelpManager, MashWorker, DataScientist];

    public static readonly IReadOnlySet<string> All = new HashSet<string>(Ordered, StringComparer.Ordinal);

    /// <summary>Those who read and act on one family: the front door, early help managers, admins.</summary>
    public const string FamilyWork = $"{MashWorker},{EarlyHelpManager},{Admin}";

    /// <summary>Those who review whole cohorts.</summary>
    public const string CohortReview = $"{EarlyHelpManager},{Admin}";

    /// <summary>Those who read the model's internals.</summary>
    public const string ModelInternals = $"{DataScientist},{Admin}";
}
