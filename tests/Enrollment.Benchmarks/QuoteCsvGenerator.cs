using System.Globalization;
using System.Text;
using Enrollment.Domain.Policies;

namespace Enrollment.Benchmarks;

/// <summary>Writes a quote-command input CSV for tengzhou-2025 (滕州 has about 1.4 million residents to enroll).</summary>
internal static class QuoteCsvGenerator
{
    public static void Write(string path, int rows, int seed)
    {
        var policy = PolicyCatalog.Compile("tengzhou-2025");
        var random = new Random(seed);
        using var writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20);
        writer.Write("case,id_number,categories,history,gap_years,paid_on\n");
        for (var i = 0; i < rows; i++)
        {
            var row = ResidentMix.Next(random, policy);
            var history = row.History switch
            {
                Domain.Rules.EnrollmentHistory.Continuing => random.Next(2) == 0 ? "" : "continuing",
                Domain.Rules.EnrollmentHistory.FirstTime => "first_time",
                Domain.Rules.EnrollmentHistory.Interrupted => "interrupted",
            };
            writer.Write(string.Create(CultureInfo.InvariantCulture,
                $"c{i:D7},{row.IdNumber},{row.Categories},{history},{row.Gap},{row.PaidOn:yyyy-MM-dd}\n"));
        }
    }
}
