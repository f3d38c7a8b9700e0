using System.Collections.Concurrent;
using System.Globalization;

namespace Enrollment.LoadGen;

/// <summary>A request that got a 2xx: what was sent and the first answer, which every repeat must answer again.</summary>
internal sealed record Accepted(Payment Payment, string Body, long PaymentId);

/// <summary>A logical request and its outcome(s), for the database checks afterwards.</summary>
internal sealed record Sent(Kind Kind, Payment Payment, IReadOnlyList<Outcome> Outcomes);

/// <summary>
/// The clients: each loops until the duration is over, drawing what to send — mostly a new payment of an unpaid
/// resident; repeats of accepted ones (sequentially, or as three concurrent copies of a new one); and wrong ones.
/// Every answer is compared with what its request should get.
/// </summary>
internal sealed class LoadRun(LoadOptions options, Sender sender, Tally tally, IEnumerable<Candidate> candidates)
{
    private readonly ConcurrentQueue<Candidate> _unpaid = new(candidates);
    private readonly List<Accepted> _accepted = [];
    private readonly ConcurrentQueue<Sent> _sent = new();
    private readonly string _paidOn = options.PaidOn.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    private long _sequence;

    public IReadOnlyCollection<Sent> Sent => _sent;

    public IReadOnlyList<Accepted> AcceptedRequests => _accepted;

    public bool RanOutOfResidents { get; private set; }

    public async Task RunAsync(CancellationToken ct)
    {
        tally.Restart();
        await Task.WhenAll(Enumerable.Range(0, options.Clients).Select(client => Task.Run(() => ClientAsync(client, ct), ct)));
    }

    private async Task ClientAsync(int client, CancellationToken ct)
    {
        var random = new Random(options.Seed * 1000 + client);
        // Per drawn step: c sends three copies (one new, two repeats); so that repeats are RepeatShare of all requests,
        // c = R·C / (2(1 − R·C)), sequential repeats s = R(1 + 2c) − 2c, wrong w = W(1 + 2c).
        var rc = options.RepeatShare * options.ConcurrentShare;
        var copies = rc / (2 * (1 - rc));
        var repeats = options.RepeatShare * (1 + 2 * copies) - 2 * copies;
        var wrong = options.WrongShare * (1 + 2 * copies);
        while (tally.Elapsed < options.Duration && !ct.IsCancellationRequested && !RanOutOfResidents)
        {
            var u = random.NextDouble();
            var step = u < wrong ? WrongAsync(random, ct)
                : u < wrong + repeats ? RepeatAsync(random, ct)
                : u < wrong + repeats + copies ? FreshAsync(random, 3, ct)
                : FreshAsync(random, 1, ct);
            await step;
        }
    }

    private Payment? NewPayment(Random random, Func<Candidate, Payment, Payment>? change = null)
    {
        if (!_unpaid.TryDequeue(out var c))
        {
            RanOutOfResidents = true;
            return null;
        }
        var payment = new Payment(options.Campaign, c.IdNumber, c.Name, c.Due, _paidOn, Payment.Channels[random.Next(Payment.Channels.Length)],
            string.Create(CultureInfo.InvariantCulture, $"{options.RunId}-{Interlocked.Increment(ref _sequence):D8}"));
        return change is null ? payment : change(c, payment);
    }

    private async Task FreshAsync(Random random, int copies, CancellationToken ct)
    {
        if (NewPayment(random) is not { } payment)
        {
            return;
        }
        var body = payment.Json();
        var outcomes = await Task.WhenAll(Enumerable.Range(0, copies).Select(_ => sender.PostAsync(body, ct)));
        _sent.Enqueue(new Sent(copies == 1 ? Kind.Fresh : Kind.ConcurrentCopies, payment, outcomes));
        var created = outcomes.Where(o => o.Status == 201).ToList();
        var answered = outcomes.Where(o => !o.GaveUp).ToList();
        if (created.Count > 1)
        {
            tally.Unexpected($"{created.Count} answers 201 to {copies} copies of {payment.Reference}");
            return;
        }
        if (answered.Count == 0)
        {
            return;
        }
        // One copy created it (or a lost attempt did, and every copy answers the repeat); the others repeat its answer.
        var first = created.Count == 1 ? created[0] : answered[0];
        var fine = answered.All(o => o == first || (o.Status == 200 && o.Body == first.Body))
            && (created.Count == 1 || (first.Status == 200 && outcomes.Any(o => o.Lost > 0)));
        if (!fine)
        {
            tally.Unexpected($"{payment.Reference} ({copies} copies): {string.Join(" | ", outcomes.Select(o => $"{o.Status} {o.Body}"))}");
            return;
        }
        if (created.Count == 0)
        {
            tally.Count("accepted by a lost attempt (answered 200)");
        }
        lock (_accepted)
        {
            _accepted.Add(new Accepted(payment, first.Body, first.PaymentId!.Value));
        }
    }

    private async Task RepeatAsync(Random random, CancellationToken ct)
    {
        Accepted? earlier;
        lock (_accepted)
        {
            earlier = _accepted.Count == 0 ? null : _accepted[random.Next(_accepted.Count)];
        }
        if (earlier is null)
        {
            await FreshAsync(random, 1, ct);
            return;
        }
        var outcome = await sender.PostAsync(earlier.Payment.Json(), ct);
        _sent.Enqueue(new Sent(Kind.Repeat, earlier.Payment, [outcome]));
        if (!outcome.GaveUp && (outcome.Status != 200 || outcome.Body != earlier.Body))
        {
            tally.Unexpected($"repeat of {earlier.Payment.Reference}: {outcome.Status} {outcome.Body} (first: {earlier.Body})");
        }
    }

    private async Task WrongAsync(Random random, CancellationToken ct)
    {
        var kind = (Kind)random.Next((int)Kind.AmountMismatch, (int)Kind.Conflict + 1);
        Payment? payment;
        string? without = null;
        switch (kind)
        {
            case Kind.Conflict:
                lock (_accepted)
                {
                    payment = _accepted.Count == 0 ? null : _accepted[random.Next(_accepted.Count)].Payment;
                }
                payment = payment is null ? null : payment with { Amount = payment.Amount + 1 };
                break;
            case Kind.UnknownId or Kind.InvalidId or Kind.UnknownCampaign:
                payment = NewOutsider(random, kind);
                break;
            default:
                payment = NewPayment(random, (c, p) => kind switch
                {
                    Kind.AmountMismatch => p with { Amount = c.Due + 10 },
                    Kind.UnknownChannel => p with { Channel = "paypal" },
                    Kind.NameMismatch => p with { Name = c.Name + "甲" },
                    _ => p,
                });
                without = kind == Kind.MissingField ? "paid_on" : null;
                break;
        }
        if (payment is null)
        {
            return;
        }
        var outcome = await sender.PostAsync(payment.Json(without), ct);
        _sent.Enqueue(new Sent(kind, payment, [outcome]));
        var expected = Expected.Of(kind)!.Value;
        if (!outcome.GaveUp && (outcome.Status != expected.Status || outcome.Code != expected.Code))
        {
            tally.Unexpected($"{kind} {payment.Reference}: {outcome.Status} {outcome.Body} (expected {expected.Status} {expected.Code})");
        }
    }

    private Payment NewOutsider(Random random, Kind kind) => new(
        kind == Kind.UnknownCampaign ? "nowhere-2025" : options.Campaign, Expected.OutsideId(random, validCheck: kind != Kind.InvalidId), "王某",
        400m, _paidOn, Payment.Channels[random.Next(Payment.Channels.Length)],
        string.Create(CultureInfo.InvariantCulture, $"{options.RunId}-{Interlocked.Increment(ref _sequence):D8}"));
}
