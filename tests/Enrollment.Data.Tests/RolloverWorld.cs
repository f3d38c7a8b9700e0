using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;
using Enrollment.Testing;

namespace Enrollment.Data.Tests;

/// <summary>
/// Hand-built residents for the roll-over, each with one story, saved through the app role. 滕州 has campaigns for
/// 2022, 2024 (accepted) and 2025 (open, the source); 鲍沟镇 and 滨湖镇 one village each. 浦北 has its own 2025.
/// The expected 2026 history of each resident is in its name.
/// </summary>
public sealed class RolloverWorld
{
    private static readonly DateTimeOffset At = new(2024, 10, 8, 2, 0, 0, TimeSpan.Zero);
    private int _sequence;

    public int TenantA { get; private set; }
    public int TenantB { get; private set; }
    public long UserA { get; private set; }
    public Jurisdiction Baogou { get; private set; } = null!;
    public long Tz2025 { get; private set; }
    public long Pb2025 { get; private set; }
    public Dictionary<string, long> Residents { get; } = [];

    public static async Task<RolloverWorld> SeedAsync(TestDb db)
    {
        var world = new RolloverWorld();
        await using (var system = db.OwnerContext(new TenantContext()))
        {
            system.Tenant.Identify("test-admin");
            var a = new Tenant { Code = "tengzhou", Name = "滕州市医疗保障局", RegionCode = "370481" };
            var b = new Tenant { Code = "pubei", Name = "浦北县医疗保障局", RegionCode = "450722" };
            system.Tenants.AddRange(a, b);
            await system.SaveChangesAsync();
            (world.TenantA, world.TenantB) = (a.Id, b.Id);
            var user = new UserAccount { TenantId = a.Id, Login = "tz-bureau", DisplayName = "滕州 医保局", Role = UserRole.BureauAdmin };
            system.UserAccounts.Add(user);
            await system.SaveChangesAsync();
            world.UserA = user.Id;
        }

        await using (var ctx = db.AppContext(world.TenantA))
        {
            var county = await Add(ctx, new Jurisdiction { Level = JurisdictionLevel.County, Name = "滕州市" });
            world.Baogou = await Add(ctx, new Jurisdiction { ParentId = county.Id, Level = JurisdictionLevel.Township, Name = "鲍沟镇" });
            var binhu = await Add(ctx, new Jurisdiction { ParentId = county.Id, Level = JurisdictionLevel.Township, Name = "滨湖镇" });
            var village = await Add(ctx, new Jurisdiction { ParentId = world.Baogou.Id, Level = JurisdictionLevel.Village, Name = "大北坞村" });
            var binhuVillage = await Add(ctx, new Jurisdiction { ParentId = binhu.Id, Level = JurisdictionLevel.Village, Name = "渠庄村" });
            var y2022 = await AddCampaign(ctx, "tengzhou-2022", 2022);
            var y2024 = await AddCampaign(ctx, "tengzhou-2024", 2024);
            var y2025 = await AddCampaign(ctx, "tengzhou-2025", 2025);
            world.Tz2025 = y2025.Id;

            async Task<CampaignEnrollment> Enrol(string name, Campaign campaign, EnrollmentHistory history, int gap = 0) =>
                await EnrolAsync(ctx, world.Residents[name], campaign, history, gap);

            await world.AddResidentAsync(ctx, "continuing", village);
            await world.PayAsync(ctx, await Enrol("continuing", y2025, EnrollmentHistory.Continuing), confirmed: true);

            // Paid in 2024, registered 2025 but the payment was never confirmed: covered last in 2024.
            await world.AddResidentAsync(ctx, "unconfirmed_gap1", village);
            await world.PayAsync(ctx, await Enrol("unconfirmed_gap1", y2024, EnrollmentHistory.Continuing), confirmed: true);
            await world.PayAsync(ctx, await Enrol("unconfirmed_gap1", y2025, EnrollmentHistory.Continuing), confirmed: false);

            // Paid 2025, then refunded (a reversal): not paid; the 2025 record says covered in 2024.
            await world.AddResidentAsync(ctx, "reversed_gap1", village);
            var paid = await world.PayAsync(ctx, await Enrol("reversed_gap1", y2025, EnrollmentHistory.Continuing), confirmed: true);
            await ReverseAsync(ctx, paid);

            // The 2025 record says interrupted with gap 2 (last covered 2022) and nobody paid 2025: gap 3 in 2026.
            await world.AddResidentAsync(ctx, "recorded_gap3", village);
            await Enrol("recorded_gap3", y2025, EnrollmentHistory.Interrupted, 2);

            // Paid in 2022 only, no later record: gap 2023, 2024, 2025.
            await world.AddResidentAsync(ctx, "paid2022_gap3", village);
            await world.PayAsync(ctx, await Enrol("paid2022_gap3", y2022, EnrollmentHistory.FirstTime), confirmed: true);

            await world.AddResidentAsync(ctx, "never_first", village);
            await world.AddResidentAsync(ctx, "unpaid_first", village);
            await Enrol("unpaid_first", y2025, EnrollmentHistory.FirstTime);

            // 拒绝参保 in 2025 never leaves the base: asked again, with the 2024 payment as last cover.
            await world.AddResidentAsync(ctx, "refused_gap1", village);
            await world.PayAsync(ctx, await Enrol("refused_gap1", y2024, EnrollmentHistory.Continuing), confirmed: true);
            world.Exclude(ctx, "refused_gap1", y2025, "refused");

            // 职工医保 in 2025: insured elsewhere, not rolled over.
            await world.AddResidentAsync(ctx, "employee_skipped", village);
            world.Exclude(ctx, "employee_skipped", y2025, "employee_insurance");

            await world.AddResidentAsync(ctx, "deceased_skipped", village, ResidentStatus.Deceased);
            await world.PayAsync(ctx, await Enrol("deceased_skipped", y2025, EnrollmentHistory.Continuing), confirmed: true);
            await world.AddResidentAsync(ctx, "moved_skipped", village, ResidentStatus.MovedOut);
            await world.AddResidentAsync(ctx, "cancelled_skipped", village, ResidentStatus.Cancelled);

            // Outside 鲍沟: only county-wide campaigns cover them.
            await world.AddResidentAsync(ctx, "binhu_continuing", binhuVillage);
            await world.PayAsync(ctx, await Enrol("binhu_continuing", y2025, EnrollmentHistory.Continuing), confirmed: true);
            await ctx.SaveChangesAsync();
        }

        await using (var ctx = db.AppContext(world.TenantB))
        {
            var county = await Add(ctx, new Jurisdiction { Level = JurisdictionLevel.County, Name = "浦北县" });
            var township = await Add(ctx, new Jurisdiction { ParentId = county.Id, Level = JurisdictionLevel.Township, Name = "张黄镇" });
            var village = await Add(ctx, new Jurisdiction { ParentId = township.Id, Level = JurisdictionLevel.Village, Name = "石垌村" });
            var y2025 = await AddCampaign(ctx, "pubei-2025", 2025);
            world.Pb2025 = y2025.Id;
            await world.AddResidentAsync(ctx, "pubei_continuing", village);
            await world.PayAsync(ctx, await EnrolAsync(ctx, world.Residents["pubei_continuing"], y2025, EnrollmentHistory.Continuing, 0), confirmed: true);
        }
        return world;
    }

    /// <summary>A campaign of <paramref name="tenant"/>, moved along to <paramref name="status"/>.</summary>
    public static async Task<long> AddCampaignAsync(
        TestDb db, int tenant, string code, int year, CampaignStatus status = CampaignStatus.Draft, long? jurisdictionId = null)
    {
        await using var ctx = db.AppContext(tenant);
        var campaign = await AddCampaign(ctx, code, year, jurisdictionId);
        for (var step = CampaignStatus.Draft; step < status; step++)
        {
            campaign.MoveTo(step + 1);
        }
        await ctx.SaveChangesAsync();
        return campaign.Id;
    }

    private static async Task<T> Add<T>(EnrollmentDbContext ctx, T entity)
        where T : class
    {
        ctx.Add(entity);
        await ctx.SaveChangesAsync();
        return entity;
    }

    private static Task<Campaign> AddCampaign(EnrollmentDbContext ctx, string code, int year, long? jurisdictionId = null) =>
        Add(ctx, new Campaign { Code = code, Name = code + " 居民医保征缴", PolicyYear = year, JurisdictionId = jurisdictionId, CreatedAt = At });

    private async Task AddResidentAsync(EnrollmentDbContext ctx, string name, Jurisdiction village, ResidentStatus status = ResidentStatus.Active)
    {
        var resident = new Resident { Name = name, VillageId = village.Id, Status = status, CreatedAt = At };
        resident.SetCitizenId(World.WithCheck(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"37048119800101{++_sequence:D3}")));
        ctx.Residents.Add(resident);
        await ctx.SaveChangesAsync();
        Residents[name] = resident.Id;
    }

    private static async Task<CampaignEnrollment> EnrolAsync(EnrollmentDbContext ctx, long resident, Campaign campaign, EnrollmentHistory history, int gap)
    {
        var enrollment = new CampaignEnrollment
        {
            CampaignId = campaign.Id, ResidentId = resident, History = history, GapYears = gap, RegisteredAt = At,
        };
        ctx.Enrollments.Add(enrollment);
        await ctx.SaveChangesAsync();
        return enrollment;
    }

    private async Task<long> PayAsync(EnrollmentDbContext ctx, CampaignEnrollment enrollment, bool confirmed)
    {
        var made = await Enrollment.Data.Payments.PaymentService.RecordAsync(
            ctx, enrollment.Id, new Enrollment.Data.Payments.NewPayment("yunongtong", "R" + ++_sequence, new DateOnly(2024, 10, 8), 400m, confirmed), At);
        return made!.Value.PaymentId;
    }

    private static async Task ReverseAsync(EnrollmentDbContext ctx, long payment) =>
        (await Enrollment.Data.Payments.PaymentService.ChangeAsync(ctx, payment, Enrollment.Data.Payments.PaymentChange.Reverse, "测试冲正", At.AddDays(2)))
            .State.ShouldBe(PaymentState.Reversed);

    private void Exclude(EnrollmentDbContext ctx, string name, Campaign campaign, string reason) =>
        ctx.Exclusions.Add(new Exclusion { CampaignId = campaign.Id, ResidentId = Residents[name], ReasonCode = reason, RecordedAt = At });
}

/// <summary>A fresh migrated database per test class, seeded with <see cref="RolloverWorld"/>.</summary>
public sealed class RolloverFixture : DatabaseFixture
{
    public TestDb Db { get; private set; } = null!;

    public RolloverWorld World { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Db = new TestDb(ConnectionString, AppConnectionString);
        World = await RolloverWorld.SeedAsync(Db);
    }

    public override async Task DisposeAsync()
    {
        await Db.DisposeAsync();
        await base.DisposeAsync();
    }
}
