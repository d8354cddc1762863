namespace RiskFlags.Core.Rules;

/// <summary>An expression, param or reason of a rule does not compile.</summary>
internal sealed class RuleCompileException(string message, Exception? inner = null) : Exception(message, inner);
