using System.Globalization;
using System.Xml.Linq;
using RiskFlags.Core.Contract;

namespace RiskFlags.Core.Returns;

/// <summary>
/// Converts Children in Need census XML (one or several years) into the contract's files: each Child a
/// person in a family of its own (the census links no child to a parent); each referral a referral, or
/// a contact when it was closed with no further action; CIN plans, section 47 enquiries and child
/// protection plans (with the initial category of abuse, known at the start); and each factor
/// identified at an assessment an assessment_factor dated when the assessment was authorised, never
/// earlier, so no fact knows a factor before the social worker signed it off. Files are recognised by
/// their root element. A record that cannot be read is rejected naming file, line and field; an
/// inconsistent but readable one converts with a warning; the rest still converts.
/// </summary>
public static class CinCensusConverter
{
    public const string IdPrefix = "cin:";

    /// <summary>"No factors identified": it makes no event.</summary>
    public const string NoFactors = "21";

    private static readonly Dictionary<string, string> Categories = new(StringComparer.OrdinalIgnoreCase)
    {
        ["NEG"] = "neglect", ["PHY"] = "physical", ["EMO"] = "emotional", ["SAB"] = "sexual", ["MUL"] = "multiple",
    };

    private static readonly Dictionary<string, HashSet<string>> Allowed = new(StringComparer.Ordinal)
    {
        ["Child"] = ["ChildIdentifiers", "ChildCharacteristics", "CINdetails"],
        ["ChildIdentifiers"] = ["LAchildID", "UPN", "FormerUPN", "UPNunknown", "PersonBirthDate", "ExpectedPersonBirthDate", "GenderCurrent", "Sex", "PersonDeathDate"],
        ["ChildCharacteristics"] = ["Ethnicity", "Disabilities"],
        ["CINdetails"] =
        [
            "CINreferralDate", "ReferralSource", "PrimaryNeedCode", "CINclosureDate", "ReasonForClosure", "DateOfInitialCPC", "ReferralNFA",
            "Assessments", "CINPlanDates", "Section47", "ChildProtectionPlans", "PreProceedings", "PreProceedingsandFGDM",
        ],
        ["Assessments"] = ["AssessmentActualStartDate", "AssessmentInternalReviewDate", "AssessmentAuthorisationDate", "FactorsIdentifiedAtAssessment"],
        ["FactorsIdentifiedAtAssessment"] = ["AssessmentFactors"],
        ["CINPlanDates"] = ["CINPlanStartDate", "CINPlanEndDate"],
        ["Section47"] = ["S47ActualStartDate", "InitialCPCtarget", "DateOfInitialCPC", "ICPCnotRequired"],
        ["ChildProtectionPlans"] = ["CPPstartDate", "CPPendDate", "InitialCategoryOfAbuse", "LatestCategoryOfAbuse", "NumberOfPreviousCPP", "Reviews"],
    };

    /// <param name="prefixIds">Write person ids as "cin:LAchildID" rather than the bare LAchildID (bare, the census joins the 903 and the SSD on the child).</param>
    /// <exception cref="ContractFileException">A file is not well-formed XML; the message names its line.</exception>
    /// <param name="links">Families and mothers for the children (--links); null: each child a family of its own.</param>
    public static CinCensusConversion Convert(string input, string output, bool prefixIds = false, ChildLinks? links = null)
    {
        var files = Directory.Exists(input) ? Directory.GetFiles(input, "*.xml").Order(StringComparer.Ordinal).ToArray() : [input];
        var run = new Run(prefixIds ? IdPrefix : "");
        foreach (var file in files)
        {
            var document = ReturnXml.Load(file);
            if (document.Root is not { Name.LocalName: "Message" } root || root.Elements().All(e => e.Name.LocalName != "Children"))
            {
                run.Ignored.Add(Path.GetFileName(file));
                continue;
            }

            var year = int.TryParse(Text(root.Descendants().FirstOrDefault(e => e.Name.LocalName == "Year")), NumberStyles.None, CultureInfo.InvariantCulture, out var y) ? y : 0;
            foreach (var child in root.Elements().Where(e => e.Name.LocalName == "Children").Elements())
            {
                run.Child(Path.GetFileName(file), year, child);
            }
        }

        ContractOutput.Write(output, run.Children.Values.Select(c => c.Child with { Uasc = run.Uasc.Contains(c.Child.PersonId) }), run.Events.Values.Where(e => run.Children.ContainsKey(e.Child)).Select(e => e.Event), links);
        var written = run.Events.Values.Where(e => run.Children.ContainsKey(e.Child)).Select(e => e.Event).ToList();
        return new CinCensusConversion(
            run.Children.Count, written.Count(e => e.Type is EventType.Referral), written.Count(e => e.Type is EventType.Contact), run.Assessments,
            written.Count(e => e.Type is EventType.AssessmentFactor), run.NotAuthorised, written.Count(e => e.Type is EventType.ChildInNeedPlan),
            written.Count(e => e.Type is EventType.Section47Enquiry), written.Count(e => e.Type is EventType.ChildProtectionPlan), run.Unborn,
            run.Ignored, run.Rejected, run.Warnings, links?.Linked(run.Children.Keys) ?? 0);
    }

    private static string Text(XElement? element) => element is null ? "" : string.Concat(element.Nodes().OfType<XText>().Select(t => t.Value)).Trim();

    /// <summary>The conversion's state: what was read so far, keyed so that a later year's copy of a record replaces an earlier one.</summary>
    private sealed class Run(string personPrefix)
    {
        public Dictionary<string, (ConvertedChild Child, int Year)> Children { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, (ConvertedEvent Event, string Child, int Year)> Events { get; } = new(StringComparer.Ordinal);

        public List<string> Ignored { get; } = [];

        public List<RowError> Rejected { get; } = [];

        public List<RowError> Warnings { get; } = [];

        public int Assessments { get; private set; }

        public int NotAuthorised { get; private set; }

        public int Unborn { get; private set; }

        /// <summary>Children an assessment found to be unaccompanied asylum seekers (factor 9A).</summary>
        public HashSet<string> Uasc { get; } = new(StringComparer.Ordinal);

        private string file = "";

        private int year;

        public void Child(string fileName, int returnYear, XElement child)
        {
            (file, year) = (fileName, returnYear);
            if (child.Name.LocalName != "Child")
            {
                Reject(child, child.Name.LocalName, "is not a Child: only Child elements belong in Children");
                return;
            }

            // What is out of place is reported; the child's other parts still convert.
            Check(child);

            var identifiers = child.Elements().FirstOrDefault(e => e.Name.LocalName == "ChildIdentifiers");
            var idElement = Field(identifiers, "LAchildID");
            var id = Text(idElement);
            if (ContractFields.CheckIdentifier(id) is { } bad)
            {
                Reject(idElement ?? (XObject?)identifiers ?? child, "LAchildID", bad);
                return;
            }

            var person = personPrefix + id;
            var sexElement = Field(identifiers, "Sex") ?? Field(identifiers, "GenderCurrent");
            var sex = Text(sexElement).ToUpperInvariant() switch { "1" or "M" => "M", "2" or "F" => "F", "0" or "9" or "U" => "U", _ => null };
            if (sex is null)
            {
                Reject(sexElement ?? (XObject)identifiers!, sexElement?.Name.LocalName ?? "Sex",
                    $"'{ContractFields.Shorten(Text(sexElement))}' is not a sex code (GenderCurrent 1, 2, 0 or 9 to 2023/24; Sex M, F or U after)");
                return;
            }

            var birthElement = Field(identifiers, "PersonBirthDate");
            if (birthElement is null || Text(birthElement).Length == 0)
            {
                if (Field(identifiers, "ExpectedPersonBirthDate") is not null)
                {
                    // An unborn child has no birth date, and the contract no place for one yet.
                    Unborn++;
                    return;
                }

                Reject(identifiers ?? child, "PersonBirthDate", "is required");
                return;
            }

            if (!TryDate(birthElement, "PersonBirthDate", out var birth))
            {
                return;
            }

            var ethnicity = Text(Field(child.Elements().FirstOrDefault(e => e.Name.LocalName == "ChildCharacteristics"), "Ethnicity")).ToUpperInvariant();
            if (!Children.TryGetValue(person, out var known) || year >= known.Year)
            {
                Children[person] = (new ConvertedChild(person, person, birth, sex, ethnicity.Length == 0 ? null : ethnicity), year);
            }

            foreach (var details in child.Elements().Where(e => e.Name.LocalName == "CINdetails"))
            {
                Details(id, person, details);
            }
        }

        private void Details(string id, string person, XElement details)
        {
            var referralOk = Check(details);
            var referralElement = Field(details, "CINreferralDate");
            if (referralElement is null)
            {
                Reject(details, "CINreferralDate", "is required");
                return;
            }

            if (!TryDate(referralElement, "CINreferralDate", out var referral))
            {
                return;
            }

            var nfaElement = Field(details, "ReferralNFA");
            var nfa = Text(nfaElement).ToLowerInvariant() switch { "true" or "1" => (bool?)true, "false" or "0" or "" => false, _ => null };
            if (nfa is null)
            {
                Reject(nfaElement!, "ReferralNFA", $"'{ContractFields.Shorten(Text(nfaElement))}' is not true, false, 1 or 0");
            }
            else if (referralOk)
            {
                var source = Text(Field(details, "ReferralSource")).ToLowerInvariant();
                Add(id, person, "referral", referral, nfa.Value ? EventType.Contact : EventType.Referral, null, IsCode(source) ? source : "");
            }

            foreach (var assessment in details.Elements().Where(e => e.Name.LocalName == "Assessments"))
            {
                Assessment(id, person, assessment);
            }

            foreach (var plan in details.Elements().Where(e => e.Name.LocalName == "CINPlanDates"))
            {
                Episode(id, person, plan, "CINPlanStartDate", "CINPlanEndDate", EventType.ChildInNeedPlan, referral, _ => "");
            }

            foreach (var enquiry in details.Elements().Where(e => e.Name.LocalName == "Section47"))
            {
                if (Check(enquiry) && Field(enquiry, "S47ActualStartDate") is { } started && TryDate(started, "S47ActualStartDate", out var start))
                {
                    WarnIfBefore(started, "S47ActualStartDate", start, referral);
                    Add(id, person, "s47", start, EventType.Section47Enquiry, null, "");
                }
                else if (Field(enquiry, "S47ActualStartDate") is null)
                {
                    Reject(enquiry, "S47ActualStartDate", "is required");
                }
            }

            foreach (var plan in details.Elements().Where(e => e.Name.LocalName == "ChildProtectionPlans"))
            {
                Episode(id, person, plan, "CPPstartDate", "CPPendDate", EventType.ChildProtectionPlan, referral, p =>
                {
                    var category = Field(p, "InitialCategoryOfAbuse");
                    if (Categories.TryGetValue(Text(category), out var mapped))
                    {
                        return mapped;
                    }

                    Reject(category ?? (XObject)p, "InitialCategoryOfAbuse", $"'{ContractFields.Shorten(Text(category))}' is not a category of abuse (NEG, PHY, EMO, SAB or MUL)");
                    return null;
                });
            }
        }

        private void Assessment(string id, string person, XElement assessment)
        {
            Assessments++;
            if (!Check(assessment))
            {
                return;
            }

            var authorised = Field(assessment, "AssessmentAuthorisationDate");
            if (authorised is null || Text(authorised).Length == 0)
            {
                // Its factors are not known until the assessment is signed off; the next census will hold them.
                NotAuthorised++;
                return;
            }

            if (!TryDate(authorised, "AssessmentAuthorisationDate", out var date))
            {
                return;
            }

            if (Field(assessment, "AssessmentActualStartDate") is { } started && TryDate(started, "AssessmentActualStartDate", out var start) && date < start)
            {
                Warn(authorised, "AssessmentAuthorisationDate", $"{ContractFields.Iso(date)} is before the assessment started ({ContractFields.Iso(start)}); converted as recorded");
            }

            var factors = assessment.Elements().Where(e => e.Name.LocalName == "FactorsIdentifiedAtAssessment").SelectMany(f => f.Elements()).ToList();
            var codes = new List<string>();
            foreach (var factor in factors)
            {
                var code = Text(factor).ToUpperInvariant();
                if (!Vocabulary.TryParseDetail(EventType.AssessmentFactor, code, out _, out var normalised, out _) || normalised.Length == 0)
                {
                    Reject(factor, "AssessmentFactors", $"'{ContractFields.Shorten(code)}' is not a DfE assessment factor code (1A-24A; 18A and 19A are retired)");
                    return;
                }

                codes.Add(normalised);
            }

            if (codes.Contains("9a"))
            {
                Uasc.Add(person);
            }

            foreach (var code in codes.Where(c => c != NoFactors).Distinct(StringComparer.Ordinal))
            {
                Add(id, person, $"factor:{code}", date, EventType.AssessmentFactor, null, code);
            }
        }

        private void Episode(string id, string person, XElement element, string startField, string endField, EventType type, DateOnly referral, Func<XElement, string?> detail)
        {
            if (!Check(element))
            {
                return;
            }

            var started = Field(element, startField);
            if (started is null)
            {
                Reject(element, startField, "is required");
                return;
            }

            if (!TryDate(started, startField, out var start))
            {
                return;
            }

            DateOnly? end = null;
            if (Field(element, endField) is { } ended && Text(ended).Length > 0)
            {
                if (!TryDate(ended, endField, out var e))
                {
                    return;
                }

                if (e < start)
                {
                    Reject(ended, endField, $"{ContractFields.Iso(e)} is before the plan began ({ContractFields.Iso(start)})");
                    return;
                }

                end = e;
            }

            if (detail(element) is not { } code)
            {
                return;
            }

            WarnIfBefore(started, startField, start, referral);
            Add(id, person, type is EventType.ChildInNeedPlan ? "cin_plan" : "cp_plan", start, type, end, code);
        }

        private void Add(string id, string person, string kind, DateOnly date, EventType type, DateOnly? end, string detail)
        {
            var eventId = $"{IdPrefix}{id}:{ContractFields.Iso(date)}:{kind}";
            if (!Events.TryGetValue(eventId, out var known) || year >= known.Year)
            {
                Events[eventId] = (new ConvertedEvent(eventId, person, date, type, end, detail), person, year);
            }
        }

        /// <summary>Reports child elements that do not belong (rejected) and stray text (skipped); false when the record has an element out of place.</summary>
        private bool Check(XElement element)
        {
            var ok = true;
            var allowed = Allowed.GetValueOrDefault(element.Name.LocalName);
            foreach (var node in element.Nodes())
            {
                switch (node)
                {
                    case XElement child when allowed is not null && !allowed.Contains(child.Name.LocalName):
                        Reject(child, child.Name.LocalName, $"is not part of {element.Name.LocalName} in the CIN census: the {element.Name.LocalName} record is rejected");
                        ok = false;
                        break;
                    case XText text when text is not XCData && !string.IsNullOrWhiteSpace(text.Value):
                        Warn(text, element.Name.LocalName, $"stray text '{ContractFields.Shorten(text.Value.Trim())}' skipped");
                        break;
                }
            }

            return ok;
        }

        private bool TryDate(XElement element, string field, out DateOnly date)
        {
            if (DateOnly.TryParseExact(Text(element), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
            {
                return true;
            }

            Reject(element, field, $"'{ContractFields.Shorten(Text(element))}' is not a date (YYYY-MM-DD)");
            return false;
        }

        private void WarnIfBefore(XElement element, string field, DateOnly date, DateOnly referral)
        {
            if (date < referral)
            {
                Warn(element, field, $"{ContractFields.Iso(date)} is before its referral ({ContractFields.Iso(referral)}); converted as recorded");
            }
        }

        private static XElement? Field(XElement? parent, string name) => parent?.Elements().FirstOrDefault(e => e.Name.LocalName == name);

        private static bool IsCode(string text) => text.Length is > 0 and <= 32 && text.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));

        private void Reject(XObject node, string field, string reason) => Rejected.Add(ReturnXml.Error(file, node, field, reason));

        private void Warn(XObject node, string field, string reason) => Warnings.Add(ReturnXml.Error(file, node, field, reason));
    }
}
