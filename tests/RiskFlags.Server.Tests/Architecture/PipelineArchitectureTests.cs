using System.Reflection;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Capacity;
using RiskFlags.Data;
using RiskFlags.Server.Services;

namespace RiskFlags.Server.Tests.Architecture;

/// <summary>The service reaches each pipeline step through its one home in Core.</summary>
public class PipelineArchitectureTests
{
    private static readonly Assembly[] Scanned =
        [typeof(FamilyAssessor).Assembly, typeof(LinkedDataStore).Assembly, typeof(AssessmentsService).Assembly];

    private static readonly CallGraph Graph = new(Scanned);

    [Fact]
    public void Each_step_has_one_home_across_the_service() => PipelineHomes.Hold(Graph, Scanned);

    [Theory]
    [InlineData("RiskFlags.Server.Services.AssessmentsService")]
    [InlineData("RiskFlags.Server.Services.CohortCache")]
    public void The_service_and_the_cohort_path_assess_through_the_core_assessment_type(string caller) =>
        PipelineHomes.AssessesThroughFamilyAssessor(Graph, typeof(AssessmentsService).Assembly, caller);

    [Fact]
    public void Only_the_capacity_service_builds_the_capacity_table() =>
        PipelineHomes.OnlyCalledBy(Graph, typeof(CapacityReport), nameof(CapacityReport.Build), typeof(CapacityService));
}
