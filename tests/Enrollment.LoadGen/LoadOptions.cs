using System.Globalization;

namespace Enrollment.LoadGen;

/// <summary>
/// The generator's settings: <c>--name value</c> pairs, the secrets (the API key, the database connection) from the
/// environment so they do not show in the process list.
/// </summary>
internal sealed record LoadOptions
{
    public required Uri BaseUrl { get; init; }
    public required string ApiKey { get; init; }
    public required string Database { get; init; }
    public required string Tenant { get; init; }
    public required string Campaign { get; init; }
    public required DateOnly PaidOn { get; init; }
    public int Clients { get; init; } = 32;
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>Seconds at the start left out of the figures (the requests are still checked).</summary>
    public TimeSpan Warmup { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Share of requests that repeat an earlier one (some sent concurrently with their first copy).</summary>
    public double RepeatShare { get; init; } = 0.10;

    /// <summary>Share of the repeats sent as concurrent copies of a new request (three at once).</summary>
    public double ConcurrentShare { get; init; } = 0.4;

    /// <summary>Share of deliberately wrong requests (amount, ID, channel, name, campaign, body, conflicting repeat).</summary>
    public double WrongShare { get; init; } = 0.05;

    /// <summary>Unpaid residents to prepare; 0 = enough for about 1,500 payments a second.</summary>
    public int Residents { get; init; }

    public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one request is retried (503, 429, timeouts, connection errors) before it is given up.</summary>
    public TimeSpan RetryFor { get; init; } = TimeSpan.FromSeconds(90);

    /// <summary>The longest wait a Retry-After may impose (the app says 10 s for 503; a load test wants to see recovery).</summary>
    public TimeSpan MaxRetryAfter { get; init; } = TimeSpan.FromSeconds(1);

    public int Seed { get; init; }

    /// <summary>Prefix of every reference this run sends, so the checks find its payments and only them.</summary>
    public required string RunId { get; init; }

    /// <summary>The app's process id, to report the CPU time it used during the run (optional).</summary>
    public int? AppPid { get; init; }

    /// <summary>A shell command run once, this far into the run (a fault: restart the database, kill the app).</summary>
    public (TimeSpan At, string Command)? Fault { get; init; }

    public int ResidentsToPrepare => Residents > 0 ? Residents : (int)Math.Max(2_000, Duration.TotalSeconds * 1_500 + 5_000);

    public static LoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"expected --name value, got '{args[i]}'");
            }
            values[args[i][2..]] = args[++i];
        }
        string Get(string name, string? fallback = null) => values.TryGetValue(name, out var v) ? v : fallback
            ?? throw new ArgumentException($"--{name} is required");
        string Env(string name, string variable) => values.TryGetValue(name, out var v) ? v
            : Environment.GetEnvironmentVariable(variable) is { Length: > 0 } e ? e
            : throw new ArgumentException($"--{name} or {variable} is required");
        double Number(string name, double fallback) =>
            values.TryGetValue(name, out var v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

        return new LoadOptions
        {
            BaseUrl = new Uri(Get("base", "http://127.0.0.1:5090")),
            ApiKey = Env("key", "ENROLLMENT_LOADGEN_KEY"),
            Database = Env("db", "ENROLLMENT_LOADGEN_DB"),
            Tenant = Get("tenant", "tengzhou"),
            Campaign = Get("campaign", "tengzhou-2025"),
            PaidOn = DateOnly.ParseExact(Get("paid-on", Environment.GetEnvironmentVariable("Enrollment__BusinessDate")), "yyyy-MM-dd", CultureInfo.InvariantCulture),
            Clients = (int)Number("clients", 32),
            Duration = TimeSpan.FromSeconds(Number("duration", 60)),
            Warmup = TimeSpan.FromSeconds(Number("warmup", 5)),
            RepeatShare = Number("repeat", 0.10),
            ConcurrentShare = Number("concurrent", 0.4),
            WrongShare = Number("wrong", 0.05),
            Residents = (int)Number("residents", 0),
            RequestTimeout = TimeSpan.FromSeconds(Number("timeout", 30)),
            RetryFor = TimeSpan.FromSeconds(Number("retry-for", 90)),
            MaxRetryAfter = TimeSpan.FromSeconds(Number("max-retry-after", 1)),
            // Random unless given: the residents the government pays for stay unpaid, so a fixed order would offer
            // the same ones again to every later run.
            Seed = (int)Number("seed", Random.Shared.Next(1, 1_000_000)),
            RunId = Get("run-id", "LG" + DateTime.UtcNow.ToString("yyMMddHHmmss", CultureInfo.InvariantCulture)),
            AppPid = values.TryGetValue("app-pid", out var pid) ? int.Parse(pid, CultureInfo.InvariantCulture) : null,
            Fault = values.TryGetValue("fault-command", out var fault) ? (TimeSpan.FromSeconds(Number("fault-at", 10)), fault) : null,
        };
    }
}
