namespace Enrollment.Domain.Policies;

/// <summary>Window and phase checks: order, inside the policy year, phases inside the window and disjoint.</summary>
internal static class CollectionWindowChecks
{
    public static void Check(CollectionWindowDocument? window, DateOnly yearEnd, ProblemList p)
    {
        const string path = "collectionWindow";
        if (window?.LastDayInclusive is not { } last)
        {
            p.Error($"{path}.lastDayInclusive", "window.last_day.missing", "collectionWindow.lastDayInclusive is required",
                "必须填写集中征缴期截止日");
            return;
        }

        var first = window.FirstDayInclusive;
        if (first is { } f && f > last)
        {
            p.Error($"{path}.firstDayInclusive", "window.order",
                $"the window starts {PolicyValidator.D(f)} after it ends {PolicyValidator.D(last)}",
                $"集中征缴期开始日 {PolicyValidator.D(f)} 晚于截止日 {PolicyValidator.D(last)}");
        }

        if (last > yearEnd)
        {
            p.Error($"{path}.lastDayInclusive", "window.after_year",
                $"the window ends {PolicyValidator.D(last)}, after the policy year ({PolicyValidator.D(yearEnd)})",
                $"集中征缴期截止日 {PolicyValidator.D(last)} 晚于本年度最后一天 {PolicyValidator.D(yearEnd)}");
        }

        var phases = window.Phases ?? [];
        for (var i = 0; i < phases.Count; i++)
        {
            CheckPhase(phases, i, first, last, p);
        }
    }

    private static void CheckPhase(List<PhaseDocument> phases, int i, DateOnly? windowFirst, DateOnly windowLast, ProblemList p)
    {
        var path = $"collectionWindow.phases[{i}]";
        var phase = phases[i];
        if (string.IsNullOrWhiteSpace(phase.Name))
        {
            p.Error($"{path}.name", "phase.name.missing", "a phase needs a name", "阶段名称不能为空");
        }

        if (phase.FirstDayInclusive is not { } first || phase.LastDayInclusive is not { } last)
        {
            p.Error(path, "phase.dates.missing", "a phase needs firstDayInclusive and lastDayInclusive", "阶段必须填写开始日和结束日");
            return;
        }

        if (first > last)
        {
            p.Error(path, "phase.order", $"phase '{phase.Name}' starts after it ends", $"阶段“{phase.Name}”的开始日晚于结束日");
        }

        if (last > windowLast || (windowFirst is { } wf && first < wf))
        {
            p.Error(path, "phase.outside_window",
                $"phase '{phase.Name}' ({PolicyValidator.D(first)} … {PolicyValidator.D(last)}) falls outside the collection window",
                $"阶段“{phase.Name}”（{PolicyValidator.D(first)} 至 {PolicyValidator.D(last)}）超出集中征缴期");
        }

        for (var j = 0; j < i; j++)
        {
            var other = phases[j];
            if (other.FirstDayInclusive is { } of && other.LastDayInclusive is { } ol && first <= ol && of <= last)
            {
                p.Error(path, "phase.overlap",
                    $"phase '{phase.Name}' overlaps phases[{j}] '{other.Name}'",
                    $"阶段“{phase.Name}”与阶段“{other.Name}”的日期重叠");
            }
        }
    }
}
