namespace Enrollment.Data.Imports.Payments;

/// <summary>The codes a payment file's report adds to the general ones (<see cref="ImportCodes"/>); the API answers the shared ones with the same code.</summary>
public static class PaymentImportCodes
{
    public const string UnknownChannel = "unknown_channel";

    /// <summary>险种 names another insurance than 城乡居民基本医疗保险.</summary>
    public const string OtherInsurance = "other_insurance";

    /// <summary>缴费年度 is not the campaign's policy year.</summary>
    public const string WrongYear = "wrong_year";

    /// <summary>An accepted negative row: it reverses the payment with the same channel, reference and ID.</summary>
    public const string Reversal = "reversal";

    /// <summary>A negative row with no payment of that channel, reference and ID to reverse.</summary>
    public const string NoSuchPayment = "no_such_payment";
}
