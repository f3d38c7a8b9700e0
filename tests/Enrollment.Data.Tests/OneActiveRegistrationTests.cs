using Enrollment.Data.Entities;
using Enrollment.Data.Registry;
using Enrollment.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Tests;

/// <summary>
/// 不得重复参保 enforced by the database: one active registration per person across all tenants (the registry's
/// unique index over active entries), released by a death or a move, and atomic between concurrent saves.
/// </summary>
public sealed class OneActiveRegistrationTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    private TestDb Db => fixture.Db;
    private World World => fixture.World;

    [Fact]
    public async Task A_second_active_registration_is_refused_and_nothing_of_it_is_stored()
    {
        await using var b = Db.AppContext(World.TenantB);
        var village = await b.Jurisdictions.SingleAsync(j => j.Level == JurisdictionLevel.Village);
        var again = new Resident { Name = "李强", VillageId = village.Id };
        again.SetCitizenId((await ResidentOfAAsync("李强")).CitizenId);
        b.Residents.Add(again);

        var refused = await Should.ThrowAsync<DuplicateRegistrationException>(() => b.SaveChangesAsync());

        refused.Message.ShouldBe("该身份证号码已在其他县（市）参保登记，不得重复参保。");
        (await Db.ScalarAsync("SELECT count(*) FROM residents WHERE tenant_id = $1 AND name = '李强'", World.TenantB)).ShouldBe(0);
        (await Db.ScalarAsync("SELECT count(*) FROM audit_log WHERE tenant_id = $1 AND after->>'name' = '李强'", World.TenantB)).ShouldBe(0);
    }

    [Fact]
    public async Task A_death_releases_the_entry_so_another_county_can_register_and_a_return_is_then_refused()
    {
        var number = World.WithCheck("37048119500505001");
        await using (var a = Db.AppContext(World.TenantA))
        {
            var resident = new Resident { Name = "赵迁", VillageId = World.BaogouVillage.Id };
            resident.SetCitizenId(number);
            a.Residents.Add(resident);
            await a.SaveChangesAsync();
            resident.Status = ResidentStatus.MovedOut;
            resident.StatusChangedOn = new DateOnly(2024, 11, 1);
            await a.SaveChangesAsync();
        }
        (await Db.ScalarAsync("SELECT count(*) FROM id_hash_registry WHERE id_hash = $1 AND released_at IS NOT NULL", TestDb.Hasher.Hash(number))).ShouldBe(1);

        await using (var b = Db.AppContext(World.TenantB))
        {
            var village = await b.Jurisdictions.SingleAsync(j => j.Level == JurisdictionLevel.Village);
            var moved = new Resident { Name = "赵迁", VillageId = village.Id };
            moved.SetCitizenId(number);
            b.Residents.Add(moved);
            await b.SaveChangesAsync();
        }

        // Back in 滕州's register while 浦北 holds the active entry: refused, the status unchanged.
        await using (var a = Db.AppContext(World.TenantA))
        {
            var resident = await a.Residents.SingleAsync(r => r.CitizenId == number);
            resident.Status = ResidentStatus.Active;
            await Should.ThrowAsync<DuplicateRegistrationException>(() => a.SaveChangesAsync());
        }
        (await Db.ScalarAsync("SELECT count(*) FROM residents WHERE citizen_id = $1 AND status = 'moved_out'", number)).ShouldBe(1);
    }

    [Fact]
    public async Task The_same_new_number_posted_by_three_counties_at_once_is_registered_once()
    {
        var third = await AddThirdTenantAsync();
        var places = new List<(int Tenant, long Village)> { (World.TenantA, World.BaogouVillage.Id), (World.TenantB, 0), (third.Tenant, third.Village) };
        await using (var b = Db.AppContext(World.TenantB))
        {
            places[1] = (World.TenantB, await b.Jurisdictions.Where(j => j.Level == JurisdictionLevel.Village).Select(j => j.Id).SingleAsync());
        }

        for (var trial = 0; trial < 5; trial++)
        {
            var number = World.WithCheck($"45072219900101{trial:D2}1");
            using var start = new Barrier(places.Count);
            var outcomes = await Task.WhenAll(places.Select(place => Task.Run(async () =>
            {
                await using var db = Db.AppContext(place.Tenant);
                await using var transaction = await db.Database.BeginTransactionAsync();
                var resident = new Resident { Name = "并发", VillageId = place.Village };
                resident.SetCitizenId(number);
                db.Residents.Add(resident);
                start.SignalAndWait(TimeSpan.FromSeconds(30));
                try
                {
                    await db.SaveChangesAsync();
                    await transaction.CommitAsync();
                    return true;
                }
                catch (DuplicateRegistrationException)
                {
                    return false;
                }
            })));

            outcomes.Count(o => o).ShouldBe(1, $"trial {trial}");
            (await Db.ScalarAsync("SELECT count(*) FROM residents WHERE citizen_id = $1", number)).ShouldBe(1);
            (await Db.ScalarAsync("SELECT count(*) FROM id_hash_registry WHERE id_hash = $1", TestDb.Hasher.Hash(number))).ShouldBe(1);
        }
    }

    private async Task<Resident> ResidentOfAAsync(string name)
    {
        await using var a = Db.AppContext(World.TenantA);
        return await a.Residents.AsNoTracking().SingleAsync(r => r.Name == name);
    }

    private async Task<(int Tenant, long Village)> AddThirdTenantAsync()
    {
        int tenantId;
        await using (var system = Db.OwnerContext(new TenantContext()))
        {
            system.Tenant.Identify("test-admin");
            var tenant = new Tenant { Code = "qufu", Name = "曲阜市医疗保障局", RegionCode = "370881" };
            system.Tenants.Add(tenant);
            await system.SaveChangesAsync();
            tenantId = tenant.Id;
        }
        await using var ctx = Db.AppContext(tenantId);
        var county = new Jurisdiction { Level = JurisdictionLevel.County, Name = "曲阜市" };
        ctx.Jurisdictions.Add(county);
        await ctx.SaveChangesAsync();
        var township = new Jurisdiction { ParentId = county.Id, Level = JurisdictionLevel.Township, Name = "小雪街道" };
        ctx.Jurisdictions.Add(township);
        await ctx.SaveChangesAsync();
        var village = new Jurisdiction { ParentId = township.Id, Level = JurisdictionLevel.Village, Name = "武家村" };
        ctx.Jurisdictions.Add(village);
        await ctx.SaveChangesAsync();
        return (tenantId, village.Id);
    }
}
