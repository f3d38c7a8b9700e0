using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using Enrollment.LoadGen;

// Usage (the key and the database from the environment; run.sh beside this file does the whole measurement):
//   ENROLLMENT_LOADGEN_KEY=enr_… ENROLLMENT_LOADGEN_DB='Host=…;Database=…;Username=postgres' \
//   loadgen --base http://127.0.0.1:5090 --paid-on 2024-11-20 [--clients 32] [--duration 60] [--warmup 5]
//           [--repeat 0.10] [--concurrent 0.4] [--wrong 0.05] [--residents N] [--app-pid PID] [--run-id LG…]
//           [--fault-at 10 --fault-command 'shell command']   (faults.sh beside this file uses it)
// Exit: 0 every check passed; 1 a check failed; 2 arguments unusable.
LoadOptions options;
try
{
    options = LoadOptions.Parse(args);
}
catch (Exception e) when (e is ArgumentException or FormatException)
{
    Console.Error.WriteLine(e.Message);
    return 2;
}

using var handler = new SocketsHttpHandler
{
    // Three concurrent copies per client at most, plus room for reconnecting.
    MaxConnectionsPerServer = options.Clients * 4,
    ConnectTimeout = TimeSpan.FromSeconds(5),
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
};
using var http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", options.ApiKey);
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };

Console.WriteLine($"run {options.RunId} (seed {options.Seed}): {options.Clients} clients, {options.Duration.TotalSeconds:F0} s (first {options.Warmup.TotalSeconds:F0} s not measured) "
    + $"against {options.BaseUrl}, {options.Campaign} paid on {options.PaidOn:yyyy-MM-dd}; load average {Report.LoadAverage()}");
var candidates = await Candidates.PrepareAsync(options, http, stop.Token);
var tally = new Tally(options.Duration);
var run = new LoadRun(options, new Sender(http, options, tally), tally, candidates);

var cpu = CpuTimes.Take(options.AppPid);
Console.WriteLine($"load average before the run {Report.LoadAverage()}");
var fault = options.Fault is { } f ? Faults.RunAsync(f.At, f.Command, tally, stop.Token) : Task.CompletedTask;
await run.RunAsync(stop.Token);
await fault;
var elapsed = tally.Elapsed;
var used = CpuTimes.Take(options.AppPid) - cpu;
Console.WriteLine($"load average after the run  {Report.LoadAverage()}");

Report.Figures(options, tally, run, elapsed, used);
var checks = await DatabaseChecks.RunAsync(options, run, http, stop.Token);
var failed = Report.Checks(checks, tally, run);
return failed ? 1 : 0;

/// <summary>CPU seconds of the app process (when its id is given), of this generator, and of the whole machine (busy, all).</summary>
internal readonly record struct CpuTimes(double App, double Generator, double MachineBusy, double MachineAll)
{
    public static CpuTimes Take(int? appPid)
    {
        var app = 0.0;
        if (appPid is { } pid)
        {
            try
            {
                using var process = Process.GetProcessById(pid);
                app = process.TotalProcessorTime.TotalSeconds;
            }
            catch (ArgumentException)
            {
                // The app is gone (a kill fault): its CPU time is not known.
            }
        }
        // /proc/stat's first line: user nice system idle iowait irq softirq steal, in ticks of 1/100 s.
        var ticks = File.Exists("/proc/stat")
            ? File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8)
                .Select(t => double.Parse(t, CultureInfo.InvariantCulture) / 100).ToArray()
            : new double[8];
        return new CpuTimes(app, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds, ticks.Sum() - ticks[3] - ticks[4], ticks.Sum());
    }

    public static CpuTimes operator -(CpuTimes a, CpuTimes b) =>
        new(a.App - b.App, a.Generator - b.Generator, a.MachineBusy - b.MachineBusy, a.MachineAll - b.MachineAll);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture,
        $"app {App:F1} s, generator {Generator:F1} s, whole machine busy {MachineBusy:F1} of {MachineAll:F1} CPU-s ({100 * MachineBusy / Math.Max(1, MachineAll):F0} %)");
}
