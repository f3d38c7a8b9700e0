using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Enrollment.Data.Auditing;

/// <summary>
/// Turns an entity's values into the audit JSON: column name → the value as stored (enums as their text, dates
/// ISO, money as numbers, jsonb columns inline), so audit rows read like the table they describe.
/// </summary>
internal static class AuditSnapshot
{
    /// <summary>The row's columns; xmin (a system column used as concurrency token) is not part of the row.</summary>
    public static string Row(IEntityType type, Func<IProperty, object?> valueOf) =>
        ToJson(type.GetProperties().Where(p => p.GetColumnName() != "xmin"), type, valueOf);

    public static string Key(IEntityType type, Func<IProperty, object?> valueOf) =>
        ToJson(type.FindPrimaryKey()!.Properties, type, valueOf);

    private static string ToJson(IEnumerable<IProperty> properties, IEntityType type, Func<IProperty, object?> valueOf)
    {
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var json = new JsonObject();
        foreach (var property in properties)
        {
            var value = valueOf(property);
            if (value is not null && property.FindAnnotation(Configurations.ConfigurationExtensions.AuditSecretAnnotation) is not null)
            {
                // Secrets leave a trace that they were set, and a changed fingerprint when they change, but no value.
                value = "[secret " + Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(
                    System.Text.Encoding.UTF8.GetBytes(Convert.ToString(value, CultureInfo.InvariantCulture)!)))[..8] + "]";
            }
            else if (value is not null && property.GetTypeMapping().Converter is { } converter)
            {
                value = converter.ConvertToProvider(value);
            }
            json[property.GetColumnName(table)!] = property.GetColumnType() == "jsonb" && value is string text
                ? JsonNode.Parse(text)
                : ToNode(value);
        }
        return json.ToJsonString();
    }

    private static JsonValue? ToNode(object? value) => value switch
    {
        null => null,
        string s => JsonValue.Create(s),
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        long l => JsonValue.Create(l),
        short s => JsonValue.Create(s),
        decimal d => JsonValue.Create(d),
        DateOnly d => JsonValue.Create(d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTimeOffset t => JsonValue.Create(t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)),
        byte[] bytes => JsonValue.Create(Convert.ToBase64String(bytes)),
        _ => JsonValue.Create(Convert.ToString(value, CultureInfo.InvariantCulture)),
    };
}
