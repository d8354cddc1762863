using System.Text;

namespace RiskFlags.Training;

/// <summary>
/// The data protection impact assessment's usual questions (ICO), each with what RiskFlags already does
/// and what is the council's to decide: written beside the ATRS record for the council's DPIA.
/// </summary>
public static class DpiaChecklist
{
    public const string FileName = "dpia-checklist.md";

    private static readonly (string Item, string Product, string Council)[] Items =
    [
        ("Describe the processing: nature, scope, context, purposes", "The ATRS record (description, deployment context, data) and the model card describe them.", "Confirm them for your authority."),
        ("Lawful basis (UK GDPR Art. 6) and special category conditions (Art. 9)", "None assumed.", "State them, and the data sharing agreements with each partner."),
        ("Necessity and proportionality; data minimisation", $"The model reads {Core.Scoring.FeatureVector.Count} features from dated events; never ethnicity, sex, local area or ids. Ids are pseudonymised before import.", "Confirm each partner's feed is needed."),
        ("Accuracy", "Every import rejects rows that break the contract and says where; the card gives AUC, calibration and precision at each programme's places with 95% intervals, against baselines.", "Decide the bar a model must clear before it goes live."),
        ("Solely automated decisions (Art. 22)", "None: every suggestion is decided by a named worker (accept, decline with a reason, defer), and recorded.", "Describe the appeal route in the ATRS record (appeals_and_review)."),
        ("Fairness and equality (PSED)", "The card's fairness audit: selection, error rates and calibration by ethnicity and deprivation decile as ratios with intervals, the 0.8-1.25 band marked; small groups said to be too small.", "Complete an equality impact assessment and decide what a disparity outside the band requires."),
        ("Transparency to families", "Each suggestion carries its reasons; the ATRS record is generated from the running model and rules.", "Publish the record and a privacy notice."),
        ("Security and access", "Roles (MASH worker, early help manager, data scientist, admin) by API key or single sign-on; Production refuses plain HTTP beyond loopback; no personal data in logs (ids only).", "Run it on your infrastructure under your security policy."),
        ("Accountability: who saw what", "Every read of a family's data, refused and failed ones too, is in the audit log with the caller.", "Decide who reviews the audit log, and how often."),
        ("Retention", "Records stay until the council removes them.", "Set the retention period (ATRS retention_period) and how audit rows are kept."),
        ("Monitoring after deployment", "riskflags monitor and the service's status check the live model for drift (population stability index; past 0.25 is drift).", "Set the review schedule and who retrains."),
        ("Demo and test data", "Synthetic data are loaded only in Development and marked; Production refuses a demo store.", "Never point a Production service at a demo store."),
    ];

    public static string ToMarkdown()
    {
        var md = new StringBuilder("# DPIA checklist: RiskFlags\n\nFor the council's data protection impact assessment: each item, what the product already does, and what is yours to decide.\n\n| item | what RiskFlags does | for the council |\n|---|---|---|\n");
        foreach (var (item, product, council) in Items)
        {
            md.Append($"| {item} | {product} | {council} |\n");
        }

        return md.ToString();
    }
}
