using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>Adds or removes a method's <c>async</c> modifier, keeping the layout of the tokens around it.</summary>
internal static class AsyncModifier
{
    /// <summary><c>async</c> goes last among the modifiers (<c>protected override async</c>), or takes the return type's place at the start of the line.</summary>
    public static MethodDeclarationSyntax Add(MethodDeclarationSyntax method)
    {
        if (method.Modifiers.Any(SyntaxKind.AsyncKeyword))
        {
            return method;
        }

        if (method.Modifiers.Count == 0)
        {
            var returnType = method.ReturnType;
            var asyncKeyword = SyntaxFactory.Token(returnType.GetLeadingTrivia(), SyntaxKind.AsyncKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
            return method.WithReturnType(returnType.WithLeadingTrivia()).WithModifiers(SyntaxFactory.TokenList(asyncKeyword));
        }

        return method.WithModifiers(method.Modifiers.Add(SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
    }

    /// <summary>The token after <c>async</c> takes over its leading trivia (indentation, comments).</summary>
    public static MethodDeclarationSyntax Remove(MethodDeclarationSyntax method)
    {
        var index = method.Modifiers.IndexOf(SyntaxKind.AsyncKeyword);
        if (index < 0)
        {
            return method;
        }

        var asyncKeyword = method.Modifiers[index];
        var modifiers = method.Modifiers.RemoveAt(index);
        if (index < modifiers.Count)
        {
            var next = modifiers[index];
            return method.WithModifiers(modifiers.Replace(next, next.WithLeadingTrivia(asyncKeyword.LeadingTrivia.AddRange(next.LeadingTrivia))));
        }

        var returnType = method.ReturnType;
        return method.WithModifiers(modifiers)
            .WithReturnType(returnType.WithLeadingTrivia(asyncKeyword.LeadingTrivia.AddRange(returnType.GetLeadingTrivia())));
    }
}
