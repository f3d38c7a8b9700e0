namespace Enrollment.Domain.Rules;

/// <summary>Money rules: yuan as decimal, rounded to the cent half away from zero (docs/rules.md §6.3).</summary>
public static class Money
{
    public static decimal RoundToCent(decimal yuan) => Math.Round(yuan, 2, MidpointRounding.AwayFromZero);
}
