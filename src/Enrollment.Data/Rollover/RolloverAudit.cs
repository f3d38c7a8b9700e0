using System.Text.Json.Nodes;
using Enrollment.Data.Tenancy;
using Npgsql;

namespace Enrollment.Data.Rollover;

/// <summary>
/// The roll-over's one audit row. The bulk INSERT bypasses the EF audit interceptor, and a row per enrollment
/// would double a county's audit log for no reader; so one row says who rolled what over where, and how many.
/// </summary>
internal static class RolloverAudit
{
    public static async Task WriteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, TenantContext tenant, RolloverPlan plan,
        RolloverResult result, long? userId, DateTimeOffset now, CancellationToken ct)
    {
        var key = new JsonObject { ["tenant_id"] = tenant.TenantId, ["campaign_id"] = plan.To.Id };
        var after = new JsonObject
        {
            ["operation"] = "rollover",
            ["from_campaign_id"] = plan.From.Id,
            ["from_campaign"] = plan.From.Code,
            ["to_campaign_id"] = plan.To.Id,
            ["to_campaign"] = plan.To.Code,
            ["area"] = plan.PathPattern,
            ["created"] = result.Created,
            ["continuing"] = result.Continuing,
            ["first_time"] = result.FirstTime,
            ["interrupted"] = result.Interrupted,
            ["already_enrolled"] = result.AlreadyEnrolled,
            ["skipped_deceased"] = result.SkippedDeceased,
            ["skipped_moved_out"] = result.SkippedMovedOut,
            ["skipped_cancelled"] = result.SkippedCancelled,
            ["skipped_excluded"] = result.SkippedExcluded,
        };
        await using var command = new NpgsqlCommand(RolloverSql.Audit, connection, transaction);
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.TenantId!.Value });
        command.Parameters.Add(new NpgsqlParameter { Value = now.ToUniversalTime() });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)(userId ?? tenant.UserId) ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Bigint });
        command.Parameters.Add(new NpgsqlParameter { Value = tenant.Actor });
        command.Parameters.Add(new NpgsqlParameter { Value = key.ToJsonString() });
        command.Parameters.Add(new NpgsqlParameter { Value = after.ToJsonString() });
        await command.ExecuteNonQueryAsync(ct);
    }
}
