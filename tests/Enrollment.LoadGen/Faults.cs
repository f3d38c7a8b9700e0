using System.Diagnostics;
using System.Globalization;

namespace Enrollment.LoadGen;

/// <summary>Runs the fault's shell command at its second of the run and says when it began and ended.</summary>
internal static class Faults
{
    public static async Task RunAsync(TimeSpan at, string command, Tally tally, CancellationToken ct)
    {
        await Task.Delay(at, ct);
        var started = tally.Elapsed;
        using var process = Process.Start(new ProcessStartInfo("bash", ["-c", command]) { UseShellExecute = false })
            ?? throw new InvalidOperationException("bash did not start");
        await process.WaitForExitAsync(ct);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fault '{command}' ran from {started.TotalSeconds:F1} s to {tally.Elapsed.TotalSeconds:F1} s of the run, exit code {process.ExitCode}"));
    }
}
