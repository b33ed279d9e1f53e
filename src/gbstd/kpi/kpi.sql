-- gbstd kpi: the window-service indicators of GB/T 32169.4 (ch. 6) as plain SQL.
--
-- The definitions, formulas and thresholds below are gbstd's own defaults. The standard's text
-- is not available to us; nothing here is its wording. docs/kpi.md explains every formula.
--
-- Each statement begins with a "-- name: <name>" line; gbstd/kpi/ runs them by name on DuckDB,
-- and on Spark transpiled by SQLGlot (kpi/dialects.py, which also emits Trino and Doris SQL:
-- `gbstd kpi --emit-sql`). This file is the only definition: no engine has its own copy.
--
-- Relations gbstd/kpi/ creates before running these statements:
--   cases               a view: one typed row per input row (row_no counts data rows from 1,
--                       in file order), with the canonical columns (window as window_id),
--                       group_extra (department or month when grouping by them, else NULL),
--                       the bad_* columns: the raw text of a value that could not be read,
--                       or NULL (a number of days that is not finite, such as nan or inf,
--                       counts as unreadable and is NULL), and implausible_accepted_at,
--                       implausible_completed_at: the text of a time outside the plausible
--                       window of dates (the time itself is then NULL), or NULL
--   calendar_days       cal_date: every date from the first acceptance to the last completion
--   calendar_overrides  cal_date, is_workday: statutory holidays and make-up working days (调休)
--                       from chinese_calendar, then the user's calendar file
--   satisfied_grades    grade: the satisfaction grades the profile counts as satisfied
--   run_settings        one row: as_of (DATE), overdue_tolerance_days (DOUBLE),
--                       refused_reason_checked (BOOLEAN: the data has a refused_reason_given
--                       column; without it refusals cannot be judged, so none is abnormal)
--   matters             matter, should_enter, entered (only with a matters file)


-- name: calendar
-- Working-day calendar. A date is a working day when an override says so, otherwise when it is
-- Monday to Friday. workday_index counts working days from the first date up to and including
-- this one, so the working days in (a, b] are index(b) - index(a).
CREATE TABLE calendar AS
SELECT
    cal_date,
    is_workday,
    CAST(SUM(CASE WHEN is_workday THEN 1 ELSE 0 END) OVER (
        ORDER BY cal_date ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
    ) AS INTEGER) AS workday_index
FROM (
    SELECT
        d.cal_date,
        COALESCE(o.is_workday, EXTRACT(ISODOW FROM d.cal_date) <= 5) AS is_workday
    FROM calendar_days AS d
    LEFT JOIN calendar_overrides AS o ON o.cal_date = d.cal_date
) AS days;


-- name: settings
-- The run's settings with the working-day index of the as-of date (for cases still open).
CREATE TABLE settings AS
SELECT r.as_of, r.overdue_tolerance_days, r.refused_reason_checked,
    c.workday_index AS as_of_index
FROM run_settings AS r
LEFT JOIN calendar AS c ON c.cal_date = r.as_of;


-- name: duplicates
-- The rows with an id problem: those whose case_id already appeared on an earlier row of the
-- same centre (centres may number their cases independently), and those without a case_id.
-- Of repeated ids the first row (in file order) is kept; the later ones are left out of every
-- indicator and listed as a data problem (previous_row: the row they repeat). Sorting 31-bit
-- hashes of (case_id, centre_id) and comparing neighbours finds the repeated ones more cheaply
-- than grouping or sorting millions of distinct ids; only their rows are then compared by the
-- ids themselves (so two different ids that happen to share a hash are never taken for
-- duplicates). A 4-byte key sorts faster than an 8-byte one; the price is more shared hashes
-- (~23,000 pairs among 10 million distinct ids), whose few rows the second step compares by
-- id. That second step reads every row's id anyway, so it also picks out the missing ones.
CREATE TABLE id_rows AS
WITH hashed AS (
    SELECT CAST(HASH(case_id, centre_id) % 2147483647 AS INTEGER) AS id_hash
    FROM cases
    WHERE case_id IS NOT NULL
),
repeated AS (
    SELECT DISTINCT id_hash
    FROM (
        SELECT id_hash, LAG(id_hash) OVER (ORDER BY id_hash) AS previous_hash
        FROM hashed
    ) AS sorted_hashes
    WHERE id_hash = previous_hash
),
candidates AS (
    SELECT c.row_no, c.case_id, c.centre_id
    FROM cases AS c
    LEFT JOIN repeated AS r
        ON r.id_hash = CAST(HASH(c.case_id, c.centre_id) % 2147483647 AS INTEGER)
    WHERE c.case_id IS NULL OR r.id_hash IS NOT NULL
)
SELECT row_no, case_id, previous_row
FROM (
    SELECT
        row_no,
        case_id,
        CASE WHEN case_id IS NOT NULL THEN LAG(row_no) OVER (
            PARTITION BY case_id, centre_id ORDER BY row_no
        ) END AS previous_row
    FROM candidates
) AS chained
WHERE previous_row IS NOT NULL OR case_id IS NULL;


-- name: duplicate_rows
-- The rows repeating an earlier row's case_id, with the row they repeat.
CREATE VIEW duplicate_rows AS
SELECT row_no, previous_row
FROM id_rows
WHERE previous_row IS NOT NULL;


-- name: fact_rows
-- The rows `facts` describes: every case, for the window figures. (flag_candidates narrows it
-- for the flagged rows.)
CREATE VIEW fact_rows AS
SELECT * FROM cases;


-- name: facts
-- One row per row of fact_rows with everything the indicators need.
--   time_ok       the case's times are usable: accepted_at read and plausible, completed_at (if
--                 any) read, plausible and not before acceptance, and a completed case has a
--                 completion time. Rows without usable times are left out of the time-based
--                 indicators only.
--   elapsed_days  working days in (accepted date, completed date]; for a case still in
--                 progress, up to the as-of date. Same-day completion is 0.
CREATE VIEW facts AS
WITH timed AS (
    SELECT
        c.*,
        CASE WHEN d.row_no IS NOT NULL THEN 1 ELSE 0 END AS duplicate_extra,
        d.previous_row,
        CASE
            WHEN c.accepted_at IS NOT NULL
                AND c.bad_completed_at IS NULL
                AND c.implausible_completed_at IS NULL
                AND (c.completed_at IS NULL OR c.completed_at >= c.accepted_at)
                AND (c.completed_at IS NOT NULL OR COALESCE(c.status, '') <> 'completed')
            THEN 1 ELSE 0
        END AS time_ok,
        ca.workday_index AS accepted_index,
        cc.workday_index AS completed_index,
        s.as_of_index,
        s.overdue_tolerance_days,
        s.refused_reason_checked,
        CASE WHEN g.grade IS NOT NULL THEN 1 ELSE 0 END AS satisfied
    FROM fact_rows AS c
    LEFT JOIN duplicate_rows AS d ON d.row_no = c.row_no
    LEFT JOIN calendar AS ca ON ca.cal_date = CAST(c.accepted_at AS DATE)
    LEFT JOIN calendar AS cc ON cc.cal_date = CAST(c.completed_at AS DATE)
    LEFT JOIN satisfied_grades AS g ON g.grade = c.satisfaction
    CROSS JOIN settings AS s
),
measured AS (
    SELECT
        t.*,
        CASE
            WHEN t.time_ok = 1 AND t.completed_at IS NOT NULL
                THEN t.completed_index - t.accepted_index
            WHEN t.time_ok = 1 AND t.status = 'in_progress'
                THEN t.as_of_index - t.accepted_index
        END AS elapsed_days,
        CASE
            WHEN t.status = 'completed' AND t.completed_at IS NOT NULL AND t.time_ok = 1
                AND t.statutory_days > 0
            THEN 1 ELSE 0
        END AS speed_case,
        CASE
            WHEN t.status = 'completed' AND t.completed_at IS NOT NULL AND t.time_ok = 1
                AND (t.promised_days >= 0 OR t.statutory_days >= 0)
            THEN 1 ELSE 0
        END AS on_time_case
    FROM timed AS t
),
flagged AS (
    SELECT
        m.*,
        -- 异常办理 / overdue (超期): past the promised or the statutory working days, plus the
        -- profile's tolerance (completed, refused and in-progress cases; withdrawn cases are
        -- not judged). Reaching a limit exactly is on time. A blank (or bad) limit is not
        -- used, so a case without a promise is still judged by its statutory limit.
        CASE
            WHEN m.elapsed_days IS NOT NULL
                AND COALESCE(m.status, '') <> 'withdrawn'
                AND ((m.promised_days >= 0
                        AND m.elapsed_days > m.promised_days + m.overdue_tolerance_days)
                    OR (m.statutory_days >= 0
                        AND m.elapsed_days > m.statutory_days + m.overdue_tolerance_days))
            THEN 1 ELSE 0
        END AS overdue,
        -- 异常办理 / 体外循环: handled outside the business system.
        CASE WHEN m.outside_system THEN 1 ELSE 0 END AS outside,
        -- 异常办理 / refused without a recorded reason (an empty cell records none; without the
        -- column nothing is recorded either way, and refusals are not judged).
        CASE
            WHEN m.status = 'refused' AND NOT COALESCE(m.refused_reason_given, FALSE)
                AND m.refused_reason_checked
            THEN 1 ELSE 0
        END AS refused_without_reason,
        -- 异常办理 / completion recorded before acceptance.
        CASE WHEN m.completed_at < m.accepted_at THEN 1 ELSE 0 END AS completed_before_accepted
    FROM measured AS m
)
SELECT
    f.*,
    CASE
        WHEN f.overdue + f.outside + f.refused_without_reason + f.completed_before_accepted > 0
        THEN 1 ELSE 0
    END AS abnormal
FROM flagged AS f;


-- name: window_figures
-- The numerators and denominators of every case-based indicator for each window (and, when
-- grouping by department or month, each department or month within it), and the number of
-- rows with each data problem, in one pass over the cases. Rows repeating an earlier case_id
-- are kept apart (duplicate_extra = 1): the indicators leave them out, the data problems count
-- them. COUNT(CASE WHEN … THEN 1 END) counts the rows meeting a condition.
CREATE TABLE window_figures AS
SELECT
    centre_id,
    window_id,
    group_extra,
    duplicate_extra,
    COUNT(*) AS cases,
    MIN(CAST(accepted_at AS DATE)) AS period_start,
    MAX(CAST(accepted_at AS DATE)) AS period_end,
    SUM(1 - time_ok) AS time_excluded,

    -- 窗口授权执行率 authorisation_execution_rate:
    --   cases the window decided itself under its authorisation ÷ cases it is authorised for.
    COUNT(CASE WHEN authorised AND decided_at_window THEN 1 END)
        AS authorisation_execution_rate_num,
    COUNT(CASE WHEN authorised THEN 1 END) AS authorisation_execution_rate_den,
    0 AS authorisation_execution_rate_excluded,

    -- 办理提速率 speed_up_rate:
    --   mean of (statutory days − elapsed working days) ÷ statutory days over completed cases
    --   with a statutory limit; the denominator is their count.
    SUM(CASE WHEN speed_case = 1 THEN (statutory_days - elapsed_days) / statutory_days END)
        AS speed_up_rate_num,
    SUM(speed_case) AS speed_up_rate_den,
    COUNT(CASE WHEN status = 'completed' AND statutory_days IS NOT NULL AND speed_case = 0
        THEN 1 END) AS speed_up_rate_excluded,

    -- 现场办结率 on_the_spot_rate: cases completed on the spot ÷ cases accepted (受理件数:
    --   refused cases, 不予受理, were not accepted; open, withdrawn and unknown ones count).
    COUNT(CASE WHEN on_the_spot AND status = 'completed' THEN 1 END) AS on_the_spot_rate_num,
    COUNT(CASE WHEN COALESCE(status, '') <> 'refused' THEN 1 END) AS on_the_spot_rate_den,
    0 AS on_the_spot_rate_excluded,

    -- 联办率 joint_handling_rate:
    --   cases handled jointly by several departments ÷ cases that need several departments.
    COUNT(CASE WHEN joint_required AND joint_handled THEN 1 END) AS joint_handling_rate_num,
    COUNT(CASE WHEN joint_required THEN 1 END) AS joint_handling_rate_den,
    0 AS joint_handling_rate_excluded,

    -- 网上受理率 online_acceptance_rate: cases accepted online ÷ cases with a known channel.
    COUNT(CASE WHEN channel = 'online' THEN 1 END) AS online_acceptance_rate_num,
    COUNT(channel) AS online_acceptance_rate_den,
    COUNT(*) - COUNT(channel) AS online_acceptance_rate_excluded,

    -- 窗口服务满意率 satisfaction_rate:
    --   ratings in the profile's satisfied grades ÷ all valid ratings.
    SUM(satisfied) AS satisfaction_rate_num,
    COUNT(satisfaction) AS satisfaction_rate_den,
    COUNT(bad_satisfaction) AS satisfaction_rate_excluded,

    -- 异常办理 abnormal_cases: cases with at least one abnormal situation (value = count).
    SUM(abnormal) AS abnormal_cases_num,
    COUNT(*) AS abnormal_cases_den,
    0 AS abnormal_cases_excluded,
    SUM(overdue) AS abnormal_overdue,
    SUM(outside) AS abnormal_outside_system,
    SUM(refused_without_reason) AS abnormal_refused_without_reason,
    SUM(completed_before_accepted)
        AS abnormal_completed_before_accepted,

    -- 投诉率 complaint_rate: valid complaints ÷ cases.
    COUNT(CASE WHEN complaint_valid THEN 1 END) AS complaint_rate_num,
    COUNT(*) AS complaint_rate_den,
    0 AS complaint_rate_excluded,

    -- 投诉处理满意率 complaint_satisfaction_rate:
    --   valid complaints whose handling the complainant accepted ÷ valid complaints handled
    --   (handled = complaint_accepted recorded, true or false).
    COUNT(CASE WHEN complaint_valid AND complaint_accepted THEN 1 END)
        AS complaint_satisfaction_rate_num,
    COUNT(CASE WHEN complaint_valid AND complaint_accepted IS NOT NULL THEN 1 END)
        AS complaint_satisfaction_rate_den,
    0 AS complaint_satisfaction_rate_excluded,

    -- 按时办结率 on_time_rate (a toolkit addition):
    --   completed cases not overdue (within their promised and statutory working days, +
    --   tolerance) ÷ completed cases with a limit (promised or statutory).
    SUM(on_time_case * (1 - overdue)) AS on_time_rate_num,
    SUM(on_time_case) AS on_time_rate_den,
    COUNT(CASE WHEN status = 'completed' AND on_time_case = 0
        AND (promised_days IS NOT NULL OR statutory_days IS NOT NULL) THEN 1 END)
        AS on_time_rate_excluded,

    -- Data problems: rows affected, by the same conditions as issue_rows (a test holds them
    -- together). Completion before acceptance is abnormal_completed_before_accepted above;
    -- missing and repeated case ids are counted from id_rows.
    COUNT(bad_accepted_at) AS issue_unparsable_accepted_at,
    COUNT(CASE WHEN accepted_at IS NULL AND bad_accepted_at IS NULL
        AND implausible_accepted_at IS NULL THEN 1 END) AS issue_missing_accepted_at,
    COUNT(bad_completed_at) AS issue_unparsable_completed_at,
    COUNT(CASE WHEN implausible_accepted_at IS NOT NULL OR implausible_completed_at IS NOT NULL
        THEN 1 END) AS issue_implausible_date,
    COUNT(CASE WHEN status = 'completed' AND completed_at IS NULL AND bad_completed_at IS NULL
        AND implausible_completed_at IS NULL THEN 1 END) AS issue_completed_without_time,
    COUNT(bad_number) AS issue_unparsable_number,
    COUNT(CASE WHEN statutory_days < 0 OR promised_days < 0 THEN 1 END) AS issue_negative_days,
    COUNT(bad_boolean) AS issue_unparsable_boolean,
    COUNT(bad_channel) AS issue_unknown_channel,
    COUNT(bad_status) AS issue_unknown_status,
    COUNT(bad_satisfaction) AS issue_unknown_satisfaction
FROM facts
GROUP BY centre_id, window_id, group_extra, duplicate_extra;


-- name: indicators
-- Adds the window figures up (without the rows repeating a case_id): for all cases, each
-- window, each centre, each department or month within a centre, and each month. The figures
-- are sums, so adding them up is exact.
SELECT
    GROUPING(centre_id, window_id, group_extra) AS grouping_id,
    centre_id,
    window_id,
    group_extra,
    SUM(cases) AS cases,
    MIN(period_start) AS period_start,
    MAX(period_end) AS period_end,
    SUM(time_excluded) AS time_excluded,
    SUM(authorisation_execution_rate_num) AS authorisation_execution_rate_num,
    SUM(authorisation_execution_rate_den) AS authorisation_execution_rate_den,
    SUM(authorisation_execution_rate_excluded) AS authorisation_execution_rate_excluded,
    SUM(speed_up_rate_num) AS speed_up_rate_num,
    SUM(speed_up_rate_den) AS speed_up_rate_den,
    SUM(speed_up_rate_excluded) AS speed_up_rate_excluded,
    SUM(on_the_spot_rate_num) AS on_the_spot_rate_num,
    SUM(on_the_spot_rate_den) AS on_the_spot_rate_den,
    SUM(on_the_spot_rate_excluded) AS on_the_spot_rate_excluded,
    SUM(joint_handling_rate_num) AS joint_handling_rate_num,
    SUM(joint_handling_rate_den) AS joint_handling_rate_den,
    SUM(joint_handling_rate_excluded) AS joint_handling_rate_excluded,
    SUM(online_acceptance_rate_num) AS online_acceptance_rate_num,
    SUM(online_acceptance_rate_den) AS online_acceptance_rate_den,
    SUM(online_acceptance_rate_excluded) AS online_acceptance_rate_excluded,
    SUM(satisfaction_rate_num) AS satisfaction_rate_num,
    SUM(satisfaction_rate_den) AS satisfaction_rate_den,
    SUM(satisfaction_rate_excluded) AS satisfaction_rate_excluded,
    SUM(abnormal_cases_num) AS abnormal_cases_num,
    SUM(abnormal_cases_den) AS abnormal_cases_den,
    SUM(abnormal_cases_excluded) AS abnormal_cases_excluded,
    SUM(abnormal_overdue) AS abnormal_overdue,
    SUM(abnormal_outside_system) AS abnormal_outside_system,
    SUM(abnormal_refused_without_reason) AS abnormal_refused_without_reason,
    SUM(abnormal_completed_before_accepted) AS abnormal_completed_before_accepted,
    SUM(complaint_rate_num) AS complaint_rate_num,
    SUM(complaint_rate_den) AS complaint_rate_den,
    SUM(complaint_rate_excluded) AS complaint_rate_excluded,
    SUM(complaint_satisfaction_rate_num) AS complaint_satisfaction_rate_num,
    SUM(complaint_satisfaction_rate_den) AS complaint_satisfaction_rate_den,
    SUM(complaint_satisfaction_rate_excluded) AS complaint_satisfaction_rate_excluded,
    SUM(on_time_rate_num) AS on_time_rate_num,
    SUM(on_time_rate_den) AS on_time_rate_den,
    SUM(on_time_rate_excluded) AS on_time_rate_excluded
FROM window_figures
WHERE duplicate_extra = 0
GROUP BY GROUPING SETS (
    (), (centre_id, window_id), (centre_id), (centre_id, group_extra), (group_extra)
);


-- name: flag_candidates
-- Narrow fact_rows to the rows that may be flagged, judged on each case's own columns, so that
-- flagged_rows works out working days for a few rows rather than all of them. Every condition
-- of flagged_rows appears here as it is, except two: a case can only be overdue when its
-- calendar days exceed the promised or statutory days plus the tolerance (working days never
-- outnumber calendar days), and a duplicate is a row listed in duplicate_rows. flagged_rows
-- then applies its own exact conditions, so this only saves work; a test compares it with all
-- rows.
CREATE OR REPLACE VIEW fact_rows AS
SELECT c.*
FROM cases AS c
CROSS JOIN settings AS s
WHERE (COALESCE(c.status, '') <> 'withdrawn'
        AND ((c.promised_days >= 0
                AND CAST(COALESCE(c.completed_at, s.as_of) AS DATE) - CAST(c.accepted_at AS DATE)
                    > c.promised_days + s.overdue_tolerance_days)
            OR (c.statutory_days >= 0
                AND CAST(COALESCE(c.completed_at, s.as_of) AS DATE) - CAST(c.accepted_at AS DATE)
                    > c.statutory_days + s.overdue_tolerance_days)))
    OR c.outside_system
    OR (c.status = 'refused' AND NOT COALESCE(c.refused_reason_given, FALSE)
        AND s.refused_reason_checked)
    OR c.completed_at < c.accepted_at
    OR c.row_no IN (SELECT row_no FROM duplicate_rows)
    OR c.accepted_at IS NULL
    OR c.bad_completed_at IS NOT NULL
    OR c.implausible_completed_at IS NOT NULL
    OR (c.status = 'completed' AND c.completed_at IS NULL)
    OR c.bad_number IS NOT NULL
    OR c.statutory_days < 0
    OR c.promised_days < 0
    OR c.bad_boolean IS NOT NULL
    OR c.bad_channel IS NOT NULL
    OR c.bad_status IS NOT NULL
    OR c.bad_satisfaction IS NOT NULL
    OR c.case_id IS NULL;


-- name: flagged_rows
-- The rows that are abnormal, repeat an earlier case_id or have a data problem (such rows are
-- expected to be few): the abnormal-case list and the data problems' examples are read from
-- them. Their numbers are already known (window_figures), and only the first few of each
-- kind are listed, so the rows need not all be found: gbstd/kpi/figures.py keeps the result as
-- flagged_rows (CREATE TABLE flagged_rows AS <this>) over the file's first rows, adds the next,
-- growing range (INSERT INTO flagged_rows <this>) until every list is full, and so usually
-- reads a small part of a large file. On another engine, run it once over all rows.
SELECT
    row_no, case_id, centre_id, department, window_id, matter, accepted_at, completed_at,
    status, statutory_days, promised_days, elapsed_days, duplicate_extra, previous_row,
    abnormal, overdue, outside, refused_without_reason, completed_before_accepted,
    bad_accepted_at, bad_completed_at, bad_number, bad_boolean, bad_channel, bad_status,
    bad_satisfaction, implausible_accepted_at, implausible_completed_at
FROM facts
WHERE abnormal = 1
    OR duplicate_extra = 1
    OR accepted_at IS NULL
    OR bad_completed_at IS NOT NULL
    OR implausible_completed_at IS NOT NULL
    OR (status = 'completed' AND completed_at IS NULL)
    OR bad_number IS NOT NULL
    OR statutory_days < 0
    OR promised_days < 0
    OR bad_boolean IS NOT NULL
    OR bad_channel IS NOT NULL
    OR bad_status IS NOT NULL
    OR bad_satisfaction IS NOT NULL
    OR case_id IS NULL;


-- name: abnormal_counts
-- Abnormal cases (not counting rows that repeat a case_id): in the whole file, and among the
-- rows flagged_rows holds so far.
SELECT
    (SELECT SUM(abnormal_cases_num) FROM window_figures WHERE duplicate_extra = 0) AS total,
    (SELECT COUNT(*) FROM flagged_rows WHERE duplicate_extra = 0 AND abnormal = 1) AS collected;


-- name: abnormal_cases
-- The abnormal cases in file order, up to the list limit (their count is in the indicators).
SELECT
    row_no, case_id, centre_id, department, window_id, matter, accepted_at, completed_at,
    promised_days, elapsed_days, overdue, outside, refused_without_reason,
    completed_before_accepted
FROM flagged_rows
WHERE duplicate_extra = 0 AND abnormal = 1
ORDER BY row_no
FETCH FIRST ? ROWS ONLY;


-- name: issue_rows
-- Every data problem of every row: (issue, row_no, case_id, value). Nothing is dropped.
CREATE VIEW issue_rows AS
SELECT 'unparsable_accepted_at' AS issue, row_no, case_id, bad_accepted_at AS value
FROM flagged_rows WHERE bad_accepted_at IS NOT NULL
UNION ALL
SELECT 'missing_accepted_at', row_no, case_id, NULL
FROM flagged_rows
WHERE accepted_at IS NULL AND bad_accepted_at IS NULL AND implausible_accepted_at IS NULL
UNION ALL
SELECT 'unparsable_completed_at', row_no, case_id, bad_completed_at
FROM flagged_rows WHERE bad_completed_at IS NOT NULL
UNION ALL
SELECT 'implausible_date', row_no, case_id,
    concat_ws(', ', 'accepted_at=' || implausible_accepted_at,
        'completed_at=' || implausible_completed_at)
FROM flagged_rows
WHERE implausible_accepted_at IS NOT NULL OR implausible_completed_at IS NOT NULL
UNION ALL
SELECT 'completed_before_accepted', row_no, case_id,
    CAST(accepted_at AS VARCHAR) || ' > ' || CAST(completed_at AS VARCHAR)
FROM flagged_rows WHERE completed_at < accepted_at
UNION ALL
SELECT 'completed_without_time', row_no, case_id, NULL
FROM flagged_rows
WHERE status = 'completed' AND completed_at IS NULL AND bad_completed_at IS NULL
    AND implausible_completed_at IS NULL
UNION ALL
SELECT 'unparsable_number', row_no, case_id, bad_number
FROM flagged_rows WHERE bad_number IS NOT NULL
UNION ALL
SELECT 'negative_days', row_no, case_id,
    CASE WHEN statutory_days < 0 THEN 'statutory_days=' || CAST(statutory_days AS VARCHAR)
        ELSE 'promised_days=' || CAST(promised_days AS VARCHAR) END
FROM flagged_rows WHERE statutory_days < 0 OR promised_days < 0
UNION ALL
SELECT 'unparsable_boolean', row_no, case_id, bad_boolean
FROM flagged_rows WHERE bad_boolean IS NOT NULL
UNION ALL
SELECT 'unknown_channel', row_no, case_id, bad_channel
FROM flagged_rows WHERE bad_channel IS NOT NULL
UNION ALL
SELECT 'unknown_status', row_no, case_id, bad_status
FROM flagged_rows WHERE bad_status IS NOT NULL
UNION ALL
SELECT 'unknown_satisfaction', row_no, case_id, bad_satisfaction
FROM flagged_rows WHERE bad_satisfaction IS NOT NULL
UNION ALL
SELECT 'missing_case_id', row_no, case_id, NULL
FROM flagged_rows WHERE case_id IS NULL
UNION ALL
SELECT 'duplicate_case_id', row_no, case_id, 'previous_row=' || CAST(previous_row AS VARCHAR)
FROM flagged_rows WHERE duplicate_extra = 1;


-- name: issue_counts
-- How many rows each data problem affects, in the whole file (from window_figures and
-- id_rows), as one row with a column per problem.
SELECT
    SUM(issue_unparsable_accepted_at) AS unparsable_accepted_at,
    SUM(issue_missing_accepted_at) AS missing_accepted_at,
    SUM(issue_unparsable_completed_at) AS unparsable_completed_at,
    SUM(issue_implausible_date) AS implausible_date,
    SUM(abnormal_completed_before_accepted) AS completed_before_accepted,
    SUM(issue_completed_without_time) AS completed_without_time,
    SUM(issue_unparsable_number) AS unparsable_number,
    SUM(issue_negative_days) AS negative_days,
    SUM(issue_unparsable_boolean) AS unparsable_boolean,
    SUM(issue_unknown_channel) AS unknown_channel,
    SUM(issue_unknown_status) AS unknown_status,
    SUM(issue_unknown_satisfaction) AS unknown_satisfaction,
    (SELECT COUNT(*) FROM id_rows WHERE case_id IS NULL) AS missing_case_id,
    (SELECT COUNT(*) FROM duplicate_rows) AS duplicate_case_id
FROM window_figures;


-- name: issues_collected
-- How many rows of each data problem flagged_rows holds so far.
SELECT issue, COUNT(*) AS row_count
FROM issue_rows
GROUP BY issue;


-- name: issue_samples
-- The first rows (in file order; as many as the parameter says) of each data problem.
SELECT issue, row_no, case_id, value
FROM (
    SELECT i.*, ROW_NUMBER() OVER (PARTITION BY issue ORDER BY row_no) AS sample_no
    FROM issue_rows AS i
) AS numbered
WHERE sample_no <= ?
ORDER BY issue, row_no;


-- name: entry_implementation
-- 事项进驻落实率 entry_implementation_rate (from the matters file):
--   matters that should enter the centre and have entered ÷ matters that should enter.
SELECT
    SUM(CASE WHEN should_enter AND entered THEN 1 ELSE 0 END) AS num,
    SUM(CASE WHEN should_enter THEN 1 ELSE 0 END) AS den
FROM matters;
