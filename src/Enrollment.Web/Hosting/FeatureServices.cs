using Enrollment.Web.Features.ApiKeys;
using Enrollment.Web.Features.Campaigns;
using Enrollment.Web.Features.Campaigns.Quotas;
using Enrollment.Web.Features.Home;
using Enrollment.Web.Features.GovernmentPayments;
using Enrollment.Web.Features.HandoverSheets;
using Enrollment.Web.Features.Households;
using Enrollment.Web.Features.Imports;
using Enrollment.Web.Features.Payments;
using Enrollment.Web.Features.Refunds;
using Enrollment.Web.Features.Registration;
using Enrollment.Web.Features.ResidentLists;
using Enrollment.Web.Features.Residents;
using Enrollment.Web.Features.Search;
using Enrollment.Web.Features.Transfers;
using Enrollment.Web.Features.TrialQuote;
using Enrollment.Web.Features.Users;

namespace Enrollment.Web.Hosting;

internal static class FeatureServices
{
    /// <summary>
    /// Every feature's handlers and queries (scoped: one per request or circuit; each opens a context of its own
    /// per operation). Component tests register the same with this one call.
    /// </summary>
    public static IServiceCollection AddEnrollmentFeatures(this IServiceCollection services) =>
        services.AddTransfers().AddHome().AddUsers().AddQuotas().AddRegistration().AddResidents().AddTrialQuote()
            .AddCampaigns().AddHouseholds().AddSearch().AddResidentLists().AddImports().AddApiKeys()
            .AddHandoverSheets().AddRefunds().AddGovernmentPayments().AddPayments();
}
