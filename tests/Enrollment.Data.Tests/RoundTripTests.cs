using Enrollment.Domain.Residents;
using System.Text.Json.Nodes;
using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Tests;

/// <summary>Every entity saves and loads back with the same values, through the app role.</summary>
public sealed class RoundTripTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    private static readonly DateTimeOffset At = new(2024, 11, 2, 3, 4, 5, TimeSpan.Zero);

    private TestDb Db => fixture.Db;
    private World World => fixture.World;

    [Fact]
    public async Task Global_entities_round_trip()
    {
        var tenant = new Tenant { Code = "qufu", Name = "曲阜市医疗保障局", RegionCode = "370881" };
        // Written as the owner, as the seed and the CLI do: the app role writes accounts only through the account
        // functions, and its system audit rows need a real account as actor. Read back below as the app role.
        await using (var owner = Db.OwnerContext(new TenantContext()))
        {
            owner.Tenants.Add(tenant);
            await owner.SaveChangesAsync();
        }
        var user = new UserAccount { TenantId = tenant.Id, Login = "qf-xiaoxue", DisplayName = "小雪街道 医保所", Role = UserRole.TownshipStaff, JurisdictionId = 7, PasswordHash = "hash" };
        await using (var owner = Db.OwnerContext(new TenantContext()))
        {
            owner.UserAccounts.Add(user);
            await owner.SaveChangesAsync();
        }

        await using var db = Db.AppContext(new TenantContext());
        AssertSame(db, tenant, await db.Tenants.SingleAsync(t => t.Code == "qufu"));
        AssertSame(db, user, await db.UserAccounts.SingleAsync(u => u.Login == "qf-xiaoxue"));
        tenant.CreatedAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5)); // the database default, read back
        (await db.PaymentChannels.SingleAsync(c => c.IsGovernment)).Code.ShouldBe("government_direct");
        (await db.HukouTypes.OrderBy(h => h.DisplayOrder).Select(h => h.Code).ToListAsync())
            .ShouldBe(["local", "student", "residence_permit", "accompanying_child"]);
        (await db.ExclusionReasons.SingleAsync(r => r.Code == "married_out")).ShouldSatisfyAllConditions(
            r => r.Name.ShouldBe("婚出"), r => r.Kind.ShouldBe(ExclusionKind.SpecialCase), r => r.LeavesBase.ShouldBeTrue());
        (await db.CategoryCodes.SingleAsync(c => c.Code == "tekun")).Department.ShouldBe("民政局");
    }

    [Fact]
    public async Task Jurisdictions_households_and_residents_round_trip()
    {
        var village = new Jurisdiction { ParentId = World.BaogouTownship.Id, Level = JurisdictionLevel.Village, Name = "前湖村", AdminCode = "370481109201", DisplayOrder = 7, IsPovertyVillage = true };
        await SaveAsync(village);
        village.Path.ShouldBe($"{World.BaogouTownship.Path}{village.Id}/");

        var household = new Household { VillageId = village.Id, HouseholdNumber = "370481-0001", Address = "前湖村3号" };
        await SaveAsync(household);
        var resident = new Resident { Name = "王小明", VillageId = village.Id, HouseholdId = household.Id, RelationToHead = RelationToHead.Grandchild, HukouType = "student", Phone = "15900000000", Status = ResidentStatus.MovedOut, StatusChangedOn = new DateOnly(2024, 6, 1) };
        var citizenId = World.WithCheck("37048120150228001");
        resident.SetCitizenId(citizenId.ToLowerInvariant());
        await SaveAsync(resident);

        resident.CitizenId.ShouldBe(citizenId);
        resident.BirthDate.ShouldBe(new DateOnly(2015, 2, 28));
        resident.Sex.ShouldBe(Sex.Male);

        await using var db = Db.AppContext(World.TenantA);
        AssertSame(db, village, await db.Jurisdictions.SingleAsync(j => j.Id == village.Id));
        AssertSame(db, household, await db.Households.SingleAsync(h => h.Id == household.Id));
        AssertSame(db, resident, await db.Residents.SingleAsync(r => r.Id == resident.Id));
    }

    [Fact]
    public void Legacy_15_digit_numbers_are_upgraded_and_bad_numbers_refused()
    {
        var resident = new Resident();
        resident.SetCitizenId("370481490101002");
        resident.CitizenId.ShouldBe(World.WithCheck("37048119490101002"));
        resident.Sex.ShouldBe(Sex.Female);
        resident.BirthDate.ShouldBe(new DateOnly(1949, 1, 1));
        Should.Throw<FormatException>(() => resident.SetCitizenId("110105194912310021")).Message.ShouldBe("citizen ID number check character is wrong: expected 'X', found '1'");
        Should.Throw<FormatException>(() => resident.SetCitizenId("11010519491331002X")).Message.ShouldContain("impossible birth date 1949-13-31");
        Should.Throw<FormatException>(() => resident.SetCitizenId("１１０１０５１９４９１２３１００２X")).Message.ShouldContain("only ASCII digits are accepted");
    }

    [Fact]
    public async Task Campaigns_phases_policy_versions_and_quotas_round_trip()
    {
        var campaign = new Campaign { Code = "tengzhou-2026", Name = "2026年度居民医保征缴", PolicyYear = 2026, JurisdictionId = World.BaogouTownship.Id, WindowStart = new DateOnly(2025, 9, 1), WindowEnd = new DateOnly(2025, 12, 31) };
        campaign.Phases.Add(new CampaignPhase { Ordinal = 1, Name = "征缴与录入", StartsOn = new DateOnly(2025, 9, 1), EndsOn = new DateOnly(2025, 11, 25) });
        campaign.Phases.Add(new CampaignPhase { Ordinal = 2, Name = "公示验收", StartsOn = new DateOnly(2025, 11, 26), EndsOn = new DateOnly(2025, 12, 31) });
        campaign.PolicyVersions.Add(new CampaignPolicyVersion { Version = 1, Document = """{"individual": 400, "rules": [{"basis": "dibao", "share": 1.0}]}""", CreatedAt = At, Reason = "首次发布", CreatedByUserId = World.UserA });
        campaign.MoveTo(CampaignStatus.Open);
        await SaveAsync(campaign);
        Should.Throw<InvalidOperationException>(() => campaign.MoveTo(CampaignStatus.Accepted));

        await using (var edit = Db.AppContext(TenantContext.For(World.TenantA, "tz-bureau", World.UserA)))
        {
            var stored = await edit.Campaigns.Include(c => c.PolicyVersions).SingleAsync(c => c.Id == campaign.Id);
            stored.AddPolicyVersion("""{"individual": 380}""", "调整个人缴费标准", World.UserA, At.AddDays(3)).Version.ShouldBe(2);
            await edit.SaveChangesAsync();
            (await edit.CampaignPolicyVersions.Where(v => v.CampaignId == campaign.Id).OrderBy(v => v.Version).Select(v => v.Reason).ToListAsync())
                .ShouldBe(["首次发布", "调整个人缴费标准"]);
        }

        var quota = new Quota { CampaignId = campaign.Id, JurisdictionId = World.BaogouTownship.Id };
        quota.Change(81635, World.UserA, "下达任务", At);
        await SaveAsync(quota);
        quota.Change(82000, World.UserA, "11月份调整", At.AddDays(30));
        await SaveAsync(quota);

        await using var db = Db.AppContext(World.TenantA);
        var loaded = await db.Campaigns.Include(c => c.Phases).Include(c => c.PolicyVersions).SingleAsync(c => c.Id == campaign.Id);
        AssertSame(db, campaign, loaded);
        loaded.Status.ShouldBe(CampaignStatus.Open);
        loaded.Phases.OrderBy(p => p.Ordinal).Select(p => p.Name).ShouldBe(["征缴与录入", "公示验收"]);
        foreach (var phase in campaign.Phases)
        {
            AssertSame(db, phase, loaded.Phases.Single(p => p.Id == phase.Id));
        }
        AssertSame(db, campaign.PolicyVersions[0], loaded.PolicyVersions.Single(v => v.Version == 1));
        loaded.CurrentPolicy()!.Document.ShouldBe("""{"individual": 380}""");

        var loadedQuota = await db.Quotas.Include(q => q.Changes).SingleAsync(q => q.Id == quota.Id);
        AssertSame(db, quota, loadedQuota);
        loadedQuota.Target.ShouldBe(82000);
        loadedQuota.Changes.OrderBy(c => c.Id).Select(c => (c.PreviousTarget, c.NewTarget, c.Reason))
            .ShouldBe([(null, 81635, "下达任务"), (81635, 82000, "11月份调整")]);
        foreach (var change in quota.Changes)
        {
            AssertSame(db, change, loadedQuota.Changes.Single(c => c.Id == change.Id));
        }
    }

    [Fact]
    public async Task Enrollments_payments_certifications_and_exclusions_round_trip()
    {
        await using var setup = Db.AppContext(World.TenantA);
        var campaign = await setup.Campaigns.SingleAsync(c => c.Code == "tengzhou-2025");
        var resident = new Resident { Name = "赵敏", VillageId = World.BinhuVillage.Id };
        resident.SetCitizenId(World.WithCheck("37048119550315002"));
        await SaveAsync(resident);

        var enrollment = new CampaignEnrollment { CampaignId = campaign.Id, ResidentId = resident.Id, History = EnrollmentHistory.Interrupted, GapYears = 2, RegisteredAt = At, RegisteredByUserId = World.UserA, Status = EnrollmentStatus.Registered };
        enrollment.ApplyQuote(new QuoteSnapshot(1, 200.00m, 200.00m, "age_60_69", 133.33m, 66.67m, "special_group", "direct", new DateOnly(2025, 1, 1), false), At);
        await SaveAsync(enrollment);
        var payment = new Payment { EnrollmentId = enrollment.Id, ResidentId = resident.Id, Amount = 200.00m, ChannelCode = "wechat", PaidOn = new DateOnly(2024, 11, 2), Reference = "WX-20241102-0001", RecordedAt = At, RecordedByUserId = World.UserA, ConfirmedAt = At.AddHours(2), ConfirmedByUserId = World.UserA, State = PaymentState.Reversed, ReversedAt = At.AddDays(1), ReversedByUserId = World.UserA, ReversalReason = "重复扣款" };
        var certification = new Certification { CampaignId = campaign.Id, ResidentId = resident.Id, CategoryCode = "family_planning", Department = "卫健局", FirstCertifiedOn = new DateOnly(2015, 12, 1), SourceListVersion = "计生-2024-10", RecordedAt = At, RecordedByUserId = World.UserA };
        var exclusion = new Exclusion { CampaignId = campaign.Id, ResidentId = resident.Id, ReasonCode = "employee_insurance", Note = "已参加职工医保", Evidence = "单位参保证明", RecordedAt = At, RecordedByUserId = World.UserA, VerifiedAt = At.AddDays(1), VerifiedByUserId = World.UserA };
        await SaveAsync(payment, certification, exclusion);

        await using var db = Db.AppContext(World.TenantA);
        var loaded = await db.Enrollments.SingleAsync(e => e.Id == enrollment.Id);
        AssertSame(db, enrollment, loaded);
        (loaded.QuoteCountyShare, loaded.QuoteTownshipShare, loaded.QuoteLate).ShouldBe((133.33m, 66.67m, (bool?)false));
        AssertSame(db, payment, await db.Payments.SingleAsync(p => p.Id == payment.Id));
        AssertSame(db, certification, await db.Certifications.SingleAsync(c => c.Id == certification.Id));
        AssertSame(db, exclusion, await db.Exclusions.SingleAsync(x => x.Id == exclusion.Id));
    }

    private async Task SaveAsync(params object[] entities) => await SaveAsync(TenantContext.For(World.TenantA, "tz-bureau", World.UserA), entities);

    private async Task SaveAsync(TenantContext tenant, params object[] entities)
    {
        await using var db = Db.AppContext(tenant);
        foreach (var entity in entities)
        {
            if (IsSaved(entity))
            {
                db.Update(entity);
            }
            else
            {
                db.Add(entity);
            }
        }
        await db.SaveChangesAsync();
    }

    private static bool IsSaved(object entity) => entity is TenantEntity { Id: > 0 };

    /// <summary>Every mapped property has the same value (jsonb compared as JSON, since it normalizes text).</summary>
    private static void AssertSame(EnrollmentDbContext db, object expected, object actual)
    {
        var type = db.Model.FindEntityType(expected.GetType())!;
        foreach (var property in type.GetProperties())
        {
            var (want, got) = (property.PropertyInfo!.GetValue(expected), property.PropertyInfo.GetValue(actual));
            if (property.GetColumnType() == "jsonb" && want is string wantJson && got is string gotJson)
            {
                JsonNode.DeepEquals(JsonNode.Parse(wantJson), JsonNode.Parse(gotJson)).ShouldBeTrue($"{type.ClrType.Name}.{property.Name}");
                continue;
            }
            got.ShouldBe(want, $"{type.ClrType.Name}.{property.Name}");
        }
    }
}
