using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Tests;

/// <summary>
/// Two tenants with a row in every tenant-owned table, saved through the app role:
/// 滕州 (county → 鲍沟镇 → 片区 → 大北坞村 → 自然村, and 滨湖镇 → 渠庄村) and 浦北 (county → 张黄镇 → 石垌村).
/// Resident 1 of 滕州 lives in 鲍沟's village, resident 2 in 滨湖's; 浦北's resident has the same citizen ID as
/// 滕州's resident 1: they lived in 浦北 and moved out (迁出), so 浦北's registry entry is released and 滕州 holds
/// the one active registration a person may have.
/// </summary>
public sealed class World
{
    public const string SharedId = "11010519491231002X";     // female, 1949-12-31

    public int TenantA { get; private set; }
    public int TenantB { get; private set; }
    public long UserA { get; private set; }
    public Jurisdiction BaogouTownship { get; private set; } = null!;
    public Jurisdiction BaogouVillage { get; private set; } = null!;
    public Jurisdiction BinhuVillage { get; private set; } = null!;
    public long ResidentA1 { get; private set; }
    public long ResidentA2 { get; private set; }
    public long ResidentB { get; private set; }

    public static string WithCheck(string first17) =>
        first17 + Enrollment.Domain.Residents.CitizenId.ComputeCheckCharacter(first17);

    public static async Task<World> SeedAsync(TestDb db)
    {
        var world = new World();
        await using (var system = db.OwnerContext(new TenantContext()))
        {
            system.Tenant.Identify("test-admin");
            var a = new Tenant { Code = "tengzhou", Name = "滕州市医疗保障局", RegionCode = "370481" };
            var b = new Tenant { Code = "pubei", Name = "浦北县医疗保障局", RegionCode = "450722" };
            system.Tenants.AddRange(a, b);
            await system.SaveChangesAsync();
            world.TenantA = a.Id;
            world.TenantB = b.Id;
            var user = new UserAccount { TenantId = a.Id, Login = "tz-bureau", DisplayName = "滕州 医保局", Role = UserRole.BureauAdmin };
            system.UserAccounts.Add(user);
            await system.SaveChangesAsync();
            world.UserA = user.Id;
        }

        await using (var ctx = db.AppContext(world.TenantA))
        {
            var county = new Jurisdiction { Level = JurisdictionLevel.County, Name = "滕州市", AdminCode = "370481" };
            ctx.Jurisdictions.Add(county);
            await ctx.SaveChangesAsync();
            var baogou = new Jurisdiction { ParentId = county.Id, Level = JurisdictionLevel.Township, Name = "鲍沟镇", DisplayOrder = 1 };
            var binhu = new Jurisdiction { ParentId = county.Id, Level = JurisdictionLevel.Township, Name = "滨湖镇", DisplayOrder = 2 };
            ctx.Jurisdictions.AddRange(baogou, binhu);
            await ctx.SaveChangesAsync();
            var group = new Jurisdiction { ParentId = baogou.Id, Level = JurisdictionLevel.Grouping, Name = "鲍沟片区" };
            var binhuVillage = new Jurisdiction { ParentId = binhu.Id, Level = JurisdictionLevel.Village, Name = "渠庄村" };
            ctx.Jurisdictions.AddRange(group, binhuVillage);
            await ctx.SaveChangesAsync();
            var village = new Jurisdiction { ParentId = group.Id, Level = JurisdictionLevel.Village, Name = "大北坞村", IsPovertyVillage = true };
            ctx.Jurisdictions.Add(village);
            await ctx.SaveChangesAsync();
            ctx.Jurisdictions.Add(new Jurisdiction { ParentId = village.Id, Level = JurisdictionLevel.NaturalVillage, Name = "北坞" });
            await ctx.SaveChangesAsync();
            world.BaogouTownship = baogou;
            world.BaogouVillage = village;
            world.BinhuVillage = binhuVillage;

            var r1 = await AddGraphAsync(ctx, village, SharedId, "张秀英", "tengzhou-2025", "A-1", world.UserA);
            var r2 = await AddGraphAsync(ctx, binhuVillage, WithCheck("37048119800505001"), "李强", "tengzhou-2025", "A-2", world.UserA);
            world.ResidentA1 = r1;
            world.ResidentA2 = r2;
        }

        await using (var ctx = db.AppContext(world.TenantB))
        {
            var county = new Jurisdiction { Level = JurisdictionLevel.County, Name = "浦北县" };
            ctx.Jurisdictions.Add(county);
            await ctx.SaveChangesAsync();
            var township = new Jurisdiction { ParentId = county.Id, Level = JurisdictionLevel.Township, Name = "张黄镇" };
            ctx.Jurisdictions.Add(township);
            await ctx.SaveChangesAsync();
            var village = new Jurisdiction { ParentId = township.Id, Level = JurisdictionLevel.Village, Name = "石垌村" };
            ctx.Jurisdictions.Add(village);
            await ctx.SaveChangesAsync();
            world.ResidentB = await AddGraphAsync(ctx, village, SharedId, "黄秀英", "pubei-2020", "B-1", null, ResidentStatus.MovedOut);
        }
        return world;
    }

    /// <summary>A household, its resident (the head), and for the campaign: quota, enrollment, payment, certification, exclusion.</summary>
    private static async Task<long> AddGraphAsync(
        EnrollmentDbContext ctx, Jurisdiction village, string citizenId, string name, string campaignCode, string reference, long? user,
        ResidentStatus status = ResidentStatus.Active)
    {
        var at = new DateTimeOffset(2024, 10, 8, 2, 0, 0, TimeSpan.Zero);
        var household = new Household { Village = village, Address = village.Name + "1号" };
        var resident = new Resident { Name = name, Village = village, Household = household, RelationToHead = RelationToHead.Self, Phone = "13800000000", Status = status };
        resident.SetCitizenId(citizenId);
        ctx.Residents.Add(resident);
        var campaign = ctx.Campaigns.Local.FirstOrDefault(c => c.Code == campaignCode);
        if (campaign is null)
        {
            campaign = new Campaign { Code = campaignCode, Name = campaignCode + " 居民医保征缴", PolicyYear = 2025,
                WindowStart = new DateOnly(2024, 10, 1), WindowEnd = new DateOnly(2024, 12, 31) };
            campaign.Phases.Add(new CampaignPhase { Ordinal = 1, Name = "征缴与录入", StartsOn = new DateOnly(2024, 10, 1), EndsOn = new DateOnly(2024, 12, 31) });
            campaign.PolicyVersions.Add(new CampaignPolicyVersion { Version = 1, Document = """{"individual": 400}""", CreatedAt = at, Reason = "首次发布", CreatedByUserId = user });
            ctx.Campaigns.Add(campaign);
        }
        await ctx.SaveChangesAsync();
        household.HeadResidentId = resident.Id;

        var quota = new Quota { CampaignId = campaign.Id, Jurisdiction = village };
        quota.Change(1000, user, "下达任务", at);
        var enrollment = new CampaignEnrollment { Campaign = campaign, Resident = resident, RegisteredAt = at, RegisteredByUserId = user };
        enrollment.ApplyQuote(new QuoteSnapshot(1, 200m, 200m, "age_70_plus", 200m, 0m, "special_group", "direct", new DateOnly(2025, 1, 1), false), at);
        ctx.Quotas.Add(quota);
        ctx.Enrollments.Add(enrollment);
        var payment = new Payment { Enrollment = enrollment, ResidentId = resident.Id, State = PaymentState.Confirmed, Amount = 200m, ChannelCode = "yunongtong", PaidOn = new DateOnly(2024, 10, 8), Reference = reference, RecordedAt = at, RecordedByUserId = user, ConfirmedAt = at, ConfirmedByUserId = user };
        ctx.Payments.Add(payment);
        // A received hand-over sheet of the village (any account may be the collector: the key to user_accounts is global).
        ctx.HandoverSheets.Add(new HandoverSheet
        {
            CollectorUserId = user ?? await ctx.UserAccounts.OrderBy(u => u.Id).Select(u => u.Id).FirstAsync(), Village = village,
            CollectedOn = new DateOnly(2024, 10, 8), Number = 1, PaymentCount = 1, Total = 200m, ReceivedAt = at, ReceivedByUserId = user,
        });
        ctx.ApiKeys.Add(new ApiKey { Name = "测试 " + reference, Scopes = [ApiScopes.PaymentsWrite], SecretHash = System.Text.Encoding.UTF8.GetBytes(reference), CreatedAt = at });
        ctx.Certifications.Add(new Certification { CampaignId = campaign.Id, Resident = resident, CategoryCode = "dibao", Department = "民政局", FirstCertifiedOn = new DateOnly(2019, 3, 1), SourceListVersion = "2024-09", RecordedAt = at });
        ctx.Exclusions.Add(new Exclusion { CampaignId = campaign.Id, Resident = resident, ReasonCode = "refused", Note = "测试", RecordedAt = at });
        // Both ends in the same village: visible to exactly the scopes that see the resident.
        ctx.TransferRequests.Add(new TransferRequest { ResidentId = resident.Id, FromVillageId = village.Id, ToVillageId = village.Id, RequestedByUserId = user, RequestedAt = at, Reason = "测试" });
        await ctx.SaveChangesAsync();
        ctx.PaymentRequests.Add(new PaymentRequest { ChannelCode = "yunongtong", Reference = reference, ResidentId = resident.Id, CampaignId = campaign.Id, Name = name, Amount = 200m, PaidOn = payment.PaidOn, PaymentId = payment.Id, Outcome = "recorded", ReceivedAt = at });
        await ctx.SaveChangesAsync();
        // The enrollment's payment state and the progress delta, as the payment functions write them.
        await Microsoft.EntityFrameworkCore.RelationalDatabaseFacadeExtensions.ExecuteSqlAsync(ctx.Database, $"SELECT enrollment_refresh_payment_state({ctx.Tenant.TenantId!.Value}, ARRAY[{enrollment.Id}]::bigint[])");
        return resident.Id;
    }
}
