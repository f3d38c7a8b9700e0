using Enrollment.Data.Imports;
using Enrollment.Data.Tenancy;
using Enrollment.Testing.Imports;

namespace Enrollment.Data.Tests.Imports;

/// <summary>Rows and runs of a residents import against <see cref="World"/>, as a county user or a township clerk.</summary>
internal static class ImportWorld
{
    public static readonly DateOnly Today = new(2024, 11, 20);

    /// <summary>A valid number of 滕州 (370481) born on <paramref name="birth"/> (yyyyMMdd) with sequence <paramref name="sequence"/>.</summary>
    public static string Id(string birth, int sequence, string region = "370481") =>
        World.WithCheck(region + birth + sequence.ToString("D3", System.Globalization.CultureInfo.InvariantCulture));

    public static object?[] Row(string? township, string? village, string household, object? name, object? id, string relation,
        string? phone = null, string? address = null, string? insured = "是") =>
        [township, village, household, name, id, relation, phone, address, insured];

    public static Task<byte[]> XlsxAsync(params object?[][] rows) =>
        ImportFiles.XlsxAsync([ImportFiles.ResidentHeader, .. rows]);

    public static async Task<ResidentImportPreview> CheckAsync(TestDb db, TenantContext tenant, byte[] file, bool nameTownships = true)
    {
        await using var context = db.AppContext(tenant);
        using var stream = new MemoryStream(file);
        return await ResidentImportCheck.CheckAsync(context, TestDb.Hasher, stream, new ResidentImportOptions(Today, nameTownships), default);
    }

    public static async Task<ResidentImportOutcome> CommitAsync(TestDb db, TenantContext tenant, ResidentImportPreview preview)
    {
        await using var context = db.AppContext(tenant);
        return await ResidentImportCommit.CommitAsync(context, preview, "test.xlsx", Today, DateTimeOffset.UtcNow, default);
    }

    public static ImportRowResult At(this ResidentImportPreview preview, int row) => preview.Results.Single(r => r.Row == row);
}
