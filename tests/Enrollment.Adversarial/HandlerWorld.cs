using System.Globalization;
using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Data.Tenancy;
using Enrollment.Testing;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Campaigns.NewCampaign;
using Npgsql;

namespace Enrollment.Adversarial;

/// <summary>A township or village: its county (0 for none) and place in the tree; the name counts as a secret only when no other place has it.</summary>
public sealed record Place(string Label, long Id, int TenantId, string Path, string Name, bool UniqueName);

/// <summary>A resident: where they live, their full number, and their name (a secret only when nobody else has it).</summary>
public sealed record Person(string Label, long Id, int TenantId, string Path, string CitizenId, string Name, bool UniqueName);

/// <summary>An account: its county (0 for none), the path of its jurisdiction, role (snake case, as stored), login and name.</summary>
public sealed record Account(string Label, long Id, int TenantId, string? Path, string Role, string Login, string DisplayName, long? JurisdictionId);

/// <summary>A campaign by code: its county (0 for none) and name.</summary>
public sealed record CampaignRecord(string Label, string Code, int TenantId, string? Name);

/// <summary>A pending transfer request: both sides' paths, who asked, a reason nobody else wrote, and the resident.</summary>
public sealed record Transfer(string Label, long Id, int TenantId, string FromPath, string ToPath, long? RequestedBy, string Reason, Person Resident);

/// <summary>
/// The records the handler sweep names, spread like <see cref="Targets"/> over two counties and, in 滕州, over two
/// townships and two villages of one township — plus what the routes never take: pending transfer requests on each
/// side, a draft campaign, households, and a county administrator bound to 鲍沟镇 (the demo has none). Every
/// collection ends with an id or code that does not exist.
/// </summary>
public sealed class HandlerWorld
{
    public const long Missing = 999_999_999;

    private int counter;

    private HandlerWorld(DemoApp app) => App = app;

    public DemoApp App { get; }

    public List<Actor> Actors { get; private set; } = [];

    public List<Person> Residents { get; private set; } = [];

    public List<Place> Townships { get; private set; } = [];

    public List<Place> Villages { get; private set; } = [];

    /// <summary>A household of each village in <see cref="Villages"/> (by village id).</summary>
    public Dictionary<long, long> Households { get; private set; } = [];

    public List<Account> Users { get; private set; } = [];

    public List<CampaignRecord> Campaigns { get; private set; } = [];

    public List<Transfer> Transfers { get; private set; } = [];

    /// <summary>Each county's townships' and villages' names, for the places a subtree must not show.</summary>
    public List<Place> AllPlaces => [.. Townships, .. Villages];

    /// <summary>A number used nowhere yet, different on every call.</summary>
    public Task<string> FreshIdAsync() => App.FreshIdAsync(1000 + Interlocked.Increment(ref counter));

    /// <summary>A suffix for logins, codes and names that no other call of the sweep uses.</summary>
    public int Next() => Interlocked.Increment(ref counter);

    /// <summary>The first village of the actor's own subtree (their county's first for a county-wide user; 鲍沟镇's for nobody's).</summary>
    public Dictionary<string, long> HomeVillage { get; } = [];

    public static async Task<HandlerWorld> CreateAsync(DemoApp app)
    {
        var world = new HandlerWorld(app);
        var tengzhou = await app.ScalarAsync<int>("SELECT id FROM tenants WHERE code = 'tengzhou'");
        var pubei = await app.ScalarAsync<int>("SELECT id FROM tenants WHERE code = 'pubei'");
        var baogou = await world.TownshipAsync("township 鲍沟镇", tengzhou, "鲍沟镇");
        var binhu = await world.TownshipAsync("township 滨湖镇", tengzhou, "滨湖镇");
        var pubeiName = await app.ScalarAsync<string>(
            "SELECT name FROM jurisdictions WHERE tenant_id = $1 AND level = 'township' ORDER BY display_order, id LIMIT 1", pubei);
        var pubeiTownship = await world.TownshipAsync("township of 浦北", pubei, pubeiName);
        world.Townships = [baogou, binhu, pubeiTownship, new Place("a township id that does not exist", Missing, 0, "", "", false)];

        var baogouFirst = await world.VillageAsync("鲍沟镇's first village", baogou, last: false);
        var baogouLast = await world.VillageAsync("鲍沟镇's last village", baogou, last: true);
        var binhuFirst = await world.VillageAsync("滨湖镇's first village", binhu, last: false);
        var pubeiFirst = await world.VillageAsync("a village of 浦北", pubeiTownship, last: false);
        world.Villages = [baogouFirst, baogouLast, binhuFirst, pubeiFirst, new Place("a village id that does not exist", Missing, 0, "", "", false)];
        foreach (var village in world.Villages.Where(v => v.Id != Missing))
        {
            world.Households[village.Id] = await app.ScalarAsync<long>("SELECT id FROM households WHERE village_id = $1 ORDER BY id LIMIT 1", village.Id);
        }

        world.Residents =
        [
            await world.PersonAsync("resident of 鲍沟镇's first village", baogouFirst, 0),
            await world.PersonAsync("resident of 鲍沟镇's last village", baogouLast, 0),
            await world.PersonAsync("resident of 滨湖镇", binhuFirst, 0),
            await world.PersonAsync("resident of 浦北", pubeiFirst, 0),
            new Person("a resident id that does not exist", Missing, 0, "", await world.FreshIdAsync(), "", false),
        ];

        var subtreeAdmin = await Enrollment.Adversarial.Actors.AddSubtreeAdminAsync(app);
        world.Users =
        [
            await world.AccountAsync("tz-baogou"), await world.AccountAsync("tz-baogou-cun"), await world.AccountAsync("tz-binhu"),
            await world.AccountAsync("tz-admin"), await world.AccountAsync("pb-admin"), await world.AccountAsync("admin"),
            new Account("an account id that does not exist", Missing, 0, null, "", "", "", null),
        ];

        world.Actors = await Enrollment.Adversarial.Actors.LoadAsync(app);
        world.Actors.Add(subtreeAdmin);
        foreach (var actor in world.Actors)
        {
            world.HomeVillage[actor.Login] = actor.TenantId is { } tenant
                ? await app.ScalarAsync<long>(
                    "SELECT id FROM jurisdictions WHERE tenant_id = $1 AND level = 'village' AND path LIKE $2 ORDER BY path, id LIMIT 1",
                    tenant, (actor.ScopePath ?? "/") + "%")
                : baogouFirst.Id;
        }

        await world.AddDraftAsync();
        world.Campaigns =
        [
            await world.CampaignAsync("tengzhou-2025"), await world.CampaignAsync(DraftCode), await world.CampaignAsync("pubei-2020"),
            new CampaignRecord("a campaign code that does not exist", "no-such-campaign", 0, null),
        ];

        world.Transfers =
        [
            // Asked by 鲍沟镇 for a 滨湖镇 resident: 滨湖镇 (and the county) decide, 鲍沟镇 may withdraw.
            await world.TransferAsync("transfer from 滨湖镇 into 鲍沟镇", binhuFirst, baogouFirst, "tz-baogou"),
            // Asked by 鲍沟镇's first village for a resident of its last one: 鲍沟镇 decides, the village collector withdraws.
            await world.TransferAsync("transfer inside 鲍沟镇", baogouLast, baogouFirst, "tz-baogou-cun"),
            await world.TransferAsync("transfer inside 浦北", pubeiFirst, await world.OtherVillageAsync(pubeiFirst), "pb-admin"),
        ];
        return world;
    }

    /// <summary>The code of the draft campaign the world creates in 滕州 (drafts: county administrators only).</summary>
    public const string DraftCode = "adv-draft-2031";

    private async Task<Place> TownshipAsync(string label, int tenant, string name)
    {
        var id = await App.ScalarAsync<long>("SELECT id FROM jurisdictions WHERE tenant_id = $1 AND level = 'township' AND name = $2", tenant, name);
        return await PlaceAsync(label, id);
    }

    /// <summary>The first or last village of the township in official order among those with residents to name.</summary>
    private async Task<Place> VillageAsync(string label, Place township, bool last)
    {
        var id = await App.ScalarAsync<long>($"""
            SELECT j.id FROM jurisdictions j WHERE j.tenant_id = $1 AND j.level = 'village' AND j.path LIKE $2
              AND (SELECT count(*) FROM residents r WHERE r.village_id = j.id AND r.status = 'active') >= 2
            ORDER BY j.display_order {(last ? "DESC" : "ASC")}, j.id {(last ? "DESC" : "ASC")} LIMIT 1
            """, township.TenantId, township.Path + "%");
        return await PlaceAsync(label, id);
    }

    private async Task<Place> OtherVillageAsync(Place village)
    {
        var id = await App.ScalarAsync<long>(
            "SELECT id FROM jurisdictions WHERE tenant_id = $1 AND level = 'village' AND id <> $2 ORDER BY path DESC, id LIMIT 1", village.TenantId, village.Id);
        return await PlaceAsync("another village of the same county", id);
    }

    private async Task<Place> PlaceAsync(string label, long id)
    {
        var tenant = await App.ScalarAsync<int>("SELECT tenant_id FROM jurisdictions WHERE id = $1", id);
        var path = await App.ScalarAsync<string>("SELECT path FROM jurisdictions WHERE id = $1", id);
        var name = await App.ScalarAsync<string>("SELECT name FROM jurisdictions WHERE id = $1", id);
        var unique = await App.ScalarAsync<long>("SELECT count(*) FROM jurisdictions WHERE name = $1", name) == 1;
        return new Place(label, id, tenant, path, name, unique);
    }

    /// <summary>
    /// The resident of the village at <paramref name="offset"/>, those with a name nobody else has first, so the name
    /// can be searched for in answers (when the village has none such, only the number is).
    /// </summary>
    private async Task<Person> PersonAsync(string label, Place village, int offset)
    {
        const string Unique = "NOT EXISTS (SELECT 1 FROM residents o WHERE o.name = r.name AND o.id <> r.id)";
        var id = await App.ScalarAsync<long>($"""
            SELECT r.id FROM residents r WHERE r.village_id = $1 AND r.status = 'active'
            ORDER BY {Unique} DESC, r.id OFFSET $2 LIMIT 1
            """, village.Id, offset);
        if (id == 0)
        {
            throw new InvalidOperationException($"No resident at {offset} in {village.Label}.");
        }
        return new Person(label, id, village.TenantId, village.Path,
            await App.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", id),
            await App.ScalarAsync<string>("SELECT name FROM residents WHERE id = $1", id),
            await App.ScalarAsync<bool>($"SELECT {Unique} FROM residents r WHERE r.id = $1", id));
    }

    private async Task<Account> AccountAsync(string login)
    {
        var id = await App.ScalarAsync<long>("SELECT id FROM user_accounts WHERE login = $1", login);
        return new Account("account " + login, id,
            await App.ScalarAsync<int?>("SELECT tenant_id FROM user_accounts WHERE id = $1", id) ?? 0,
            await App.ScalarAsync<string?>(
                "SELECT j.path FROM user_accounts u JOIN jurisdictions j ON j.tenant_id = u.tenant_id AND j.id = u.jurisdiction_id WHERE u.id = $1", id),
            await App.ScalarAsync<string>("SELECT role FROM user_accounts WHERE id = $1", id),
            login,
            await App.ScalarAsync<string>("SELECT display_name FROM user_accounts WHERE id = $1", id),
            await App.ScalarAsync<long?>("SELECT jurisdiction_id FROM user_accounts WHERE id = $1", id));
    }

    private async Task<CampaignRecord> CampaignAsync(string code)
    {
        var tenant = await App.ScalarAsync<int>("SELECT tenant_id FROM campaigns WHERE code = $1", code);
        return new CampaignRecord("campaign " + code, code, tenant, await App.ScalarAsync<string>("SELECT name FROM campaigns WHERE code = $1", code));
    }

    /// <summary>A draft campaign of 滕州, made the way the county administrator makes one.</summary>
    private async Task AddDraftAsync()
    {
        await using var session = await App.SessionAsync("tz-admin");
        var answer = await session.Get<NewCampaignCommands>().CreateAsync(new NewCampaignForm { Template = "tengzhou-2025", PolicyYear = 2031, Code = DraftCode });
        if (answer.Code != DraftCode)
        {
            throw new InvalidOperationException("The draft campaign was not created: " + string.Join("；", answer.Errors.Values));
        }
    }

    /// <summary>A pending request for a resident of <paramref name="from"/> (not one of <see cref="Residents"/>) into <paramref name="to"/>.</summary>
    private async Task<Transfer> TransferAsync(string label, Place from, Place to, string requester)
    {
        var resident = await PersonAsync("the resident of " + label, from, 1);
        var residentId = resident.Id;
        var requestedBy = await App.ScalarAsync<long>("SELECT id FROM user_accounts WHERE login = $1", requester);
        var reason = "对抗测试转移原因" + Next().ToString(CultureInfo.InvariantCulture);
        await using var dataSource = NpgsqlDataSource.Create(TestPostgres.ConnectionStringFor(App.DatabaseName));
        await using var db = new EnrollmentDbContext(DataServiceCollectionExtensions.CreateOptions(dataSource), TenantContext.For(from.TenantId, "test:sweep"));
        var request = new TransferRequest
        {
            ResidentId = residentId, FromVillageId = from.Id, ToVillageId = to.Id, RequestedByUserId = requestedBy,
            RequestedAt = DateTimeOffset.UtcNow, Reason = reason, Status = TransferStatus.Pending,
        };
        db.TransferRequests.Add(request);
        await db.SaveChangesAsync();
        return new Transfer(label, request.Id, from.TenantId, from.Path, to.Path, requestedBy, reason, resident);
    }

    /// <summary>The current row version (xmin) of a transfer request, as the page rendered it.</summary>
    public async Task<uint> TransferVersionAsync(long id) =>
        (uint)await App.ScalarAsync<long>("SELECT coalesce((SELECT xmin::text::bigint FROM transfer_requests WHERE id = $1), 0)", id);
}
