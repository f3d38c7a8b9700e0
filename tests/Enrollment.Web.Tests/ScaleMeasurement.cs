namespace Enrollment.Web.Tests;

/// <summary>
/// Measurements, not tests (docs/performance.md): they run only when <c>variable</c> names a database built by
/// <c>enrollment generate</c> (a full 滕州), so the test command skips them. They live in this assembly because
/// what they time is internal to the web project.
/// </summary>
public sealed class ScaleFactAttribute : FactAttribute
{
    public ScaleFactAttribute(string variable) => Skip = ScaleMeasurement.SkipUnless(variable);
}

/// <inheritdoc cref="ScaleFactAttribute"/>
public sealed class ScaleTheoryAttribute : TheoryAttribute
{
    public ScaleTheoryAttribute(string variable) => Skip = ScaleMeasurement.SkipUnless(variable);
}

internal static class ScaleMeasurement
{
    public static string? SkipUnless(string variable) =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable))
            ? $"set {variable} to a generated county database to measure"
            : null;
}
