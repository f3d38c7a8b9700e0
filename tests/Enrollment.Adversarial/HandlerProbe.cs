using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Enrollment.Web.Components.Grids;
using Enrollment.Web.Features.Campaigns.NewCampaign;
using Enrollment.Web.Features.Campaigns.PolicyEdit;
using Enrollment.Web.Features.Campaigns.Quotas;
using Enrollment.Web.Features.Campaigns.Rollover;
using Enrollment.Web.Features.Campaigns.Status;
using Enrollment.Web.Features.Households;
using Enrollment.Web.Features.Registration;
using Enrollment.Web.Features.Residents;
using Enrollment.Web.Features.Transfers;
using Enrollment.Web.Features.Users;

namespace Enrollment.Adversarial;

/// <summary>
/// One call of a handler method as one actor, and what must come of it. <see cref="Allowed"/>: the permission table
/// and the record's county and place let the actor do it, so the answer must pass <see cref="Check"/> (by default:
/// not a refusal). Otherwise it must be refused — <c>OperationRefusedException</c> or the method's "not found"
/// answer (<see cref="Answers.IsRefusal"/>) — with nothing written. Either way none of what the actor must not see
/// (<see cref="HandlerExpectations.Unseen"/>, and <see cref="Secrets"/>) may be in the answer, except what the caller
/// passed in (<see cref="Echoes"/>).
/// </summary>
public sealed record HandlerProbe(string Why, bool Allowed, Func<ActorSession, Task<object?>> Call)
{
    /// <summary>For an allowed call: what is wrong with the answer, or null when it is the one the actor should get.</summary>
    public Func<object?, Task<string?>>? Check { get; init; }

    /// <summary>More strings that must not be in the answer (e.g. places outside a subtree, where the method lists places).</summary>
    public IReadOnlyCollection<string> Secrets { get; init; } = [];

    /// <summary>Strings the caller passed in, which an answer may repeat (a typed number is not learned from the answer).</summary>
    public IReadOnlyCollection<string> Echoes { get; init; } = [];
}

/// <summary>What a method's table entry says: its probes for an actor, or why it needs none.</summary>
public sealed record HandlerEntry(Func<Actor, HandlerWorld, IEnumerable<HandlerProbe>>? Probes, string? ExemptBecause = null)
{
    public bool Exempt => ExemptBecause is not null;
}

/// <summary>Reading answers: is this a refusal, and which secrets does it hold.</summary>
public static class Answers
{
    private static readonly JsonSerializerOptions Json = new()
    {
        ReferenceHandler = ReferenceHandler.IgnoreCycles,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>
    /// The "not found" answers of the handlers: nothing (null), an empty page or list, or an outcome that says the
    /// record was not found, or that nothing was done for lack of it.
    /// </summary>
    public static bool IsRefusal(object? answer) => answer switch
    {
        null => true,
        string => false,
        TransferOutcome outcome => outcome == TransferOutcome.NotFound,
        // "Already asked for" is told only to whom may ask: past the checks, so not a refusal.
        TransferRequestAnswer request => !request.Ok && !request.Message.Contains("已有一件待审批", StringComparison.Ordinal),
        PendingTransferCounts counts => counts is { Waiting: 0, Mine: 0 },
        UserChange change => !change.Found,
        UserCreation creation => creation.Created is null,
        TenantCreationResult tenant => tenant.Created is null,
        // Nothing saved and no row of the page in the way: the place was not on the page (or the page not found).
        QuotaSaveResult save => save is { Saved: 0, Conflicted.Count: 0, RowErrors.Count: 0 },
        PolicySaveAnswer policy => policy.Outcome == PolicySaveOutcome.NotFound,
        RolloverStart start => start == RolloverStart.NotFound,
        // "Next year's already exists" comes after the campaign was found: only "not found" is a refusal.
        RolloverDraftAnswer draft => !draft.Created && draft.Error?.Contains("找不到", StringComparison.Ordinal) == true,
        RegistrationResult registration => !registration.Saved,
        HouseholdChange household => !household.Found,
        LifeEventResult lifeEvent => !lifeEvent.Found,
        ResidentEditResult edit => !edit.Found,
        Enrollment.Web.Features.Payments.PaymentRecordAnswer payment => !payment.Found,
        Enrollment.Web.Features.Payments.HouseholdPaymentAnswer household => !household.Found,
        Enrollment.Web.Features.Payments.PaymentChangeAnswer change => !change.Found,
        Enrollment.Web.Features.Payments.VillageDayAnswer day => !day.Found,
        NewCampaignAnswer campaign => campaign.Code is null,
        Enrollment.Web.Features.HandoverSheets.HandoverOutcome handover => handover == Enrollment.Web.Features.HandoverSheets.HandoverOutcome.NotFound,
        Enrollment.Web.Features.Refunds.RefundOutcome refund => refund == Enrollment.Web.Features.Refunds.RefundOutcome.NotFound,
        Enrollment.Web.Features.GovernmentPayments.GovernmentAnswer government =>
            government.Problem == Enrollment.Web.Features.GovernmentPayments.GovernmentText.UnknownCampaign,
        // A report written only for the user's own live check.
        bool written => !written,
        CampaignStatusAnswer status => !status.Moved && status.Message == "找不到该征缴活动。",
        _ when IsGridPage(answer, out var total, out var items) => total == 0 && items == 0,
        IEnumerable sequence => !sequence.Cast<object?>().Any(),
        _ => false,
    };

    private static bool IsGridPage(object answer, out int total, out int items)
    {
        var type = answer.GetType();
        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(GridPage<>))
        {
            total = (int)type.GetProperty(nameof(GridPage<object>.Total))!.GetValue(answer)!;
            items = ((ICollection)type.GetProperty(nameof(GridPage<object>.Items))!.GetValue(answer)!).Count;
            return true;
        }
        total = items = 0;
        return false;
    }

    /// <summary>The answer as JSON (every public property, enums by name), for searching and for the failure message.</summary>
    public static string Describe(object? answer)
    {
        if (answer is null)
        {
            return "null";
        }
        try
        {
            return JsonSerializer.Serialize(answer, answer.GetType(), Json);
        }
        catch (Exception e) when (e is NotSupportedException or InvalidOperationException or JsonException)
        {
            return $"<{answer.GetType().Name} not serializable: {e.Message}> {answer}";
        }
    }

    /// <summary>
    /// The secrets found in the answer: a string value equal to one, or, for secrets of six characters or more
    /// (numbers, logins, reasons), containing one. Short secrets (a two-character name) are only matched whole, so
    /// another resident's longer name does not count.
    /// </summary>
    public static IReadOnlyList<string> SecretsIn(object? answer, IEnumerable<string> secrets)
    {
        var wanted = secrets.Where(s => s.Length > 0).Distinct().ToList();
        if (answer is null || wanted.Count == 0)
        {
            return [];
        }
        var text = Describe(answer);
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return [.. wanted.Where(s => text.Contains(s, StringComparison.Ordinal))];
        }
        var values = new List<string>();
        Collect(node, values);
        return [.. wanted.Where(s => values.Any(v => v == s || (s.Length >= 6 && v.Contains(s, StringComparison.Ordinal))))];
    }

    private static void Collect(JsonNode? node, List<string> values)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    values.Add(key);
                    Collect(value, values);
                }
                break;
            case JsonArray a:
                foreach (var item in a)
                {
                    Collect(item, values);
                }
                break;
            case JsonValue v:
                values.Add(v.ToString());
                break;
        }
    }
}
