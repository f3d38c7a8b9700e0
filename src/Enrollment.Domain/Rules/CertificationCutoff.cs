namespace Enrollment.Domain.Rules;

/// <summary>
/// A limit on the date a category was first certified (首次认定日期), e.g. 小雪 计生 "2016年1月22日前确定".
/// </summary>
public readonly record struct CertificationCutoff(CutoffKind Kind, DateOnly Date, bool MissingDateEligible)
{
    /// <summary>Whether a certification with this date (or none) passes the cut-off.</summary>
    public bool Admits(bool hasDate, DateOnly firstCertified) =>
        !hasDate
            ? MissingDateEligible
            : Kind switch
            {
                CutoffKind.Before => firstCertified < Date,
                CutoffKind.OnOrAfter => firstCertified >= Date,
            };
}
