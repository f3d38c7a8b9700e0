using Npgsql;

namespace Enrollment.Data.Payments;

/// <summary>
/// The API's lean database access: a pooled connection of the app role whose first batch finds the key by the hash
/// of its secret and enters its tenant (<c>app.tenant_id</c>, read by row-level security) before the statements that
/// follow in the same round trip. An unknown or revoked key enters no tenant, so those statements see nothing.
/// </summary>
internal static class ApiConnection
{
    private const string FindKey = "SELECT tenant_id, id, name, scopes, revoked, last_used_at FROM api_key_find($1)";

    private const string EnterTenant =
        "SELECT set_config('app.tenant_id', coalesce((SELECT k.tenant_id::text FROM api_key_find($1) k WHERE NOT k.revoked), ''), false)";

    /// <summary>Adds the two statements that authenticate; read their results with <see cref="ReadCallerAsync"/>.</summary>
    public static void AddAuthentication(NpgsqlBatch batch, byte[] hash)
    {
        var find = new NpgsqlBatchCommand(FindKey);
        find.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = hash });
        var enter = new NpgsqlBatchCommand(EnterTenant);
        enter.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = hash });
        batch.BatchCommands.Add(find);
        batch.BatchCommands.Add(enter);
    }

    /// <summary>Reads the key (null when unknown or revoked) and moves past the tenant statement.</summary>
    public static async Task<ApiCaller?> ReadCallerAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        ApiCaller? caller = null;
        if (await reader.ReadAsync(ct) && !reader.GetBoolean(4))
        {
            caller = new ApiCaller(reader.GetInt32(0), reader.GetInt64(1), reader.GetString(2), reader.GetFieldValue<string[]>(3),
                reader.IsDBNull(5) ? null : reader.GetFieldValue<DateTimeOffset>(5));
        }
        await reader.NextResultAsync(ct);
        await reader.NextResultAsync(ct);
        return caller;
    }

    /// <summary>The audit row of one call (key name, operation, outcome), and the key's last use at most once a minute.</summary>
    public static void AddAudit(NpgsqlBatch batch, ApiCaller caller, string operation, string outcome, string? entityKey, DateTimeOffset now) =>
        AddAudit(batch, caller, operation, outcome, entityKey, now, null);

    /// <summary>
    /// As above; with <paramref name="request"/> (channel, reference, enrollment) the outcome is read from the
    /// idempotency record an earlier statement of the same batch wrote (recorded, matched, refund_due).
    /// </summary>
    public static void AddAudit(
        NpgsqlBatch batch, ApiCaller caller, string operation, string outcome, string? entityKey, DateTimeOffset now,
        (string Channel, string Reference, long Enrollment)? request)
    {
        var audit = new NpgsqlBatchCommand(request is null ? """
            SELECT append_audit(ARRAY[$1::integer], ARRAY[$2::timestamptz], ARRAY[NULL::bigint], ARRAY[$3::text], ARRAY['api'],
                                ARRAY[$4::text], ARRAY['api_call'], ARRAY[NULL::text], ARRAY[$5::text])
            """ : """
            SELECT append_audit(ARRAY[$1::integer], ARRAY[$2::timestamptz], ARRAY[NULL::bigint], ARRAY[$3::text], ARRAY['api'],
                                ARRAY[$4::text], ARRAY['api_call'], ARRAY[NULL::text],
                                ARRAY[jsonb_set($5::jsonb, '{outcome}', to_jsonb(coalesce((
                                    SELECT q.outcome FROM payment_requests q JOIN enrollments e ON e.tenant_id = q.tenant_id AND e.resident_id = q.resident_id
                                    WHERE q.channel_code = $6 AND q.reference = $7 AND e.id = $8), 'repeat')))::text])
            """);
        audit.Parameters.Add(new NpgsqlParameter<int> { TypedValue = caller.TenantId });
        audit.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
        audit.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "API 密钥：" + caller.KeyName });
        audit.Parameters.Add(new NpgsqlParameter<string> { TypedValue = entityKey ?? System.Text.Json.JsonSerializer.Serialize(new { api_key_id = caller.KeyId }) });
        audit.Parameters.Add(new NpgsqlParameter<string>
        {
            TypedValue = System.Text.Json.JsonSerializer.Serialize(new { key = caller.KeyName, key_id = caller.KeyId, operation, outcome }),
        });
        if (request is { } r)
        {
            audit.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.Channel });
            audit.Parameters.Add(new NpgsqlParameter<string> { TypedValue = r.Reference });
            audit.Parameters.Add(new NpgsqlParameter<long> { TypedValue = r.Enrollment });
        }
        batch.BatchCommands.Add(audit);
        if (caller.LastUsedAt is not { } last || now - last >= TimeSpan.FromMinutes(1))
        {
            var used = new NpgsqlBatchCommand(
                "UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2 - interval '1 minute')");
            used.Parameters.Add(new NpgsqlParameter<long> { TypedValue = caller.KeyId });
            used.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = now });
            batch.BatchCommands.Add(used);
        }
    }

    /// <summary>Writes the audit row of a call that changed nothing (errors, reads).</summary>
    public static async Task AuditAsync(NpgsqlConnection connection, ApiCaller caller, string operation, string outcome, DateTimeOffset now, CancellationToken ct)
    {
        await using var batch = new NpgsqlBatch(connection);
        AddAudit(batch, caller, operation, outcome, null, now);
        await batch.ExecuteNonQueryAsync(ct);
    }
}
