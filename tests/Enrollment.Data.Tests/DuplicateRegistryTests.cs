using Enrollment.Data.Entities;
using Enrollment.Data.Registry;
using Enrollment.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Data.Tests;

/// <summary>不得重复参保: the same citizen ID in two tenants is detected through keyed hashes, without names.</summary>
public sealed class DuplicateRegistryTests(WorldFixture fixture) : IClassFixture<WorldFixture>
{
    private TestDb Db => fixture.Db;
    private World World => fixture.World;

    [Fact]
    public async Task An_active_registration_in_another_tenant_is_detected_a_released_one_is_not()
    {
        // 张秀英 moved out of 浦北 (released there) and is registered in 滕州 (active).
        await using var b = Db.AppContext(World.TenantB);
        var fromB = new DuplicateRegistry(b, TestDb.Hasher);
        (await fromB.FindOtherTenantsAsync(World.SharedId)).ShouldBe([World.TenantA]);
        (await fromB.FindOtherTenantsAsync(World.SharedId.ToLowerInvariant())).ShouldBe([World.TenantA]);
        await using var a = Db.AppContext(World.TenantA);
        (await new DuplicateRegistry(a, TestDb.Hasher).FindOtherTenantsAsync(World.SharedId)).ShouldBeEmpty();

        // 李强 is registered only in 滕州: no duplicate for 滕州, one for 浦北.
        var onlyInA = (await a.Residents.SingleAsync(r => r.Name == "李强")).CitizenId;
        (await new DuplicateRegistry(a, TestDb.Hasher).FindOtherTenantsAsync(onlyInA)).ShouldBeEmpty();
        (await fromB.FindOtherTenantsAsync(onlyInA)).ShouldBe([World.TenantA]);
        // 浦北 still cannot read 滕州's resident.
        (await b.Residents.CountAsync(r => r.CitizenId == onlyInA)).ShouldBe(0);
    }

    [Fact]
    public async Task The_registry_holds_keyed_hashes_only_no_names_or_numbers()
    {
        (await Db.ScalarAsync("""
            SELECT count(*) FROM information_schema.columns WHERE table_name = 'id_hash_registry'
            """)).ShouldBe(4);
        var columns = await Db.ScalarAsync("""
            SELECT count(*) FROM information_schema.columns
            WHERE table_name = 'id_hash_registry' AND column_name IN ('id_hash', 'tenant_id', 'registered_at', 'released_at')
            """);
        columns.ShouldBe(4);
        // The world's residents, one hash each; the hash is the HMAC, not a plain SHA-256 of the number.
        (await Db.ScalarAsync("SELECT count(*) FROM id_hash_registry WHERE octet_length(id_hash) <> 32")).ShouldBe(0);
        (await Db.ScalarAsync("SELECT count(*) FROM id_hash_registry WHERE id_hash = $1", TestDb.Hasher.Hash(World.SharedId))).ShouldBe(2);
        (await Db.ScalarAsync("SELECT count(*) FROM id_hash_registry WHERE id_hash = $1 AND released_at IS NULL", TestDb.Hasher.Hash(World.SharedId))).ShouldBe(1);
        (await Db.ScalarAsync("SELECT count(*) FROM id_hash_registry WHERE id_hash = sha256(convert_to($1, 'UTF8'))", World.SharedId)).ShouldBe(0);
        (await Db.ScalarAsync("SELECT count(*) FROM id_hash_registry WHERE encode(id_hash, 'escape') LIKE '%' || $1 || '%'", World.SharedId)).ShouldBe(0);
    }

    [Fact]
    public async Task Deleting_or_correcting_a_resident_updates_the_registry()
    {
        var wrong = World.WithCheck("37048119700101003");
        var right = World.WithCheck("37048119700101005");
        await using (var db = Db.AppContext(World.TenantA))
        {
            var resident = new Resident { Name = "周强", VillageId = World.BaogouVillage.Id };
            resident.SetCitizenId(wrong);
            db.Residents.Add(resident);
            await db.SaveChangesAsync();
            (await CountAsync(wrong)).ShouldBe(1);

            resident.SetCitizenId(right);
            await db.SaveChangesAsync();
            (await CountAsync(wrong)).ShouldBe(0);
            (await CountAsync(right)).ShouldBe(1);

            db.Residents.Remove(resident);
            await db.SaveChangesAsync();
            (await CountAsync(right)).ShouldBe(0);
        }
    }

    [Fact]
    public async Task Bulk_loaded_residents_can_be_deleted_through_the_context_and_the_reconciler_catches_up()
    {
        // A resident COPY-loaded as the owner, as the CLI's bulk loader does: no registry row.
        var bulk = World.WithCheck("37048119600606001");
        var id = await Db.ScalarAsync("""
            INSERT INTO residents (tenant_id, citizen_id, name, sex, birth_date, village_id, hukou_type)
            VALUES ($1, $2, '批量', 'male', '1960-06-06', $3, 'local') RETURNING id
            """, World.TenantA, bulk, World.BaogouVillage.Id);
        await Db.ScalarAsync("INSERT INTO id_hash_registry (id_hash, tenant_id) VALUES ($1, $2)", new byte[32], World.TenantA); // stale
        (await CountAsync(bulk)).ShouldBe(0);

        var result = await IdHashRegistryReconciler.ReconcileAsync(Db.Owner, TestDb.Hasher, World.TenantA);
        result.ShouldBe(new IdHashRegistryReconciler.Result(Residents: 3, Added: 1, Removed: 1, Conflicts: 0));
        (await CountAsync(bulk)).ShouldBe(1);
        (await IdHashRegistryReconciler.ReconcileAsync(Db.Owner, TestDb.Hasher, World.TenantA)).ShouldBe(new IdHashRegistryReconciler.Result(3, 0, 0));

        // Deleting a resident whose hash is missing is no error (the registry write is tolerant).
        await Db.ScalarAsync("DELETE FROM id_hash_registry WHERE id_hash = $1", TestDb.Hasher.Hash(bulk));
        await using var db = Db.AppContext(World.TenantA);
        db.Residents.Remove(await db.Residents.SingleAsync(r => r.Id == id));
        await db.SaveChangesAsync();
        (await Db.ScalarAsync("SELECT count(*) FROM residents WHERE id = $1", id)).ShouldBe(0);
    }

    [Fact]
    public async Task Without_a_configured_key_residents_cannot_be_registered()
    {
        await using var db = new EnrollmentDbContext(DataServiceCollectionExtensions.CreateOptions(Db.App), TenantContext.For(World.TenantA, "test"));
        var resident = new Resident { Name = "无钥", VillageId = World.BaogouVillage.Id };
        resident.SetCitizenId(World.WithCheck("37048119700101007"));
        db.Residents.Add(resident);
        var error = await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        error.Message.ShouldContain("Enrollment:IdHashKey");
        Should.Throw<ArgumentException>(() => new CitizenIdHasher(new byte[16]));
    }

    private Task<long> CountAsync(string citizenId) =>
        Db.ScalarAsync("SELECT count(*) FROM id_hash_registry WHERE id_hash = $1 AND tenant_id = $2", TestDb.Hasher.Hash(citizenId), World.TenantA);
}
