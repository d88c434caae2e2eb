using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace ChatUsageAnalyzers;

/// <summary>Connection-state reads: the conditions that make a connect run only while disconnected.</summary>
internal static class Guards
{
    /// <summary>True when <paramref name="condition"/> reads a state member of the client <paramref name="connect"/> is made on.</summary>
    public static bool ReadsStateOf(IOperation? condition, IInvocationOperation connect, ChatApi api)
    {
        if (condition is null)
        {
            return false;
        }

        var client = connect.Instance;
        return condition.DescendantsAndSelf().Any(operation => operation switch
        {
            IPropertyReferenceOperation property => api.IsStateMember(property.Property, property.Instance?.Type)
                && ClientReference.AreSame(property.Instance, client),
            IInvocationOperation call => api.IsStateMember(call.TargetMethod, call.Instance?.Type)
                && ClientReference.AreSame(call.Instance, client),
            _ => false,
        });
    }
}
