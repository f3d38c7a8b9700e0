namespace Enrollment.Domain.Policies;

public enum ProblemSeverity : byte
{
    Error = 0,

    /// <summary>The policy still loads, e.g. a share left unset (未规定).</summary>
    Warning = 1,
}

/// <summary>
/// One problem found in a policy document: where (a JSON path such as <c>subsidies[3].share</c>), what (a
/// stable code), and a message in English (logs, CLI) and Chinese (the configuration page, beside the field).
/// </summary>
public sealed record PolicyProblem(ProblemSeverity Severity, string Path, string Code, string Message, string ChineseMessage)
{
    public override string ToString() =>
        $"{(Severity == ProblemSeverity.Error ? "error" : "warning")}: {(Message.StartsWith(Path, StringComparison.Ordinal) ? "" : Path + ": ")}{Message}";
}

/// <summary>Every problem of one document; it is usable when there is no error.</summary>
public sealed class PolicyValidationResult(IReadOnlyList<PolicyProblem> problems)
{
    public IReadOnlyList<PolicyProblem> Problems { get; } = problems;

    public bool HasErrors => Problems.Any(p => p.Severity == ProblemSeverity.Error);

    public IEnumerable<PolicyProblem> Errors => Problems.Where(p => p.Severity == ProblemSeverity.Error);

    public IEnumerable<PolicyProblem> Warnings => Problems.Where(p => p.Severity == ProblemSeverity.Warning);
}

/// <summary>Thrown by the throwing load/compile helpers; carries every problem.</summary>
public sealed class PolicyValidationException(IReadOnlyList<PolicyProblem> problems)
    : Exception("Invalid policy: " + string.Join("; ", problems.Where(p => p.Severity == ProblemSeverity.Error)))
{
    public IReadOnlyList<PolicyProblem> Problems { get; } = problems;
}
