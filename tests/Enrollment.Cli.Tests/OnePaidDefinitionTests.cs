using System.Text.RegularExpressions;
using Enrollment.Cli.Tests.Quote;

namespace Enrollment.Cli.Tests;

/// <summary>
/// "Paid" has one definition: the enrollment's payment state, which only the payment functions (migration 0018,
/// called by PaymentService) write from the payments. Code that asks "paid?" reads it through
/// <c>enrollment_is_paid(status)</c> or <c>CampaignEnrollment.IsPaid</c>. This fails when application code defines
/// paid again from the payments themselves — the shapes the old queries had.
/// </summary>
public partial class OnePaidDefinitionTests
{
    [Fact]
    public void No_application_code_derives_paid_from_the_payments_themselves()
    {
        var root = QuoteExamples.RepoRoot();
        var found = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(root, "src"), "*.*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (Path.GetExtension(file) is not (".cs" or ".razor" or ".sql") || relative.Contains("/bin/", StringComparison.Ordinal)
                || relative.Contains("/obj/", StringComparison.Ordinal)
                // The schema's history, and the functions that keep the state, are where the definition lives.
                || relative.Contains("/Migrations/", StringComparison.Ordinal)
                || relative.Contains("src/Enrollment.Data/Payments/", StringComparison.Ordinal))
            {
                continue;
            }
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (OldDefinition().IsMatch(lines[i]))
                {
                    found.Add($"{relative}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }
        found.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("WHERE p.confirmed_at IS NOT NULL AND p.reversal_of_id IS NULL")]
    [InlineData("AND NOT EXISTS (SELECT 1 FROM payments r WHERE r.reversal_of_id = p.id)")]
    [InlineData("db.Payments.Where(p => p.ConfirmedAt != null)")]
    [InlineData("JOIN payments p ON p.enrollment_id = e.id AND p.state = 'confirmed'")]
    [InlineData("db.Payments.Where(p => p.State == PaymentState.Confirmed)")]
    [InlineData("CampaignProgress.ConfirmedPayments(db, id)")]
    public void The_scan_recognises_the_old_shapes(string line) => OldDefinition().IsMatch(line).ShouldBeTrue();

    [Theory]
    [InlineData("WHERE enrollment_is_paid(e.status) AND e.campaign_id = $1")]
    // A state's label in an exhaustive switch names the state; it does not decide what counts as paid.
    [InlineData("PaymentState.Confirmed => \"已确认\",")]
    public void The_scan_lets_the_one_definition_and_state_labels_through(string line) => OldDefinition().IsMatch(line).ShouldBeFalse();

    [GeneratedRegex(@"confirmed_at\s+IS\s+NOT\s+NULL|reversal_of_id|ConfirmedAt\s*!=\s*null|ReversalOfId|ConfirmedPayments|state\s*=\s*'confirmed'|PaymentState\.Confirmed(?!\s*=>)", RegexOptions.IgnoreCase)]
    private static partial Regex OldDefinition();
}
