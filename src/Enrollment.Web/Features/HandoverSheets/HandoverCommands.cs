using Enrollment.Data;
using Enrollment.Data.Entities;
using Enrollment.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Enrollment.Web.Features.HandoverSheets;

/// <summary>
/// 确认收讫: a township clerk (or the county) marks a collector's open sheet received. The sheet is frozen: a row
/// records who, when, how many and how much, and its payments point at it, so cash the collector records later that
/// day goes on the next sheet. Refused when the sheet changed since the clerk looked at it (a payment added or
/// reversed meanwhile), when it was received already, and for the clerk's own cash.
/// </summary>
public sealed class HandoverCommands(UserDbContextFactory contexts, CurrentUser currentUser, TimeProvider clock)
{
    public async Task<HandoverOutcome> ReceiveAsync(HandoverSheetKey key, string? seen, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var user = await currentUser.RequireAsync(Operation.ConfirmPayments);
        await using var db = await contexts.CreateAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (await HandoverSheetList.FindAsync(db, user, key, cancellationToken) is not { } sheet)
        {
            return HandoverOutcome.NotFound;
        }
        if (sheet.ReceivedAt is not null)
        {
            return HandoverOutcome.AlreadyReceived;
        }
        if (sheet.CollectorUserId == user.Id)
        {
            return HandoverOutcome.OwnSheet;
        }
        // The sheet's payments are locked first: a reversal waits for the receipt, and a payment recorded meanwhile
        // is not among them (it stays open, for the next sheet).
        var tenant = db.Tenant.TenantId!.Value;
        var locked = await db.Database.SqlQuery<long>($"""
            SELECT p.id AS "Value" FROM payments p JOIN residents r ON r.tenant_id = p.tenant_id AND r.id = p.resident_id
            WHERE p.tenant_id = {tenant} AND p.channel_code = {HandoverSheetRead.Channel} AND p.handover_sheet_id IS NULL
              AND p.recorded_by_user_id = {key.CollectorUserId} AND p.paid_on = {key.CollectedOn} AND r.village_id = {key.VillageId}
            FOR UPDATE OF p
            """).ToListAsync(cancellationToken);
        var lines = await HandoverSheetRead.LinesAsync(db, key, received: false, cancellationToken);
        if (HandoverSheetRead.Fingerprint(lines) != seen || lines.Count != locked.Count)
        {
            return HandoverOutcome.Changed;
        }
        var counted = lines.Where(l => l.Counted).ToList();
        var receipt = new HandoverSheet
        {
            CollectorUserId = key.CollectorUserId, VillageId = key.VillageId, CollectedOn = key.CollectedOn, Number = key.Number,
            PaymentCount = counted.Count, Total = counted.Sum(l => l.Amount), ReceivedAt = clock.GetUtcNow(), ReceivedByUserId = user.Id,
        };
        db.HandoverSheets.Add(receipt);
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation })
        {
            // Another clerk received this sheet number a moment earlier.
            return HandoverOutcome.AlreadyReceived;
        }
        var ids = lines.Select(l => l.PaymentId).ToList();
        await db.Payments.Where(p => ids.Contains(p.Id)).ExecuteUpdateAsync(s => s.SetProperty(p => p.HandoverSheetId, receipt.Id), cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return HandoverOutcome.Received;
    }
}
