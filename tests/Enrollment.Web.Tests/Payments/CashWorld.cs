using Enrollment.Data.Payments;
using Enrollment.Testing.Web;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Users;

namespace Enrollment.Web.Tests.Payments;

/// <summary>
/// Payments as the pages would record them, for the hand-over sheet and refund tests: through the payment service,
/// in a context acting for the signed-in user (so recorded_by is the collector).
/// </summary>
internal static class CashWorld
{
    public const string Collector = "tz-baogou-cun";
    public const string Clerk = "tz-baogou";
    public const string County = "tz-staff";

    public sealed record Unpaid(long EnrollmentId, long ResidentId, string Name, decimal Payable);

    /// <summary>
    /// Unpaid enrollments of tengzhou-2025 in the collector's village (鲍沟镇's first), with amounts that differ in
    /// yuan and jiao (the demo stores no quote for the unpaid; the hand-over sheet takes what the collector entered).
    /// </summary>
    public static async Task<IReadOnlyList<Unpaid>> UnpaidAsync(DemoApp app, int count)
    {
        var village = await app.VillageOfAsync("鲍沟镇");
        var people = new List<Unpaid>();
        for (var i = 0; i < count; i++)
        {
            var id = await app.ScalarAsync<long>("""
                SELECT e.id FROM enrollments e JOIN campaigns c ON c.tenant_id = e.tenant_id AND c.id = e.campaign_id
                JOIN residents r ON r.tenant_id = e.tenant_id AND r.id = e.resident_id
                WHERE c.code = 'tengzhou-2025' AND r.village_id = $1 AND e.status = 'registered'
                  AND NOT EXISTS (SELECT 1 FROM payments p WHERE p.tenant_id = e.tenant_id AND p.enrollment_id = e.id)
                ORDER BY e.id OFFSET $2 LIMIT 1
                """, village, i);
            people.Add(new Unpaid(id, await app.ScalarAsync<long>("SELECT resident_id FROM enrollments WHERE id = $1", id),
                await app.ScalarAsync<string>("SELECT r.name FROM enrollments e JOIN residents r ON r.id = e.resident_id WHERE e.id = $1", id),
                350m + 10.5m * i));
        }
        return people;
    }

    /// <summary>Records a payment as <paramref name="login"/>; returns the payment's id.</summary>
    public static async Task<long> RecordAsync(
        DemoApp app, string login, long enrollmentId, DateOnly paidOn, decimal amount, string channel = "village_collection",
        string? reference = null, bool confirmed = false)
    {
        await using var session = await app.SessionAsync(login);
        await using var db = await session.Get<UserDbContextFactory>().CreateAsync();
        var recorded = await PaymentService.RecordAsync(db, enrollmentId, new NewPayment(channel, reference, paidOn, amount, confirmed), DateTimeOffset.UtcNow);
        return recorded.ShouldNotBeNull().PaymentId;
    }

    public static async Task<PaymentChangeResult> ReverseAsync(DemoApp app, long paymentId, string login = Clerk)
    {
        await using var session = await app.SessionAsync(login);
        await using var db = await session.Get<UserDbContextFactory>().CreateAsync();
        return await PaymentService.ChangeAsync(db, paymentId, PaymentChange.Reverse, "收款有误", DateTimeOffset.UtcNow);
    }

    /// <summary>A second village collector of the same village, made by the county administrator.</summary>
    public static async Task<(string Login, long Id)> SecondCollectorAsync(DemoApp app)
    {
        var login = $"cun2-{Guid.NewGuid():N}"[..16];
        await using var session = await app.SessionAsync("tz-admin");
        var created = await session.Get<UserCommands>().CreateAsync(new NewUserForm
        {
            Login = login, DisplayName = "第二村级征缴员", Role = Data.Entities.UserRole.VillageStaff, JurisdictionId = await app.VillageOfAsync("鲍沟镇"),
        });
        return (login, created.Created.ShouldNotBeNull().Id);
    }

    public static Task<long> UserIdAsync(DemoApp app, string login) => app.ScalarAsync<long>("SELECT id FROM user_accounts WHERE login = $1", login);
}
