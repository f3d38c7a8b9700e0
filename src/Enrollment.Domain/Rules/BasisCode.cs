namespace Enrollment.Domain.Rules;

/// <summary>
/// What a subsidy is granted on (资助依据): a category certified by a department (docs/rules.md §3),
/// or an age band derived from the birth date. <see cref="None"/> means no subsidy applies.
/// The numeric values index bit masks and must stay below 32.
/// </summary>
public enum BasisCode : byte
{
    None = 0,
    Poverty = 1,
    Monitored = 2,
    Relapsed = 3,
    Dibao = 4,
    DibaoEdge = 5,
    Tekun = 6,
    Wubao = 7,
    Sanwu = 8,
    Orphan = 9,
    DeFactoOrphan = 10,
    DistressedChild = 11,
    SevereDisability = 12,
    Entitled = 13,
    FamilyPlanning = 14,
    PovertySupported = 15,
    PovertyExit2014To2015 = 16,
    PovertyAlleviated2016To2017 = 17,

    /// <summary>70岁（含）以上老年人: derived from the birth date, never certified.</summary>
    Age70Plus = 18,

    /// <summary>60（含）—69岁老年人: derived from the birth date, never certified.</summary>
    Age60To69 = 19,
}
