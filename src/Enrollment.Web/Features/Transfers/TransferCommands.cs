using Enrollment.Web.Components.Forms;
using Enrollment.Web.Features.Accounts;
using Enrollment.Web.Features.Registration;

namespace Enrollment.Web.Features.Transfers;

/// <summary>
/// What the transfer pages change: request, approve or reject, withdraw. Each checks the permission table, works in a
/// context of its own acting for the user (so a request of another township or county is simply not found), and
/// carries the row version the user saw, so a request closed by someone else meanwhile is not acted on twice.
/// </summary>
public sealed class TransferCommands(
    UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock, CitizenIdCheck idCheck, TransferNotifier notifier)
{
    public async Task<TransferOutcome> DecideAsync(long requestId, bool approve, string? note, uint seenVersion, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.RequireAsync(Operation.DecideTransfers);
        if (Note(note) is not { IsOk: true } read)
        {
            return TransferOutcome.NoteInvalid;
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        return Notified(await TransferDecision.DecideAsync(db, clock, user.Id, requestId, approve, read.Value, seenVersion, cancellationToken));
    }

    public async Task<TransferOutcome> WithdrawAsync(long requestId, string? note, uint seenVersion, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.RequireAsync(Operation.RequestTransfers);
        if (Note(note) is not { IsOk: true } read)
        {
            return TransferOutcome.NoteInvalid;
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        return Notified(await TransferWithdrawal.WithdrawAsync(db, clock, user.Id, user.Role, requestId, read.Value, seenVersion, cancellationToken));
    }

    /// <summary>申请转入 of the person with this number into a village of the user's subtree.</summary>
    public async Task<TransferRequestAnswer> RequestAsync(string? citizenId, long? toVillageId, string? reason, CancellationToken cancellationToken = default)
    {
        var user = await currentUser.RequireAsync(Operation.RequestTransfers);
        var why = TextInput.ReadLines(reason, "转入理由", NoteLength);
        if (why.Problem is { } problem)
        {
            return new TransferRequestAnswer(false, problem);
        }
        await using var db = await contexts.CreateAsync(cancellationToken);
        var check = await idCheck.CheckAsync(db, user, citizenId, cancellationToken);
        var answer = await TransferRequestCommand.RequestAsync(db, clock, user.Id, check, toVillageId, why.Value, cancellationToken);
        if (answer.Ok)
        {
            notifier.Notify();
        }
        return answer;
    }

    private T Notified<T>(T outcome)
    {
        notifier.Notify();
        return outcome;
    }

    /// <summary>Notes and reasons are at most 200 characters, as the forms say.</summary>
    public const int NoteLength = 200;

    /// <summary>A decision's or withdrawal's note as read: longer or garbled text is refused, never cut and stored.</summary>
    private static TextResult Note(string? note) => TextInput.ReadLines(note, "理由或说明", NoteLength);
}
