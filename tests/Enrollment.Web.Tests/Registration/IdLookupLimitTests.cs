using Enrollment.Data.Registry;
using Enrollment.Testing;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Registration;
using Microsoft.Extensions.Options;

namespace Enrollment.Web.Tests.Registration;

/// <summary>The demo app with a per-user lookup limit of three and no refill within a test's time.</summary>
public sealed class TightLookupApp : DemoApp
{
    protected override IReadOnlyDictionary<string, string?> Settings { get; } = new Dictionary<string, string?>
    {
        ["Enrollment:BusinessDate"] = "2024-11-20",
        ["Enrollment:IdLookup:Burst"] = "3",
        ["Enrollment:IdLookup:PerMinute"] = "1",
    };
}

/// <summary>
/// The registration check answers where a number is registered, so it is limited per user and every lookup is
/// audited: a script cannot enumerate numbers at speed, and an enumeration that is tried leaves a trail.
/// </summary>
public sealed class IdLookupLimitTests(TightLookupApp app) : IClassFixture<TightLookupApp>
{
    private async Task<IdCheck> CheckAsAsync(string login, string citizenId)
    {
        await using var session = await app.SessionAsync(login);
        return await session.Get<RegistrationCommands>().CheckIdAsync(citizenId);
    }

    private Task<long> LookupsOfAsync(string login) =>
        app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'lookup' AND actor = $1", login);

    [Fact]
    public async Task A_user_past_the_limit_is_told_to_wait_and_learns_nothing_while_others_go_on()
    {
        var ids = new List<string>();
        for (var i = 0; i < 4; i++)
        {
            ids.Add(await app.FreshIdAsync(60 + i));
        }
        var registered = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", await app.NthResidentOfAsync("鲍沟镇", 3));

        for (var i = 0; i < 3; i++)
        {
            (await CheckAsAsync("tz-binhu", ids[i])).Kind.ShouldBe(IdCheckKind.Available);
        }
        // An invalid number is answered from its digits alone: it asks the registry nothing and costs nothing.
        (await CheckAsAsync("tz-binhu", "37048119900101000")).Kind.ShouldBe(IdCheckKind.Invalid);

        var refused = await CheckAsAsync("tz-binhu", registered);
        refused.Kind.ShouldBe(IdCheckKind.TooManyLookups);
        refused.TownshipName.ShouldBeNull();
        refused.ResidentId.ShouldBeNull();
        IdCheckText.Refusal(refused).ShouldBe("核对身份证号码过于频繁，请稍等一两分钟再试。");

        // Saving is a lookup too: refused the same way, nothing stored.
        await using (var session = await app.SessionAsync("tz-binhu"))
        {
            var form = RegistrationTests.Form(ids[3], "限流测试", await app.VillageOfAsync("滨湖镇"));
            var result = await session.Get<RegistrationCommands>().RegisterAsync(form);
            result.Saved.ShouldBeFalse();
            result.Check.Kind.ShouldBe(IdCheckKind.TooManyLookups);
        }
        (await app.ScalarAsync<long>("SELECT count(*) FROM residents WHERE citizen_id = $1", ids[3])).ShouldBe(0);

        // The limit is the user's own: another clerk's lookups are untouched.
        (await CheckAsAsync("tz-baogou", registered)).Kind.ShouldBe(IdCheckKind.InScope);
        (await LookupsOfAsync("tz-binhu")).ShouldBe(3);
    }

    [Fact]
    public async Task Every_lookup_is_audited_with_the_masked_number_its_keyed_hash_and_the_answer_never_the_number()
    {
        var residentId = await app.NthResidentOfAsync("滨湖镇", 4);
        var registered = await app.ScalarAsync<string>("SELECT citizen_id FROM residents WHERE id = $1", residentId);
        var before = await LookupsOfAsync("tz-baogou-cun");

        (await CheckAsAsync("tz-baogou-cun", registered)).Kind.ShouldBe(IdCheckKind.OtherTownship);

        (await LookupsOfAsync("tz-baogou-cun")).ShouldBe(before + 1);
        var row = await app.ScalarAsync<string>("""
            SELECT concat_ws('|', entity, entity_key->>'id', after->>'citizen_id', after->>'outcome', before IS NULL, after->>'citizen_id_hash')
            FROM audit_log WHERE action = 'lookup' AND actor = 'tz-baogou-cun' ORDER BY id DESC LIMIT 1
            """);
        var hash = Convert.ToBase64String(CitizenIdHasher.FromBase64(TestKeys.IdHashKey).Hash(registered));
        row.ShouldBe($"residents|{residentId}|{registered[..6]}********{registered[^4..]}|other_township|t|{hash}");
        (await app.ScalarAsync<long>("SELECT count(*) FROM audit_log WHERE action = 'lookup' AND after::text LIKE '%' || $1 || '%'", registered))
            .ShouldBe(0);
    }

    [Fact]
    public async Task The_bucket_refills_at_the_configured_rate()
    {
        using var limiter = new IdLookupLimiter(Options.Create(new IdLookupOptions { Burst = 1, PerMinute = 600 }));
        limiter.TryTake(7).ShouldBeTrue();
        limiter.TryTake(7).ShouldBeFalse();
        limiter.TryTake(8).ShouldBeTrue();
        // One lookup every 100 ms comes back; waited for generously, so a busy machine does not fail it.
        var refilled = false;
        for (var waited = 0; waited < 100 && !refilled; waited++)
        {
            await Task.Delay(100);
            refilled = limiter.TryTake(7);
        }
        refilled.ShouldBeTrue();
    }
}
