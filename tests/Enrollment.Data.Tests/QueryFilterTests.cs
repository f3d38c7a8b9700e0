using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Tests;

/// <summary>Wall 1: EF global query filters, by tenant and by jurisdiction subtree.</summary>
public sealed class QueryFilterTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    private TestDb Db => fixture.Db;
    private World World => fixture.World;

    [Fact]
    public void Every_tenant_owned_entity_has_the_tenant_filter_and_scoped_ones_the_jurisdiction_filter()
    {
        using var db = Db.AppContext(World.TenantA);
        var problems = new List<string>();
        var tenantOwned = 0;
        foreach (var type in db.Model.GetEntityTypes())
        {
            var filters = type.GetDeclaredQueryFilters().Select(f => f.Key).ToHashSet();
            var owned = typeof(ITenantOwned).IsAssignableFrom(type.ClrType);
            var scoped = typeof(IJurisdictionScoped).IsAssignableFrom(type.ClrType);
            tenantOwned += owned ? 1 : 0;
            if (owned && !filters.Contains(QueryFilters.Tenant))
            {
                problems.Add($"{type.ClrType.Name} is tenant-owned but has no '{QueryFilters.Tenant}' filter");
            }
            if (scoped && !filters.Contains(QueryFilters.Jurisdiction))
            {
                problems.Add($"{type.ClrType.Name} is jurisdiction-scoped but has no '{QueryFilters.Jurisdiction}' filter");
            }
            if (!owned && filters.Count > 0)
            {
                problems.Add($"{type.ClrType.Name} is global but has filters {string.Join(",", filters)}");
            }
        }
        problems.ShouldBeEmpty();
        tenantOwned.ShouldBe(18);
    }

    [Fact]
    public async Task A_context_for_tenant_A_sees_only_A_rows_in_every_tenant_owned_set()
    {
        foreach (var (tenant, other) in new[] { (World.TenantA, World.TenantB), (World.TenantB, World.TenantA) })
        {
            await using var db = Db.AppContext(tenant);
            foreach (var type in TenantTypes(db))
            {
                var rows = await LoadAsync(db, type);
                rows.ShouldNotBeEmpty($"{type.Name} has rows for tenant {tenant}");
                rows.ShouldAllBe(r => r.TenantId == tenant, $"{type.Name} leaks rows of tenant {other}");
            }
        }
    }

    [Fact]
    public async Task The_owner_connection_does_not_bypass_the_filters()
    {
        // Even on the owner role (no row-level security) the context filters by its tenant.
        await using var db = Db.OwnerContext(TenantContext.For(World.TenantB, "test"));
        var residents = await db.Residents.ToListAsync();
        residents.Select(r => r.Name).ShouldBe(["黄秀英"]);
        (await db.Residents.IgnoreQueryFilters().CountAsync()).ShouldBe(3);
    }

    [Fact]
    public async Task Without_a_tenant_tenant_owned_queries_return_nothing_but_reference_data_is_visible()
    {
        await using var db = Db.AppContext(new TenantContext());
        foreach (var type in TenantTypes(db))
        {
            (await LoadAsync(db, type)).ShouldBeEmpty(type.Name);
        }
        (await db.CategoryCodes.CountAsync()).ShouldBe(17);
        (await db.ExclusionReasons.Where(r => !r.LeavesBase).Select(r => r.Name).ToListAsync()).ShouldBe(["拒绝参保"]);
    }

    [Fact]
    public async Task A_township_scoped_context_sees_only_its_subtree()
    {
        var township = World.BaogouTownship;
        await using var scoped = Db.AppContext(World.TenantA, township.Path);
        await using var whole = Db.AppContext(World.TenantA);

        (await scoped.Jurisdictions.OrderBy(j => j.Path).Select(j => j.Name).ToListAsync())
            .ShouldBe(["鲍沟镇", "鲍沟片区", "大北坞村", "北坞"]);
        (await scoped.Residents.Select(r => r.Name).ToListAsync()).ShouldBe(["张秀英"]);
        (await whole.Residents.OrderBy(r => r.Id).Select(r => r.Name).ToListAsync()).ShouldBe(["张秀英", "李强"]);

        foreach (var type in TenantTypes(scoped).Where(t => typeof(IJurisdictionScoped).IsAssignableFrom(t) && t != typeof(Jurisdiction)))
        {
            var inScope = await LoadAsync(scoped, type);
            var all = await LoadAsync(whole, type);
            inScope.Count.ShouldBe(1, $"{type.Name} in 鲍沟镇");
            all.Count.ShouldBe(2, $"{type.Name} in 滕州");
        }
        // Ignoring only the jurisdiction filter widens to the tenant (e.g. to show ancestors), never further.
        (await scoped.Jurisdictions.IgnoreQueryFilters([QueryFilters.Jurisdiction]).CountAsync()).ShouldBe(7);
        (await scoped.Jurisdictions.IgnoreQueryFilters([QueryFilters.Jurisdiction]).CountAsync(j => j.TenantId != World.TenantA)).ShouldBe(0);
        // Campaigns are not scoped: a township user sees the county's campaign.
        (await scoped.Campaigns.Select(c => c.Code).ToListAsync()).ShouldBe(["tengzhou-2025"]);
    }

    [Fact]
    public async Task A_village_scoped_context_in_the_other_township_sees_only_that_village()
    {
        await using var scoped = Db.AppContext(World.TenantA, World.BinhuVillage.Path);
        (await scoped.Residents.Select(r => r.Name).ToListAsync()).ShouldBe(["李强"]);
        (await scoped.Payments.Select(p => p.Reference).ToListAsync()).ShouldBe(["A-2"]);
        (await scoped.Jurisdictions.Select(j => j.Name).ToListAsync()).ShouldBe(["渠庄村"]);
    }

    [Fact]
    public async Task Saving_a_row_of_another_tenant_throws_before_reaching_the_database()
    {
        await using var db = Db.AppContext(World.TenantA);
        db.Jurisdictions.Add(new Jurisdiction { TenantId = World.TenantB, ParentId = 1, Level = JurisdictionLevel.Township, Name = "x" });
        var error = await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        error.Message.ShouldContain($"of tenant {World.TenantB} while acting for tenant {World.TenantA}");
    }

    [Fact]
    public async Task Entering_a_village_users_scope_narrows_to_their_village()
    {
        var user = new UserAccount { Id = 99, TenantId = World.TenantA, Login = "qz-village", Role = UserRole.VillageStaff, JurisdictionId = World.BinhuVillage.Id };
        await using var db = Db.AppContext(new TenantContext());
        await UserScope.EnterAsync(db, user);
        (db.Tenant.TenantId, db.Tenant.JurisdictionPath, db.Tenant.Actor, db.Tenant.UserId)
            .ShouldBe((World.TenantA, World.BinhuVillage.Path, "qz-village", 99L));
        (await db.Residents.Select(r => r.Name).ToListAsync()).ShouldBe(["李强"]);
        Should.Throw<InvalidOperationException>(() => db.Tenant.NarrowTo(World.BaogouTownship.Path)).Message.ShouldContain("widen");
    }

    [Fact]
    public async Task A_transfer_request_is_seen_by_both_villages_sides_and_nobody_else()
    {
        long id;
        await using (var whole = Db.AppContext(World.TenantA))
        {
            var request = new TransferRequest
            {
                ResidentId = World.ResidentA2, FromVillageId = World.BinhuVillage.Id, ToVillageId = World.BaogouVillage.Id,
                RequestedAt = DateTimeOffset.UtcNow, Reason = "双方可见",
                Status = TransferStatus.Rejected, DecidedAt = DateTimeOffset.UtcNow, DecisionNote = "已决定的申请同样双方可见",
            };
            whole.TransferRequests.Add(request);
            await whole.SaveChangesAsync();
            id = request.Id;
        }
        try
        {
            await using var requester = Db.AppContext(World.TenantA, World.BaogouTownship.Path);
            await using var holder = Db.AppContext(World.TenantA, World.BinhuVillage.Path);
            await using var otherTenant = Db.AppContext(World.TenantB);
            (await requester.TransferRequests.AnyAsync(t => t.Id == id)).ShouldBeTrue();
            (await holder.TransferRequests.AnyAsync(t => t.Id == id)).ShouldBeTrue();
            (await otherTenant.TransferRequests.IgnoreQueryFilters([QueryFilters.Jurisdiction]).AnyAsync(t => t.Id == id)).ShouldBeFalse();
            // The requester sees the request, not the resident it concerns.
            (await requester.Residents.AnyAsync(r => r.Id == World.ResidentA2)).ShouldBeFalse();
        }
        finally
        {
            await using var cleanup = Db.AppContext(World.TenantA);
            cleanup.TransferRequests.Remove(await cleanup.TransferRequests.SingleAsync(t => t.Id == id));
            await cleanup.SaveChangesAsync();
        }
    }

    [Fact]
    public void A_tenant_context_is_set_once()
    {
        var context = TenantContext.For(World.TenantA, "test");
        Should.Throw<InvalidOperationException>(() => context.Enter(World.TenantB, "test"));
        Should.Throw<ArgumentException>(() => new TenantContext().Enter(1, "test", jurisdictionPath: "1/2"));
    }

    internal static IEnumerable<Type> TenantTypes(EnrollmentDbContext db) =>
        db.Model.GetEntityTypes().Select(t => t.ClrType).Where(t => typeof(ITenantOwned).IsAssignableFrom(t));

    internal static async Task<List<ITenantOwned>> LoadAsync(EnrollmentDbContext db, Type type)
    {
        var method = typeof(QueryFilterTests).GetMethod(nameof(LoadTypedAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!;
        return await (Task<List<ITenantOwned>>)method.MakeGenericMethod(type).Invoke(null, [db])!;
    }

    private static async Task<List<ITenantOwned>> LoadTypedAsync<T>(EnrollmentDbContext db)
        where T : class, ITenantOwned =>
        [.. await db.Set<T>().AsNoTracking().ToListAsync()];
}
