using System.Linq.Expressions;
using System.Reflection;
using RiskFlags.Core.Facts;
using RulesEngine.ExpressionBuilders;
using RulesEngine.Models;

namespace RiskFlags.Core.Rules;

/// <summary>
/// What an expression can see: <c>facts</c>, <c>evidence</c> in pathway rules, and the global and
/// local params declared so far, each a typed variable. Expressions are parsed by RulesEngine's own
/// parser, so a rule means the same on the compiled path as in the engine, and compiled into one
/// typed delegate per rule.
/// </summary>
internal sealed class RuleScope
{
    public static readonly ParameterExpression Facts = Expression.Parameter(typeof(FamilyFacts), "facts");
    public static readonly ParameterExpression Evidence = Expression.Parameter(typeof(RuleHits), "evidence");

    private static readonly MethodInfo HasByName = typeof(RuleHits).GetMethod(nameof(RuleHits.Has), [typeof(string)])!;
    private static readonly MethodInfo HasByIndex = typeof(RuleHits).GetMethod(nameof(RuleHits.Has), [typeof(int)])!;

    private readonly RuleExpressionParser parser;
    private readonly bool evidenceVisible;
    private readonly IReadOnlyDictionary<string, int> evidenceRules;
    private readonly List<ParameterExpression> variables;
    private readonly List<Expression> assignments;

    public RuleScope(RuleExpressionParser parser, bool evidenceVisible, IReadOnlyDictionary<string, int> evidenceRules)
        : this(parser, evidenceVisible, evidenceRules, [], [])
    {
    }

    private RuleScope(RuleExpressionParser parser, bool evidenceVisible, IReadOnlyDictionary<string, int> evidenceRules, List<ParameterExpression> variables, List<Expression> assignments)
    {
        this.parser = parser;
        this.evidenceVisible = evidenceVisible;
        this.evidenceRules = evidenceRules;
        this.variables = variables;
        this.assignments = assignments;
    }

    /// <summary>A scope that also sees <paramref name="parameters"/>, each able to use the ones before it.</summary>
    /// <exception cref="RuleCompileException">A param is unnamed, repeated or does not compile.</exception>
    public RuleScope With(IEnumerable<ScopedParam>? parameters)
    {
        var scope = new RuleScope(parser, evidenceVisible, evidenceRules, [.. variables], [.. assignments]);
        foreach (var param in parameters ?? [])
        {
            if (string.IsNullOrWhiteSpace(param.Name) || string.IsNullOrWhiteSpace(param.Expression))
            {
                throw new RuleCompileException("a param needs a Name and an Expression");
            }

            if (scope.variables.Any(v => v.Name == param.Name) || param.Name is "facts" or "evidence")
            {
                throw new RuleCompileException($"param '{param.Name}' is declared twice or hides an input");
            }

            var body = scope.Parse(param.Expression, null, $"param '{param.Name}'");
            var variable = Expression.Variable(body.Type, param.Name);
            scope.variables.Add(variable);
            scope.assignments.Add(Expression.Assign(variable, body));
        }

        return scope;
    }

    /// <summary>Parses an expression in this scope. Evidence lookups by name are checked and turned into lookups by index.</summary>
    /// <exception cref="RuleCompileException">It does not compile, or names a rule that is not an evidence rule.</exception>
    public Expression Parse(string expression, Type? returnType, string what)
    {
        ParameterExpression[] inputs = evidenceVisible ? [Facts, Evidence, .. variables] : [Facts, .. variables];
        Expression parsed;
        try
        {
            parsed = parser.Parse(expression, inputs, returnType);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            var hint = !evidenceVisible && expression.Contains("evidence", StringComparison.Ordinal)
                ? " (evidence is only available to rules of the Pathways workflow)"
                : "";
            throw new RuleCompileException($"{what} does not compile: {e.Message}{hint}", e);
        }

        var body = parsed is LambdaExpression lambda ? lambda.Body : parsed;
        return new EvidenceByIndex(evidenceRules).Visit(body);
    }

    /// <summary>
    /// <paramref name="body"/> inside a block that declares and assigns the params this scope adds to
    /// <paramref name="outer"/>: a nested rule's own LocalParams.
    /// </summary>
    public Expression Enclose(Expression body, RuleScope outer) =>
        variables.Count == outer.variables.Count
            ? body
            : Expression.Block(variables.Skip(outer.variables.Count), [.. assignments.Skip(outer.assignments.Count), body]);

    /// <summary>A delegate over (facts, evidence) that assigns the params in order and then returns <paramref name="body"/>.</summary>
    public Func<FamilyFacts, RuleHits, T> Compile<T>(Expression body)
    {
        var block = Expression.Block(variables, [.. assignments, Expression.Convert(body, typeof(T))]);
        return Expression.Lambda<Func<FamilyFacts, RuleHits, T>>(block, Facts, Evidence).Compile();
    }

    /// <summary>Rewrites <c>evidence.Has("Name")</c> to <c>evidence.Has(index)</c>, so a lookup costs a bit test, not a hash.</summary>
    private sealed class EvidenceByIndex(IReadOnlyDictionary<string, int> evidenceRules) : ExpressionVisitor
    {
        protected override Expression VisitMethodCall(MethodCallExpression node)
        {
            if (node.Method != HasByName)
            {
                return base.VisitMethodCall(node);
            }

            if (node.Arguments[0] is not ConstantExpression { Value: string name })
            {
                throw new RuleCompileException("evidence.Has needs a rule name in quotes, e.g. evidence.Has(\"DomesticAbuse.RepeatIncidents\")");
            }

            if (!evidenceRules.TryGetValue(name, out var index))
            {
                throw new RuleCompileException($"evidence.Has(\"{name}\"): there is no evidence rule called '{name}'");
            }

            return Expression.Call(Visit(node.Object), HasByIndex, Expression.Constant(index));
        }
    }
}
