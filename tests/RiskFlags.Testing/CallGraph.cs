using System.Reflection;
using System.Reflection.Emit;

namespace RiskFlags.Testing;

/// <summary>
/// Which methods call which, read from the compiled IL of the RiskFlags assemblies. Architecture tests
/// use it to hold each pipeline step to its one home: a test names the step's methods and the types
/// allowed to call them, and a second copy of the logic (or a caller that skips the step) fails it.
/// Lambdas, local functions, iterators and async methods compile into nested types; their calls count
/// as calls by the type that declares them.
/// </summary>
public sealed class CallGraph
{
    private const BindingFlags Declared =
        BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(op => op.Value);

    private readonly Dictionary<MethodBase, HashSet<Type>> _callers = [];

    public CallGraph(IEnumerable<Assembly> assemblies)
    {
        foreach (var type in assemblies.SelectMany(a => a.GetTypes()))
        {
            var owner = Outermost(type);
            foreach (var method in type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared)))
            {
                foreach (var callee in CalledBy(method))
                {
                    var key = Definition(callee);
                    if (!_callers.TryGetValue(key, out var set))
                        _callers[key] = set = [];
                    set.Add(owner);
                }
            }
        }
    }

    /// <summary>The assemblies that declare <paramref name="anchors"/>, so a test names what it scans.</summary>
    public static CallGraph Of(params Type[] anchors) => new(anchors.Select(t => t.Assembly).Distinct());

    /// <summary>The outermost types whose code calls <paramref name="method"/> (any overload passed separately).</summary>
    public IReadOnlySet<Type> CallersOf(MethodBase method) =>
        _callers.TryGetValue(Definition(method), out var set) ? set : new HashSet<Type>();

    /// <summary>The outermost types that call any method or constructor of <paramref name="type"/> named <paramref name="name"/>.</summary>
    public IReadOnlySet<Type> CallersOf(Type type, string name) =>
        type.GetMethods(Declared).Cast<MethodBase>().Concat(type.GetConstructors(Declared))
            .Where(m => m.Name == name)
            .SelectMany(CallersOf)
            .ToHashSet();

    private static Type Outermost(Type type)
    {
        while (type.DeclaringType is { } outer)
            type = outer;
        return type;
    }

    private static MethodBase Definition(MethodBase method)
    {
        if (method is MethodInfo { IsGenericMethod: true } generic)
            method = generic.GetGenericMethodDefinition();
        if (method.DeclaringType is { IsGenericType: true, IsGenericTypeDefinition: false } declaring)
            return MethodBase.GetMethodFromHandle(method.MethodHandle, declaring.GetGenericTypeDefinition().TypeHandle)!;
        return method;
    }

    private static IEnumerable<MethodBase> CalledBy(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
            yield break;

        var typeArguments = method.DeclaringType is { IsGenericType: true } t ? t.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var position = 0;
        while (position < il.Length)
        {
            short value = il[position++];
            if (value == 0xFE)
                value = unchecked((short)(0xFE00 | il[position++]));
            var op = OpCodesByValue[value];
            if (op.OperandType == OperandType.InlineMethod)
                yield return method.Module.ResolveMethod(BitConverter.ToInt32(il, position), typeArguments, methodArguments)!;
            position += OperandSize(op, il, position);
        }
    }

    private static int OperandSize(OpCode op, byte[] il, int position) => op.OperandType switch
    {
        OperandType.InlineNone => 0,
        OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
        OperandType.InlineVar => 2,
        OperandType.InlineI8 or OperandType.InlineR => 8,
        OperandType.InlineSwitch => 4 + 4 * BitConverter.ToInt32(il, position),
        _ => 4,
    };
}
