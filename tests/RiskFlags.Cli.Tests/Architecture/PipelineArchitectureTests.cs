using System.Reflection;
using RiskFlags.Cli;
using RiskFlags.Core.Assessment;
using RiskFlags.Core.Capacity;
using RiskFlags.Data;
using RiskFlags.Training;

namespace RiskFlags.Cli.Tests.Architecture;

/// <summary>The CLI and the trainer reach each pipeline step through its one home in Core.</summary>
public class PipelineArchitectureTests
{
    private static readonly Assembly Cli = typeof(RiskFlagsCli).Assembly;

    private static readonly Assembly[] Scanned =
        [typeof(FamilyAssessor).Assembly, typeof(LinkedDataStore).Assembly, typeof(RiskModelTrainer).Assembly, Cli];

    private static readonly CallGraph Graph = new(Scanned);

    [Fact]
    public void Each_step_has_one_home_across_the_cli_and_the_trainer() => PipelineHomes.Hold(Graph, Scanned);

    [Theory]
    [InlineData("RiskFlags.Cli.Commands.ScoreCommand")]
    [InlineData("RiskFlags.Cli.Commands.CapacityCommand")]
    public void The_commands_assess_families_through_the_core_assessment_type(string command) =>
        PipelineHomes.AssessesThroughFamilyAssessor(Graph, Cli, command);

    [Theory]
    [InlineData("RiskFlags.Training.ModelEvaluator")]
    [InlineData("RiskFlags.Training.Evaluation")]
    public void Training_evaluates_through_the_core_assessment_type(string evaluator) =>
        PipelineHomes.AssessesThroughFamilyAssessor(Graph, typeof(RiskModelTrainer).Assembly, evaluator);

    [Fact]
    public void Only_the_capacity_command_builds_the_capacity_table_here() =>
        PipelineHomes.OnlyCalledBy(Graph, typeof(CapacityReport), nameof(CapacityReport.Build), Cli.GetType("RiskFlags.Cli.Commands.CapacityCommand", true)!);

    [Fact]
    public void The_call_graph_sees_a_known_call_so_an_empty_answer_means_none()
    {
        // Guards the rules above against a scanner that silently finds nothing.
        Assert.Contains(Cli.GetType("RiskFlags.Cli.Commands.ScoreCommand", true)!, Graph.CallersOf(typeof(FamilyAssessor), nameof(FamilyAssessor.AssessManyAsync)));
    }
}
