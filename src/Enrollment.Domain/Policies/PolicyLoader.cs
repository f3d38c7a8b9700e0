namespace Enrollment.Domain.Policies;

/// <summary>The outcome of loading policy JSON: the document, every problem, and the compiled policy if usable.</summary>
public sealed record PolicyLoadResult(PolicyDocument? Document, Rules.CompiledPolicy? Policy, IReadOnlyList<PolicyProblem> Problems)
{
    public bool IsUsable => Policy is not null;
}

/// <summary>Parse + validate + compile in one step, for the CLI and the web app (no file I/O here).</summary>
public static class PolicyLoader
{
    public static PolicyLoadResult Load(string json)
    {
        if (!PolicyJson.TryDeserialize(json, out var document, out var problem))
        {
            return new PolicyLoadResult(null, null, [problem!]);
        }

        PolicyCompiler.TryCompile(document!, out var policy, out var result);
        return new PolicyLoadResult(document, policy, result.Problems);
    }
}
