using System.Collections.Generic;
using Microsoft.CodeAnalysis;

namespace ChatUsageAnalyzers;

/// <summary>Where a member of a type can be declared: the type, its bases and its interfaces.</summary>
internal static class TypeHierarchy
{
    /// <summary>
    /// The type, its base types and all its interfaces; for a type parameter, those of each of its
    /// constraint types (a constrained generic client still has the client's members).
    /// </summary>
    public static IEnumerable<ITypeSymbol> SelfAndSupertypes(ITypeSymbol type)
    {
        if (type is ITypeParameterSymbol parameter)
        {
            foreach (var constraint in parameter.ConstraintTypes)
            {
                foreach (var supertype in SelfAndSupertypes(constraint))
                {
                    yield return supertype;
                }
            }

            yield break;
        }

        for (var current = type; current is not null; current = current.BaseType)
        {
            yield return current;
        }

        foreach (var implemented in type.AllInterfaces)
        {
            yield return implemented;
        }
    }

    /// <summary>
    /// True when <paramref name="member"/>'s code belongs to <paramref name="type"/> itself: a
    /// nested type's members are the nested type's own, so per-type passes judge each operation once.
    /// </summary>
    public static bool IsCodeOf(INamedTypeSymbol type, ISymbol member) =>
        SymbolEqualityComparer.Default.Equals(member.ContainingType, type);
}
