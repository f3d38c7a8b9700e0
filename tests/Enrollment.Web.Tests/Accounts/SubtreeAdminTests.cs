using System.Net;
using Enrollment.Data.Entities;
using Enrollment.Testing.Web;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Components.Layout;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Campaigns;
using Enrollment.Web.Features.Campaigns.NewCampaign;
using Enrollment.Web.Features.Campaigns.PolicyEdit;
using Enrollment.Web.Features.Campaigns.Quotas;
using Enrollment.Web.Features.Campaigns.Rollover;
using Enrollment.Web.Features.Users;

namespace Enrollment.Web.Tests.Accounts;

/// <summary>
/// A county administrator bound to one township (a subtree administrator) manages that township's accounts, and no
/// more: campaigns, their policy, quotas and roll-overs are the county's configuration as a whole, a county-scope
/// operation of the permission table. Found by the adversarial handler sweep, where such an administrator could save
/// the county's policy (re-quoting every unpaid resident of the county) and queue a roster roll-over.
/// </summary>
public sealed class SubtreeAdminTests(DemoApp app) : IClassFixture<DemoApp>
{
    private const string Login = "bg-admin";

    [Fact]
    public async Task A_county_administrator_bound_to_a_township_manages_its_accounts_but_not_the_countys_campaigns()
    {
        var baogou = await app.ScalarAsync<long>(
            "SELECT j.id FROM jurisdictions j JOIN tenants t ON t.id = j.tenant_id WHERE t.code = 'tengzhou' AND j.level = 'township' AND j.name = '鲍沟镇'");
        await using (var county = await app.SessionAsync("tz-admin"))
        {
            var created = await county.Get<UserCommands>().CreateAsync(new NewUserForm
            {
                Login = Login, DisplayName = "鲍沟镇管理员（测试）", Role = UserRole.BureauAdmin, JurisdictionId = baogou, TemporaryPassword = "subtree-admin-2024",
            });
            created.Created.ShouldNotBeNull(string.Join("；", created.Errors.Select(e => e.Message)));
        }
        var versions = await app.ScalarAsync<long>("SELECT count(*) FROM campaign_policy_versions");
        var campaigns = await app.ScalarAsync<long>("SELECT count(*) FROM campaigns");
        var quotaChanges = await app.ScalarAsync<long>("SELECT count(*) FROM quota_changes");

        await using var session = await app.SessionAsync(Login);
        var user = (await session.Get<CurrentUser>().GetAsync()).ShouldNotBeNull();
        user.Can(Operation.ManageUsers).ShouldBeTrue();
        user.Can(Operation.ManageCampaigns).ShouldBeFalse();
        NavEntries.For(user).Select(e => e.Href).ShouldNotContain("/campaigns");
        (await session.Get<UserQueries>().ViewAsync()).IsSubtreeAdmin.ShouldBeTrue();

        await Should.ThrowAsync<OperationRefusedException>(() => session.Get<CampaignQueries>().PageAsync(new GridRequest(0, 50)));
        await Should.ThrowAsync<OperationRefusedException>(() => session.Get<PolicyEditor>().OpenAsync("tengzhou-2025"));
        await Should.ThrowAsync<OperationRefusedException>(() => session.Get<PolicyEditor>().SaveAsync("tengzhou-2025", 1, new PolicyEditForm(), "改政策", null));
        await Should.ThrowAsync<OperationRefusedException>(() =>
            session.Get<QuotaCommands>().SaveAsync(new QuotaScope("tengzhou-2025"), [new QuotaEdit(baogou, "1", null)], "改任务数"));
        await Should.ThrowAsync<OperationRefusedException>(() =>
            session.Get<NewCampaignCommands>().CreateAsync(new NewCampaignForm { Template = "tengzhou-2025", PolicyYear = 2030, Code = "bg-2030" }));
        await Should.ThrowAsync<OperationRefusedException>(() => session.Get<RolloverCommands>().StartAsync("tengzhou-2025"));
        (await app.ScalarAsync<long>("SELECT count(*) FROM campaign_policy_versions")).ShouldBe(versions);
        (await app.ScalarAsync<long>("SELECT count(*) FROM campaigns")).ShouldBe(campaigns);
        (await app.ScalarAsync<long>("SELECT count(*) FROM quota_changes")).ShouldBe(quotaChanges);

        // The pages and the export answer as for any operation the user may not perform: not found.
        await app.ScalarAsync<int>("UPDATE user_accounts SET must_change_password = false WHERE login = $1 RETURNING 1", Login);
        var client = app.NewClient();
        (await DemoApp.SignInAsync(client, Login, "subtree-admin-2024")).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        (await client.GetAsync("/campaigns")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/campaigns/tengzhou-2025/quotas")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/campaigns/tengzhou-2025/quotas.xlsx")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await client.GetAsync("/admin/users")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
