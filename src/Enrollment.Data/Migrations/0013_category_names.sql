-- One Chinese name per category, everywhere: the rules engine's (Enrollment.Domain.Rules.BasisCodes) is the source,
-- and the reference table now says the same (it had longer variants such as '城乡最低生活保障对象 (低保)', so the
-- finance summary and the policy pages named one category two ways). A test compares the two.
UPDATE category_codes c SET name = v.name, department = v.department
FROM (VALUES
    ('poverty', '建档立卡贫困人口', '扶贫办/乡村振兴局'),
    ('monitored', '防止返贫监测帮扶对象', '乡村振兴局/农业农村局'),
    ('relapsed', '返贫致贫人口', '农业农村局'),
    ('dibao', '城乡最低生活保障对象', '民政局'),
    ('dibao_edge', '低保边缘家庭成员', '民政局'),
    ('tekun', '特困人员', '民政局'),
    ('wubao', '农村五保对象', '民政局'),
    ('sanwu', '城镇“三无”人员', '民政局'),
    ('orphan', '孤儿', '民政局'),
    ('de_facto_orphan', '事实无人抚养儿童', '民政局'),
    ('distressed_child', '重点困境儿童', '民政局'),
    ('severe_disability', '重度残疾人', '残联'),
    ('entitled', '抚恤定补优抚对象', '退役军人事务局'),
    ('family_planning', '计划生育特殊家庭成员', '卫健局'),
    ('poverty_supported', '未脱贫及两年继续扶持期内脱贫人员', '扶贫办'),
    ('poverty_exit_2014_2015', '2014、2015年退出户', '扶贫办'),
    ('poverty_alleviated_2016_2017', '2016、2017年脱贫户', '扶贫办')
) AS v(code, name, department)
WHERE c.code = v.code;
