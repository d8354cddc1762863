using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using RiskFlags.Core.Facts;

namespace RiskFlags.Core.Rules;

/// <summary>
/// A rule's reason: text with {expression} placeholders, e.g.
/// "{facts.DomesticAbuseIncidents12m} domestic abuse incidents in the last 12 months". A placeholder may
/// end in a .NET format, "{facts.RiskScore:P0}", and "{{" / "}}" are literal braces. Placeholders
/// are parsed in the rule's scope, so they may use its params, and compiled at load.
/// </summary>
internal static partial class ReasonTemplate
{
    private static readonly MethodInfo FormatMethod = typeof(ReasonTemplate).GetMethod(nameof(Format), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo ConcatMethod = typeof(string).GetMethod(nameof(string.Concat), [typeof(string[])])!;

    public static Func<FamilyFacts, RuleHits, string> Compile(string template, RuleScope scope)
    {
        var parts = new List<Expression>();
        var literal = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                literal.Append(c);
                i++;
                continue;
            }

            if (c == '}')
            {
                throw new RuleCompileException($"reason: a '}}' at position {i + 1} closes nothing (write '}}}}' for a brace)");
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            var close = ClosingBrace(template, i);
            if (close < 0)
            {
                throw new RuleCompileException($"reason: the '{{' at position {i + 1} is never closed");
            }

            if (literal.Length > 0)
            {
                parts.Add(Expression.Constant(literal.ToString()));
                literal.Clear();
            }

            var (expression, format) = Split(template[(i + 1)..close]);
            var value = scope.Parse(expression, null, $"reason placeholder {{{expression}}}");
            parts.Add(Expression.Call(FormatMethod, Expression.Convert(value, typeof(object)), Expression.Constant(format, typeof(string))));
            i = close;
        }

        if (literal.Length > 0)
        {
            parts.Add(Expression.Constant(literal.ToString()));
        }

        return scope.Compile<string>(Expression.Call(ConcatMethod, Expression.NewArrayInit(typeof(string), parts)));
    }

    /// <summary>The matching '}', skipping braces inside string literals of the expression.</summary>
    private static int ClosingBrace(string template, int open)
    {
        var inString = false;
        for (var i = open + 1; i < template.Length; i++)
        {
            var c = template[i];
            if (c == '"' && template[i - 1] != '\\')
            {
                inString = !inString;
            }
            else if (c == '}' && !inString)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>"expr:P0" gives a format; a ':' of a conditional (a ? b : c) does not.</summary>
    private static (string Expression, string? Format) Split(string placeholder)
    {
        var match = FormatSuffix().Match(placeholder);
        return match.Success && !match.Groups[1].Value.Contains('?', StringComparison.Ordinal)
            ? (match.Groups[1].Value, match.Groups[2].Value)
            : (placeholder, null);
    }

    /// <summary>Invariant numbers, but percentages as "31%" (the invariant culture writes "31 %").</summary>
    private static readonly NumberFormatInfo Numbers = new()
    {
        PercentPositivePattern = 1,
        PercentNegativePattern = 1,
    };

    private static string Format(object? value, string? format) => value switch
    {
        null => "unknown",
        bool b => b ? "yes" : "no",
        IFormattable f => f.ToString(format, Numbers),
        _ => value.ToString() ?? "",
    };

    [GeneratedRegex(@"^(.*):([A-Za-z][0-9]{0,2})$", RegexOptions.Singleline)]
    private static partial Regex FormatSuffix();
}
