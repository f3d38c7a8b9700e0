using System.Text.Json.Nodes;
using Enrollment.Data.Entities;
using Enrollment.Domain.Policies;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace Enrollment.Web.Tests.TrialQuote;

/// <summary>
/// The demo with next year's draft tengzhou-2026 beside the open tengzhou-2025, made once when the app starts, so no
/// test depends on another having made it: this year's policy with every date a year later, as next year's draft is.
/// </summary>
public sealed class TrialQuoteApp : DemoApp
{
    public const string Draft = "tengzhou-2026";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await using var session = await this.SessionAsync("tz-admin");
        await using var db = await session.Get<UserDbContextFactory>().CreateAsync();
        var source = await db.Campaigns.Include(c => c.PolicyVersions).Include(c => c.Phases).AsSplitQuery().SingleAsync(c => c.Code == "tengzhou-2025");
        var json = JsonNode.Parse(source.CurrentPolicy()!.Document)!.AsObject();
        PolicyYearShift.ShiftDates(json, 1);
        json["campaignId"] = Draft;
        json["policyYear"] = 2026;
        json["version"] = 1;
        json["name"] = json["name"]!.GetValue<string>().Replace("2025", "2026", StringComparison.Ordinal);
        var draft = new Campaign
        {
            Code = Draft,
            Name = json["name"]!.GetValue<string>(),
            PolicyYear = 2026,
            JurisdictionId = source.JurisdictionId,
            WindowStart = source.WindowStart?.AddYears(1),
            WindowEnd = source.WindowEnd?.AddYears(1),
            CreatedAt = DateTimeOffset.UtcNow,
        };
        draft.AddPolicyVersion(json.ToJsonString(), "试算测试：下一年度草稿", null, DateTimeOffset.UtcNow);
        db.Campaigns.Add(draft);
        await db.SaveChangesAsync();
        (await ScalarAsync<string>("SELECT status FROM campaigns WHERE code = $1", Draft)).ShouldBe("draft");
    }
}
