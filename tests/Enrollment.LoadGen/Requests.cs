using System.Globalization;
using System.Text.Json;

namespace Enrollment.LoadGen;

/// <summary>What one logical request is for; each kind has its expected answer (<see cref="Expected"/>).</summary>
internal enum Kind
{
    Fresh,
    ConcurrentCopies,
    Repeat,
    AmountMismatch,
    UnknownId,
    InvalidId,
    UnknownChannel,
    NameMismatch,
    UnknownCampaign,
    MissingField,
    Conflict,
}

/// <summary>One POST /api/v1/payments body; the idempotency key is (channel, reference, ID number).</summary>
internal sealed record Payment(string Campaign, string IdNumber, string Name, decimal Amount, string PaidOn, string Channel, string Reference)
{
    public static readonly string[] Channels =
        ["wechat", "alipay", "e_tax", "yunongtong", "bank_counter", "tax_hall", "pos", "unionpay_qr", "village_collection"];

    public (string, string, string) Key => (Channel, Reference, IdNumber);

    /// <summary>The body; <paramref name="without"/> leaves a field out (a 400).</summary>
    public byte[] Json(string? without = null)
    {
        var fields = new Dictionary<string, string>
        {
            ["campaign"] = Campaign,
            ["id_number"] = IdNumber,
            ["name"] = Name,
            ["amount"] = Amount.ToString("0.00", CultureInfo.InvariantCulture),
            ["paid_on"] = PaidOn,
            ["channel"] = Channel,
            ["reference"] = Reference,
        };
        if (without is not null)
        {
            fields.Remove(without);
        }
        return JsonSerializer.SerializeToUtf8Bytes(fields);
    }
}

internal static class Expected
{
    /// <summary>The answer a deliberately wrong request must get (status and code); null for the kinds that succeed.</summary>
    public static (int Status, string Code)? Of(Kind kind) => kind switch
    {
        Kind.Fresh or Kind.ConcurrentCopies or Kind.Repeat => null,
        Kind.AmountMismatch => (422, "amount_mismatch"),
        Kind.UnknownId => (422, "not_registered"),
        Kind.InvalidId => (422, "invalid_id_number"),
        Kind.UnknownChannel => (422, "unknown_channel"),
        Kind.NameMismatch => (422, "name_mismatch"),
        Kind.UnknownCampaign => (422, "unknown_campaign"),
        Kind.MissingField => (400, "invalid_request"),
        Kind.Conflict => (409, "reference_conflict"),
    };

    /// <summary>A well-formed ID number of someone who lives nowhere in the county (another area code), valid or not.</summary>
    public static string OutsideId(Random random, bool validCheck)
    {
        var first17 = string.Create(CultureInfo.InvariantCulture,
            $"110101{random.Next(1950, 2010)}{random.Next(1, 13):D2}{random.Next(1, 29):D2}{random.Next(0, 1000):D3}");
        var check = Domain.Residents.CitizenId.ComputeCheckCharacter(first17);
        return first17 + (validCheck ? check : check == '0' ? '1' : '0');
    }
}
