using System.Reflection;
using System.Runtime.CompilerServices;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Capacity;
using RiskFlags.Core.Referrals;
using RiskFlags.Core.Rules;
using RiskFlags.Core.Scoring;

namespace RiskFlags.Testing;

/// <summary>
/// Each step of the pipeline has one home in Core, and the callers it may have. Every test project
/// that can see a host (service, CLI, trainer) checks these over the assemblies it sees, so a second
/// copy of a step in any of them fails a test.
/// </summary>
public static class PipelineHomes
{
    /// <summary>Asserts every rule below over <paramref name="graph"/>, whose assemblies are <paramref name="assemblies"/>.</summary>
    public static void Hold(CallGraph graph, IReadOnlyCollection<Assembly> assemblies)
    {
        // Suggestions: only SuggestedProgramme builds one, and only from the assessment step's fired rules.
        OnlyCalledBy(graph, typeof(SuggestedProgramme), ".ctor", typeof(SuggestedProgramme));
        OnlyCalledBy(graph, typeof(SuggestedProgramme), nameof(SuggestedProgramme.From), typeof(FamilyAssessor));

        // Referral status: one definition (ReferralStatuses.Of), read through the one book of referrals.
        var deciders = assemblies.SelectMany(a => a.GetTypes())
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly))
            .Where(m => m.ReturnType == typeof(ReferralStatus) && !m.IsDefined(typeof(CompilerGeneratedAttribute)) && m.DeclaringType != typeof(ReferralStatuses))
            .Select(m => $"{m.DeclaringType!.FullName}.{m.Name}")
            .ToList();
        Assert.True(deciders.Count == 0, $"Only ReferralStatuses decides a referral's status, yet these work one out: {string.Join(", ", deciders)}");
        OnlyCalledBy(graph, typeof(ReferralStatuses), nameof(ReferralStatuses.Of), typeof(ReferralBook));

        // The model and the rules run inside the assessment step (and the rules' own fixtures check them).
        OnlyCalledBy(graph, typeof(RiskModel), nameof(RiskModel.Score), typeof(RiskModel), typeof(FamilyAssessor));
        foreach (var evaluate in new[] { nameof(RuleSet.Evaluate), nameof(RuleSet.EvaluateWithEngineAsync), nameof(RuleSet.Describe) })
        {
            OnlyCalledBy(graph, typeof(RuleSet), evaluate, typeof(RuleSet), typeof(FamilyAssessor), typeof(RuleFixtures));
        }
    }

    /// <summary>Asserts that <paramref name="caller"/> (by full name, public or not) calls the assessment step.</summary>
    public static void AssessesThroughFamilyAssessor(CallGraph graph, Assembly assembly, string caller)
    {
        var type = assembly.GetType(caller, throwOnError: true)!;
        var entries = new[] { nameof(FamilyAssessor.AssessAsync), nameof(FamilyAssessor.AssessMany), nameof(FamilyAssessor.AssessManyAsync) };
        Assert.True(
            entries.Any(e => graph.CallersOf(typeof(FamilyAssessor), e).Contains(type)),
            $"{caller} should assess families through FamilyAssessor ({string.Join(", ", entries)}), and does not.");
    }

    /// <summary>Asserts that only <paramref name="allowed"/> (and nothing else in the scanned assemblies) call <paramref name="type"/>.<paramref name="method"/>.</summary>
    public static void OnlyCalledBy(CallGraph graph, Type type, string method, params Type[] allowed)
    {
        var strays = graph.CallersOf(type, method).Except(allowed).Select(t => t.FullName).Order().ToList();
        Assert.True(strays.Count == 0, $"{type.Name}.{method} has one home, yet is also called from: {string.Join(", ", strays)}");
    }
}
