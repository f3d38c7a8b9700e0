using System.Globalization;

namespace Enrollment.LoadGen;

/// <summary>What the generator prints: the figures of the measured window, the answers seen, and the checks.</summary>
internal static class Report
{
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    public static void Figures(LoadOptions options, Tally tally, LoadRun run, TimeSpan elapsed, CpuTimes cpu)
    {
        var from = (int)options.Warmup.TotalSeconds;
        var to = (int)options.Duration.TotalSeconds;
        var perSecond = tally.CreatedPerSecond(from, to);
        var windows = perSecond.Chunk(5).Where(w => w.Length == 5).Select(w => w.Sum() / 5.0).ToList();
        var latencies = tally.Latencies(from, to);
        var i = CultureInfo.InvariantCulture;
        Console.WriteLine();
        Console.WriteLine(string.Create(i, $"measured window {from}–{to} s (the run took {elapsed.TotalSeconds:F1} s with the last answers); CPU used: {cpu}"));
        var spread = windows.Count > 0 ? string.Create(i, $"; per 5 s: lowest {windows.Min():F0}, highest {windows.Max():F0}") : "";
        Console.WriteLine(string.Create(i, $"accepted (201) per second: {perSecond.Sum() / (double)Math.Max(1, perSecond.Length):F0} sustained{spread}"));
        Console.WriteLine(string.Create(i, $"  per 5 s: {string.Join(" ", windows.Select(w => w.ToString("F0", i)))}"));
        if (latencies.Length > 0)
        {
            Console.WriteLine(string.Create(i,
                $"latency of {latencies.Length:N0} answered attempts (ms): p50 {Percentile(latencies, 0.50):F1}, p95 {Percentile(latencies, 0.95):F1}, "
                + $"p99 {Percentile(latencies, 0.99):F1}, max {latencies[^1]:F1}"));
        }
        Console.WriteLine($"answers by status: {Join(tally.Statuses)}");
        Console.WriteLine($"answers by code:   {Join(tally.Codes)}");
        Console.WriteLine($"events:            {(tally.Events.IsEmpty ? "none" : Join(tally.Events))}");
        if (tally.FirstOutage is { } first)
        {
            Console.WriteLine(string.Create(i, $"outage seen from {first:F1} s to {tally.LastOutage:F1} s of the run ({tally.LastOutage - first:F1} s)"));
        }
        var kinds = run.Sent.GroupBy(s => s.Kind).ToDictionary(g => g.Key.ToString(), g => (long)g.Sum(s => s.Outcomes.Count));
        Console.WriteLine($"requests by kind:  {Join(kinds)}");
        if (run.RanOutOfResidents)
        {
            Console.WriteLine("WARNING: the prepared unpaid residents ran out before the end; prepare more (--residents)");
        }
    }

    /// <summary>Prints the checks and returns whether one failed.</summary>
    public static bool Checks(IReadOnlyList<Check> checks, Tally tally, LoadRun run)
    {
        var answers = new List<Check>
        {
            new("500 answers = 0", !tally.Statuses.ContainsKey("500"), $"{(tally.Statuses.TryGetValue("500", out var n) ? n : 0)}"),
            new("every 503 carries Retry-After", tally.Event("503 without Retry-After") == 0, $"{tally.Event("503 without Retry-After")} without"),
            new("every answer as expected (201 once, repeats 200 with the first body, each wrong request its code)",
                tally.Event("unexpected answer") == 0, $"{tally.Event("unexpected answer")} unexpected"),
        };
        Console.WriteLine();
        var failed = false;
        foreach (var check in answers.Concat(checks))
        {
            Console.WriteLine($"{(check.Passed ? "PASS" : "FAIL")}  {check.Name}: {check.Detail}");
            failed |= !check.Passed;
        }
        foreach (var example in tally.UnexpectedExamples)
        {
            Console.WriteLine($"  unexpected: {example}");
        }
        Console.WriteLine(failed ? "RESULT: FAILED" : "RESULT: all checks passed");
        return failed;
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static string Join(IEnumerable<KeyValuePair<string, long>> counts) =>
        string.Join(", ", counts.OrderBy(c => c.Key, StringComparer.Ordinal).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Key} {c.Value:N0}")));
}
