using Enrollment.Domain.Rules;

namespace Enrollment.Cli.Generate;

/// <summary>
/// When and how residents pay within the collection window: a slow start, a steady rise, and a rush in the last
/// ten days before the deadline; fewer payments at weekends. Older residents pay through the village
/// collector, 裕农通 or the bank counter; younger ones by WeChat, Alipay or the e-tax app.
/// </summary>
internal sealed class PaymentCalendar
{
    // In PaymentChannel order, GovernmentDirect excluded (it is chosen for fully subsidised residents).
    private static readonly double[] YoungChannels = SeededRandom.Cumulative([12, 14, 8, 6, 32, 14, 4, 5, 5]);
    private static readonly double[] OldChannels = SeededRandom.Cumulative([22, 35, 10, 1, 12, 3, 2, 10, 5]);

    private readonly DateOnly _first;
    private readonly double[] _dayCumulative;

    /// <param name="policy">The campaign whose window the payments fall in.</param>
    /// <param name="paidThrough">The business date: nobody has paid after it yet (the window may still be open).</param>
    public PaymentCalendar(CompiledPolicy policy, DateOnly? paidThrough)
    {
        var window = policy.Window;
        var windowEnd = window.LastDayInclusive;

        // A window without a first day (滕州 2020) is treated as opening three months before its deadline.
        _first = window.FirstDayInclusive ?? windowEnd.AddMonths(-3);
        Last = paidThrough is { } through && through < windowEnd ? through : windowEnd;
        if (Last < _first)
        {
            throw new ArgumentException($"no payment day: the window opens on {_first:yyyy-MM-dd}, after {Last:yyyy-MM-dd}");
        }

        var span = windowEnd.DayNumber - _first.DayNumber;
        var weights = new double[Last.DayNumber - _first.DayNumber + 1];
        for (var d = 0; d < weights.Length; d++)
        {
            var t = span == 0 ? 1.0 : d / (double)span;
            var daysLeft = span - d;
            var rush = daysLeft < 10 ? 3.0 * (1 - (daysLeft / 10.0)) : 0;
            var weekday = _first.AddDays(d).DayOfWeek;
            var weekend = weekday is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.75 : 1.0;
            weights[d] = (0.25 + (1.5 * t * t) + rush) * weekend;
        }

        _dayCumulative = SeededRandom.Cumulative(weights);
    }

    public DateOnly First => _first;

    /// <summary>The last day anyone has paid (the window's end, or the business date if earlier).</summary>
    public DateOnly Last { get; }

    public DateOnly PaymentDay(SeededRandom random) => _first.AddDays(random.PickWeighted(_dayCumulative));

    public static PaymentChannel Channel(SeededRandom random, int payerAge) =>
        (PaymentChannel)random.PickWeighted(payerAge >= 60 ? OldChannels : YoungChannels);
}
