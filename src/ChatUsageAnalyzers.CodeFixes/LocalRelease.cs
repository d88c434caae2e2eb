using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace ChatUsageAnalyzers.CodeFixes;

/// <summary>Releases a client held in a local variable when its method ends.</summary>
internal static class LocalRelease
{
    /// <summary><c>await using var client = ...;</c>: disposing the reference client disconnects it.</summary>
    public static LocalDeclarationStatementSyntax WithAwaitUsing(LocalDeclarationStatementSyntax declaration)
    {
        var leading = declaration.GetLeadingTrivia();
        return declaration
            .WithoutLeadingTrivia()
            .WithAwaitKeyword(Token(leading, SyntaxKind.AwaitKeyword, TriviaList(Space)))
            .WithUsingKeyword(Token(SyntaxKind.UsingKeyword).WithTrailingTrivia(Space));
    }

    /// <summary>
    /// Moves the statements after each declaration into <c>try { ... } finally { release }</c>. The
    /// last declaration is wrapped first, so an earlier client's try holds the later one's.
    /// </summary>
    public static BlockSyntax WrapInTryFinally(BlockSyntax current, BlockSyntax original, IReadOnlyList<DisconnectPlan> plans)
    {
        var statements = current.Statements.ToList();
        foreach (var plan in plans.OrderByDescending(p => original.Statements.IndexOf(p.LocalDeclaration!)))
        {
            var index = original.Statements.IndexOf(plan.LocalDeclaration!);
            if (index < 0 || index >= statements.Count)
            {
                continue;
            }

            var following = statements.Skip(index + 1).ToList();
            var release = AddDisconnectFix.Release(plan.Receiver, plan.DisconnectMethod, mayBeNull: false, plan.Style, LanguageVersion.CSharp7_3);
            var tryStatement = TryStatement(Block(following), List<CatchClauseSyntax>(), FinallyClause(Block(release)))
                .WithAdditionalAnnotations(Formatter.Annotation);
            statements = statements.Take(index + 1).Append(tryStatement).ToList();
        }

        return current.WithStatements(List(statements));
    }
}
