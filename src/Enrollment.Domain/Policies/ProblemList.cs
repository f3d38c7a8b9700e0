namespace Enrollment.Domain.Policies;

/// <summary>Collects problems while validating.</summary>
internal sealed class ProblemList
{
    public List<PolicyProblem> Items { get; } = [];

    public bool HasErrors => Items.Exists(p => p.Severity == ProblemSeverity.Error);

    public void Error(string path, string code, string message, string chinese) =>
        Items.Add(new PolicyProblem(ProblemSeverity.Error, path, code, message, chinese));

    public void Warning(string path, string code, string message, string chinese) =>
        Items.Add(new PolicyProblem(ProblemSeverity.Warning, path, code, message, chinese));
}
