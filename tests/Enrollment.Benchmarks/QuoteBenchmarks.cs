using BenchmarkDotNet.Attributes;
using Enrollment.Domain.Policies;
using Enrollment.Domain.Rules;

namespace Enrollment.Benchmarks;

/// <summary>
/// Quotes per second on one thread over a realistic mix, all five campaigns interleaved. Each invocation
/// quotes <see cref="Batch"/> residents; BenchmarkDotNet reports the time and allocation per quote.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 5, iterationCount: 15)]
public class QuoteBenchmarks
{
    private const int Batch = 4096;
    private CompiledPolicy[] _policies = [];
    private QuoteRequest[] _requests = [];
    private int[] _policyOf = [];

    [GlobalSetup]
    public void Setup()
    {
        _policies = [.. PolicyCatalog.CampaignIds.Select(PolicyCatalog.Compile)];
        var random = new Random(2025);
        _requests = new QuoteRequest[Batch];
        _policyOf = new int[Batch];
        for (var i = 0; i < Batch; i++)
        {
            var p = random.Next(_policies.Length);
            _policyOf[i] = p;
            _requests[i] = ResidentMix.ToRequest(ResidentMix.Next(random, _policies[p]));
        }
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "Quote (mixed campaigns)")]
    public decimal QuoteMix()
    {
        var total = 0m;
        var requests = _requests;
        for (var i = 0; i < requests.Length; i++)
        {
            _policies[_policyOf[i]].Quote(requests[i], out var quote);
            total += quote.Payable;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Batch, Description = "Quote + render Chinese explanation")]
    public int QuoteAndExplain()
    {
        var length = 0;
        var requests = _requests;
        for (var i = 0; i < requests.Length; i++)
        {
            var policy = _policies[_policyOf[i]];
            policy.Quote(requests[i], out var quote);
            length += ExplanationText.ToChinese(quote, policy).Length;
        }

        return length;
    }
}
