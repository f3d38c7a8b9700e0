using Enrollment.Domain.Residents;
using Enrollment.Domain.Rules;

namespace Enrollment.Cli.Generate;

/// <summary>
/// A deterministic synthetic county: the same settings and seed give the same households, residents,
/// certifications, exclusions and payments, in the same order. Streams one household at a time (the instance
/// is reused), so a full-size county costs memory for one household, not 1.4 million residents.
/// </summary>
internal sealed class PopulationGenerator
{
    private const double ExcludedShareOfAdults = 0.015;
    private const double ResidencePermitHouseholds = 0.01;

    private readonly CountyLayout _layout;
    private readonly CompiledPolicy _policy;
    private readonly PopulationSettings _settings;

    private readonly CompiledPolicy? _prior;

    /// <param name="prior">Last year's policy: when given, residents enrolled last year also get last year's payment.</param>
    public PopulationGenerator(CountyLayout layout, CompiledPolicy policy, PopulationSettings settings, CompiledPolicy? prior = null)
    {
        settings.Validate();
        _layout = layout;
        _policy = policy;
        _settings = settings;
        _prior = prior;
        Calendar = new PaymentCalendar(policy, settings.PaidThrough);
        PriorCalendar = prior is null ? null : new PaymentCalendar(prior, null);

        // Everyone is born before the first day anyone can pay, so no quote sees a birth after payment.
        ReferenceDate = Calendar.First.AddDays(-1);
    }

    public PaymentCalendar Calendar { get; }

    public PaymentCalendar? PriorCalendar { get; }

    public CompiledPolicy? PriorPolicy => _prior;

    /// <summary>The day ages are counted at.</summary>
    public DateOnly ReferenceDate { get; }

    public CompiledPolicy Policy => _policy;

    public PopulationSettings Settings => _settings;

    public CountyLayout Layout => _layout;

    public IEnumerable<SyntheticHousehold> Households()
    {
        var state = new GenerationState(_layout, _policy, _settings, ReferenceDate);
        while (state.ResidentsMade < _settings.Residents)
        {
            Fill(state);
            yield return state.Household;
        }
    }

    private void Fill(GenerationState state)
    {
        var random = state.Random;
        var household = state.Household;
        var sketches = state.Sketches.AsSpan();
        var count = Math.Min(HouseholdShapes.Sketch(random, sketches), (int)(_settings.Residents - state.ResidentsMade));
        sketches = sketches[..count];
        household.Number = ++state.HouseholdsMade;
        household.VillageIndex = random.PickWeighted(_layout.VillageCumulativeWeights);
        household.HouseNumber = ++state.HouseNumbers[household.VillageIndex];
        household.Count = count;

        var familyName = ChineseNames.Surname(random, _layout.Tenant.RegionCode);
        var permit = random.Chance(ResidencePermitHouseholds);
        for (var i = 0; i < count; i++)
        {
            var sketch = sketches[i];
            var birth = ReferenceDate.AddYears(-sketch.Age).AddDays(-random.Next(365));
            var sharesFamilyName = sketch.Relation is FamilyRelation.Self or FamilyRelation.Child or FamilyRelation.Grandchild
                || (sketch.Relation == FamilyRelation.Parent && sketch.Sex == Sex.Male);
            var surname = sharesFamilyName ? familyName : ChineseNames.Surname(random, _layout.Tenant.RegionCode);
            ref var resident = ref household.Members[i];
            resident = default;
            resident.Number = ++state.ResidentsMade;
            resident.HouseholdNumber = household.Number;
            resident.Relation = sketch.Relation;
            resident.CitizenId = state.Ids.Issue(birth, sketch.Sex);
            resident.Name = ChineseNames.FullName(random, surname, sketch.Sex, birth.Year);
            resident.Phone = ChineseNames.Phone(random, sketch.Age);
            resident.VillageIndex = household.VillageIndex;
            resident.Hukou = !permit ? HukouKind.Local : sketch.Age < 18 ? HukouKind.AccompanyingChild : HukouKind.ResidencePermit;
            (resident.History, resident.GapYears) = DrawHistory(random, resident.CitizenId.BirthDate);
            resident.Exclusion = sketch.Age >= 18 && random.Chance(ExcludedShareOfAdults) ? DrawExclusion(random, sketch.Age) : ExclusionKind.None;
        }

        var members = household.Members.AsSpan(0, count);
        state.Categories.Assign(random, members, sketches);
        Pay(state, members, sketches);
        if (_prior is not null)
        {
            PayLastYear(random, members, sketches);
        }
    }

    // Everyone enrolled last year paid last year (the prior campaign is accepted), as the household did then.
    private void PayLastYear(SeededRandom random, Span<SyntheticResident> members, ReadOnlySpan<MemberSketch> sketches)
    {
        var day = PriorCalendar!.PaymentDay(random);
        var channel = PaymentCalendar.Channel(random, sketches[0].Age);
        for (var i = 0; i < members.Length; i++)
        {
            ref var resident = ref members[i];
            if (!resident.EnrolledLastYear)
            {
                continue;
            }

            var paid = day < resident.CitizenId.BirthDate ? PriorCalendar.Last : day;
            var request = new QuoteRequest(resident.CitizenId, resident.Categories, EnrollmentHistory.Continuing, 0, paid);
            resident.PriorPaidOn = paid;
            resident.PriorQuote = Snapshot(_prior!, request, resident.CitizenId);
            resident.PriorChannel = resident.PriorQuote.Payable == 0 ? PaymentChannel.GovernmentDirect : channel;
        }
    }

    private static QuoteSnapshot Snapshot(CompiledPolicy policy, in QuoteRequest request, CitizenId id)
    {
        policy.Quote(request, out var quote);
        if (!quote.IsSuccess)
        {
            throw new InvalidOperationException(
                $"{policy.CampaignId} refused generated resident {id}: {quote.Error.ToEnglish()}");
        }

        return new QuoteSnapshot(
            quote.Payable, quote.Subsidy, quote.CountyShare, quote.TownshipShare, quote.Basis, quote.Funding,
            quote.Mode, quote.CoverageStart, quote.Late);
    }

    // A household mostly pays together, on one day and through one channel; some members pay on their own.
    private void Pay(GenerationState state, Span<SyntheticResident> members, ReadOnlySpan<MemberSketch> sketches)
    {
        var random = state.Random;
        var householdDay = Calendar.PaymentDay(random);
        var householdChannel = PaymentCalendar.Channel(random, sketches[0].Age);
        for (var i = 0; i < members.Length; i++)
        {
            ref var resident = ref members[i];
            if (!resident.EnrolledThisYear || !random.Chance(_settings.PaidFraction))
            {
                continue;
            }

            var together = random.Chance(0.85);
            var day = together ? householdDay : Calendar.PaymentDay(random);
            var channel = together ? householdChannel : PaymentCalendar.Channel(random, sketches[i].Age);
            var request = new QuoteRequest(resident.CitizenId, resident.Categories, resident.History, resident.GapYears, day);
            resident.PaidOn = day;
            resident.Quote = Snapshot(_policy, request, resident.CitizenId);
            resident.Channel = resident.Quote.Payable == 0 ? PaymentChannel.GovernmentDirect : channel;
        }
    }

    // ~95.5 % enrolled last year; the rest first-time or back after a gap. Babies born since last year's window
    // are necessarily first-time.
    private (EnrollmentHistory, int) DrawHistory(SeededRandom random, DateOnly birth)
    {
        if (birth > ReferenceDate.AddYears(-1))
        {
            return (EnrollmentHistory.FirstTime, 0);
        }

        var u = random.NextDouble();
        return u switch
        {
            < 0.955 => (EnrollmentHistory.Continuing, 0),
            < 0.975 => (EnrollmentHistory.FirstTime, 0),
            < 0.990 => (EnrollmentHistory.Interrupted, 1),
            < 0.996 => (EnrollmentHistory.Interrupted, 2),
            _ => (EnrollmentHistory.Interrupted, random.Between(3, 5)),
        };
    }

    private static ExclusionKind DrawExclusion(SeededRandom random, int age)
    {
        var u = random.NextDouble();
        return age switch
        {
            < 30 => u switch
            {
                < 0.15 => ExclusionKind.ActiveMilitary,
                < 0.60 => ExclusionKind.EmployeeInsurance,
                < 0.85 => ExclusionKind.InsuredElsewhere,
                < 0.95 => ExclusionKind.Refused,
                _ => ExclusionKind.Imprisoned,
            },
            < 60 => u switch
            {
                < 0.50 => ExclusionKind.EmployeeInsurance,
                < 0.80 => ExclusionKind.InsuredElsewhere,
                < 0.92 => ExclusionKind.Refused,
                < 0.95 => ExclusionKind.Imprisoned,
                _ => ExclusionKind.Emigrated,
            },
            _ => u switch
            {
                < 0.45 => ExclusionKind.DeceasedUnregistered,
                < 0.65 => ExclusionKind.Refused,
                < 0.90 => ExclusionKind.InsuredElsewhere,
                _ => ExclusionKind.Emigrated,
            },
        };
    }

    /// <summary>Everything that changes while generating; a fresh one per pass keeps passes identical.</summary>
    private sealed class GenerationState(CountyLayout layout, CompiledPolicy policy, PopulationSettings settings, DateOnly referenceDate)
    {
        public SeededRandom Random { get; } = new(SeededRandom.Derive(settings.TenantCode + "/" + settings.CampaignCode, settings.Seed));

        public CitizenIdAllocator Ids { get; } = new(layout.Tenant.RegionCode);

        public CategoryAssigner Categories { get; } = new(policy, referenceDate);

        public SyntheticHousehold Household { get; } = new();

        public MemberSketch[] Sketches { get; } = new MemberSketch[SyntheticHousehold.MaxMembers];

        public int[] HouseNumbers { get; } = new int[layout.Villages.Count];

        public long ResidentsMade { get; set; }

        public long HouseholdsMade { get; set; }
    }
}
