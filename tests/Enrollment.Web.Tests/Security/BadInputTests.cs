using System.Reflection;
using Enrollment.Testing.Web;
using Enrollment.Web.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Enrollment.Web.Tests.Security;

/// <summary>
/// The bad-input corpus (<see cref="BadInputCorpus"/>) through every handler a page calls: each field of each form
/// model and argument, one at a time, set to each corpus value of its type on an otherwise valid call, as a user
/// allowed to make it. Nothing may throw (a permission refusal aside); a refusal speaks Chinese; a refused call
/// writes nothing; garbage is never taken; and whatever is stored holds only text a person could have typed.
/// </summary>
public sealed class BadInputTests(DemoApp app, ITestOutputHelper output) : IClassFixture<DemoApp>
{
    private async Task WalkAsync(Func<HandlerWalk, bool> which)
    {
        var places = await Places.LoadAsync(app);
        var walker = new FormWalker(app);
        foreach (var walk in BadInputWalks.All(app, places).Where(which))
        {
            await walker.RunAsync(walk);
        }
        output.WriteLine($"{walker.Calls} calls");
        walker.Failures.ShouldBeEmpty(string.Join('\n', walker.Failures));
    }

    [Fact]
    public Task Registration_refuses_every_bad_field_in_Chinese_and_stores_nothing() =>
        WalkAsync(w => w.Service == typeof(Features.Registration.RegistrationCommands) && w.Method == "RegisterAsync");

    [Fact]
    public Task Transfer_requests_decisions_and_withdrawals_refuse_bad_input() =>
        WalkAsync(w => w.Service == typeof(Features.Transfers.TransferCommands));

    [Fact]
    public Task The_trial_quote_refuses_bad_input_instead_of_quoting_it() =>
        WalkAsync(w => w.Service == typeof(Features.TrialQuote.TrialQuoteQueries) && w.Method == "QuoteAsync");

    [Fact]
    public Task Accounts_and_counties_refuse_bad_input() =>
        WalkAsync(w => w.Service == typeof(Features.Users.UserCommands) || w.Service == typeof(Features.Users.TenantCommands));

    [Fact]
    public Task Campaigns_roll_overs_and_quotas_refuse_bad_input() =>
        WalkAsync(w => w.Service == typeof(Features.Campaigns.NewCampaign.NewCampaignCommands)
            || w.Service == typeof(Features.Campaigns.Rollover.RolloverCommands) || w.Service == typeof(Features.Campaigns.Quotas.QuotaCommands));

    [Fact]
    public Task The_policy_editor_refuses_bad_input_in_every_field() =>
        WalkAsync(w => w.Service == typeof(Features.Campaigns.PolicyEdit.PolicyEditor));

    [Fact]
    public Task Household_changes_life_events_and_resident_edits_refuse_bad_input() =>
        WalkAsync(w => w.Service == typeof(Features.Households.HouseholdCommands) || w.Service == typeof(Features.Residents.LifeEventCommands)
            || w.Service == typeof(Features.Residents.ResidentEditCommands));

    [Fact]
    public Task Hand_over_sheets_refunds_and_the_government_payment_refuse_bad_input() =>
        WalkAsync(w => w.Service == typeof(Features.HandoverSheets.HandoverCommands) || w.Service == typeof(Features.Refunds.RefundCommands)
            || w.Service == typeof(Features.GovernmentPayments.GovernmentCommands));

    [Fact]
    public Task Payment_entries_confirmations_and_reversals_refuse_bad_input() =>
        WalkAsync(w => w.Service == typeof(Features.Payments.PaymentCommands));

    [Fact]
    public Task The_import_answers_bad_input_without_throwing_or_storing() =>
        WalkAsync(w => w.Service == typeof(Features.Imports.ResidentImportCommands) || w.Service == typeof(Features.Imports.PaymentImportCommands));

    [Fact]
    public Task Reads_answer_bad_input_without_throwing_or_writing() =>
        WalkAsync(w => w.Service.Name.EndsWith("Queries", StringComparison.Ordinal) && w.Method != "QuoteAsync"
            || w.Service == typeof(Features.Registration.RegistrationCommands) && w.Method != "RegisterAsync");

    /// <summary>
    /// Every public method of every feature service that takes anything besides a cancellation token is walked: a new
    /// handler, or a new parameter of one, is covered or this fails.
    /// </summary>
    [Fact]
    public void Every_handler_method_taking_input_is_walked()
    {
        var services = new ServiceCollection();
        services.AddEnrollmentFeatures();
        // Plumbing, not handlers: a user manager over a given context, the notifier's event, the roll-over job list
        // (fed by RolloverCommands.StartAsync, which is walked), the ID check over its caller's context and the lookup
        // buckets (reached through the registration and transfer commands, which are walked), the import's store of checked
        // files (reached through ResidentImportCommands and PaymentImportCommands, which are walked).
        Type[] plumbing =
        [
            typeof(Features.Users.AccountManagers), typeof(Features.Transfers.TransferNotifier), typeof(Features.Campaigns.Rollover.RolloverJobs),
            typeof(Features.Registration.CitizenIdCheck), typeof(Features.Registration.IdLookupLimiter), typeof(Features.Imports.ImportSessions),
        ];
        var handlers = services.Select(s => s.ServiceType)
            .Where(t => t.Namespace?.StartsWith("Enrollment.Web.Features", StringComparison.Ordinal) == true && !plumbing.Contains(t))
            .Distinct()
            .SelectMany(t => t.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.GetParameters().Any(p => p.ParameterType != typeof(CancellationToken)))
                .Select(m => $"{t.Name}.{m.Name}"))
            .ToHashSet();
        var walked = BadInputWalks.All(app, Places.None).Select(w => $"{w.Service.Name}.{w.Method}").ToHashSet();

        handlers.Except(walked).ShouldBeEmpty("handler methods the bad-input walk does not cover");
        walked.Except(handlers).ShouldBeEmpty("walks of methods that are not handlers");
    }
}
