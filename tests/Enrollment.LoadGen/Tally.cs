using System.Collections.Concurrent;
using System.Diagnostics;

namespace Enrollment.LoadGen;

/// <summary>What the run saw, from every client at once: answers by status and code, latencies, 201s per second, faults.</summary>
internal sealed class Tally(TimeSpan duration)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly int[] _createdPerSecond = new int[(int)duration.TotalSeconds + 600];
    private readonly ConcurrentQueue<(double StartSeconds, double Milliseconds)> _latencies = new();
    private readonly ConcurrentQueue<string> _unexpected = new();

    public ConcurrentDictionary<string, long> Statuses { get; } = new();
    public ConcurrentDictionary<string, long> Codes { get; } = new();
    public ConcurrentDictionary<string, long> Events { get; } = new();

    public TimeSpan Elapsed => _clock.Elapsed;

    public void Restart() => _clock.Restart();

    /// <summary>One answered attempt.</summary>
    public void Answer(double startSeconds, double milliseconds, int status, string? code)
    {
        _latencies.Enqueue((startSeconds, milliseconds));
        Statuses.AddOrUpdate(status.ToString(System.Globalization.CultureInfo.InvariantCulture), 1, (_, n) => n + 1);
        if (code is not null)
        {
            Codes.AddOrUpdate($"{status} {code}", 1, (_, n) => n + 1);
        }
        if (status == 201)
        {
            var second = (int)_clock.Elapsed.TotalSeconds;
            if (second < _createdPerSecond.Length)
            {
                Interlocked.Increment(ref _createdPerSecond[second]);
            }
        }
    }

    /// <summary>Something that is not an answer, or a decision about one: "connection refused", "timeout", "retry"…</summary>
    public void Count(string what) => Events.AddOrUpdate(what, 1, (_, n) => n + 1);

    /// <summary>A sign of an outage (a 503, a timeout, a connection error): when the first and the last were seen.</summary>
    public void Outage(string what)
    {
        Count(what);
        var now = _clock.Elapsed.TotalSeconds;
        lock (_latencies)
        {
            FirstOutage ??= now;
            LastOutage = now;
        }
    }

    public double? FirstOutage { get; private set; }

    public double? LastOutage { get; private set; }

    public long Event(string what) => Events.TryGetValue(what, out var n) ? n : 0;

    /// <summary>An answer that is not what its request expected: counted, and the first few kept to print.</summary>
    public void Unexpected(string what)
    {
        Count("unexpected answer");
        if (_unexpected.Count < 20)
        {
            _unexpected.Enqueue(what);
        }
    }

    public IReadOnlyCollection<string> UnexpectedExamples => _unexpected;

    /// <summary>Latencies (ms) of the attempts started inside [from, to) seconds, sorted.</summary>
    public double[] Latencies(double from, double to) =>
        _latencies.Where(l => l.StartSeconds >= from && l.StartSeconds < to).Select(l => l.Milliseconds).Order().ToArray();

    /// <summary>201 answers completed in each whole second of [from, to).</summary>
    public int[] CreatedPerSecond(int from, int to) => _createdPerSecond[from..Math.Min(to, _createdPerSecond.Length)];
}
