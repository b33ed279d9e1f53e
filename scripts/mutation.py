"""Plant a fixed list of realistic bugs, one at a time, and see whether the tests catch each.

Usage::

    python scripts/mutation.py            # every mutant, 2 at a time (about 6 minutes)
    python scripts/mutation.py --list     # check the list and print it, without running anything
    python scripts/mutation.py S01 K03    # only these
    python scripts/mutation.py -v         # also name the test that caught each mutant

Each mutant names the file it changes, an exact piece of code that must occur there exactly
once (so the list survives refactors that move code, and fails loudly when the code it aims at
is gone or duplicated), its replacement, and the tests that should catch it: a file, a node id
or a ``-k`` expression, never the whole suite. The tests run on a copy of the repository, never
on the working tree. First the named test files run once unmutated (they must pass, or a kill
would mean nothing; ``--no-baseline`` skips this). A mutant is *killed* when its tests fail
(pytest exit code 1); *survived* when they pass; anything else (a collection error, a timeout)
is reported as an error and counted as not killed. A kill should come from a test that checks
the behaviour the mutant breaks: ``-v`` shows which test failed and how, to check that it is
not a crash or an unrelated golden.

Equivalent mutants (no behaviour could tell them apart) are not listed; a comment at their
place in ``MUTANTS`` says what they were and why.

The script exits 2 when a listed pattern is not found exactly once or a listed test file is
gone (the list is out of date; ``tests/test_mutation_list.py`` runs ``--list`` in CI), or when
the tests fail unmutated; 1 when the kill rate is under the target (90 %); 0 otherwise.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
COPIED = ("src", "tests", "standards", "checklists", "profiles", "templates", "examples")
TARGET = 0.90
TIMEOUT = 600


@dataclass(frozen=True)
class Mutant:
    """One planted bug."""

    id: str
    file: str  # relative to the repository
    find: str  # exact code, present exactly once
    replace: str
    tests: tuple[str, ...]  # pytest arguments: files, node ids or "-k expr"
    what: str  # the bug, as a reader of the code would describe it


M = Mutant
V = "tests/test_verdicts.py"
A = "tests/test_assessment.py"
K = "tests/test_kpi.py"
KB = "tests/test_kpi_limits.py"
CM = "tests/test_check_meaning.py"
FV = "tests/test_format_versions.py"
MUTANTS: tuple[Mutant, ...] = (
    # --- scoring (src/gbstd/assessment/scoring.py) -------------------------------------------------------
    M(
        "S01",
        "src/gbstd/assessment/scoring.py",
        "grade = min(grade, cap, key=lambda g: g.min)",
        "grade = max(grade, cap, key=lambda g: g.min)",
        (V, "-k", "veto"),
        "a nonconforming veto requirement no longer caps a good grade",
    ),
    M(
        "S02",
        "src/gbstd/assessment/scoring.py",
        "status in self.veto.statuses and not waived",
        "status in self.veto.statuses",
        (V, "-k", "waiver"),
        "a valid waiver on a veto requirement no longer lifts the cap",
    ),
    M(
        "S03",
        "src/gbstd/assessment/scoring.py",
        "grade = next(g for g in self.grades if score >= g.min)",
        "grade = next(g for g in self.grades if score > g.min)",
        ("tests/test_scoring.py",),
        "a score exactly at a band's minimum falls to the band below",
    ),
    M(
        "S04",
        "src/gbstd/assessment/scoring.py",
        "if coverage is not None and coverage < self.coverage_threshold:\n            return INSUFFICIENT",
        "if coverage is not None and coverage <= self.coverage_threshold:\n            return INSUFFICIENT",
        ("tests/test_scoring.py",),
        "coverage exactly at the threshold is graded insufficient data",
    ),
    M(
        "S05",
        "src/gbstd/assessment/scoring.py",
        "key = (weighted, profile.factors, tuple(points))",
        "key = (profile.factors, tuple(points))",
        (V, "-k", "roll_up"),
        "the roll-up cache key forgets the roll-up mode",
    ),
    M(
        "S06",
        "src/gbstd/assessment/scoring.py",
        "share = child_weight if weighted else 1.0",
        "share = child_weight",
        (A, "-k", "equal_rollup"),
        "the 'equal' roll-up weights children by weight anyway",
    ),
    M(
        "S07",
        "src/gbstd/assessment/scoring.py",
        'if waived and self.waived == "exclude":',
        'if waived and self.waived != "exclude":',
        ("tests/test_scoring.py",),
        "a waived requirement is scored as failed instead of left out",
    ),
    M(
        "S08",
        "src/gbstd/assessment/scoring.py",
        'if status not in _SCORED or level == "may":',
        "if status not in _SCORED:",
        ("tests/test_scoring.py",),
        "a permission (may) taken up earns points",
    ),
    M(
        "S09",
        "src/gbstd/assessment/scoring.py",
        'return 0.0 if level == "may" else getattr(self.level_weights, level)',
        'return 0.0 if level == "may" else 1.0',
        (V, "-k", "should"),
        "a recommendation (should) counts at full weight, not the profile's factor",
    ),
    M(
        "S10",
        "src/gbstd/assessment/scoring.py",
        'return _combine(scores, profile.overall == "weighted")[0]',
        'return _combine(scores, profile.overall != "weighted")[0]',
        ("tests/test_scoring.py",),
        "the overall score weights standards when the profile says equal",
    ),
    M(
        "S11",
        "src/gbstd/assessment/scoring.py",
        "            return cap\n",
        "            return INSUFFICIENT\n",
        (V, "-k", "coverage_is_low"),
        "a known veto nonconformity no longer caps when coverage is low",
    ),
    # Left out as equivalent: _combine's ``if share > 0`` → ``>= 0`` (a share of 0 adds 0 to
    # both sums; the score is the same).
    # --- results: levels and waivers (src/gbstd/assessment/results.py) -----------------------------------
    M(
        "R01",
        "src/gbstd/assessment/results.py",
        "if waived or status not in SHORT_STATUSES:",
        "if status not in SHORT_STATUSES:",
        (A, "-k", "waiver"),
        "a validly waived requirement is still listed as a gap",
    ),
    M(
        "R02",
        "src/gbstd/assessment/results.py",
        "return waiver is not None and not waiver.expired and status in SHORT_STATUSES",
        "return waiver is not None and status in SHORT_STATUSES",
        (A, "-k", "expired_waiver"),
        "an expired waiver still waives",
    ),
    M(
        "R03",
        "src/gbstd/assessment/results.py",
        'if level != "may" and status == Status.NOT_ADOPTED:\n        return Status.NONCONFORMING',
        'if level != "may" and status == Status.NOT_ADOPTED:\n        return Status.PARTIAL',
        ("tests/test_scoring.py",),
        "an auditor's 'not adopted' on a shall requirement becomes partial, not nonconforming",
    ),
    # --- evaluation (src/gbstd/assessment/evaluation.py, verdicts.py, facts.py) ----------------------
    M(
        "E01",
        "src/gbstd/assessment/evaluation.py",
        "expired = item.expires is not None and item.expires < as_of",
        "expired = item.expires is not None and item.expires <= as_of",
        (V, "-k", "evidence_is_valid"),
        "evidence is called expired on its last valid day",
    ),
    M(
        "E02",
        "src/gbstd/assessment/evaluation.py",
        "waiver.expires, waiver.expires < as_of)",
        "waiver.expires, waiver.expires <= as_of)",
        (V, "-k", "waiver_is_valid"),
        "a waiver is called expired on its last valid day",
    ),
    M(
        "E03",
        "src/gbstd/assessment/verdicts.py",
        "verdict = min(reaching, key=lambda pair: pair[0])[1]",
        "verdict = max(reaching, key=lambda pair: pair[0])[1]",
        (V, "-k", "declaration"),
        "the last, not the first, of two declarations gives the reason",
    ),
    M(
        "E04",
        "src/gbstd/assessment/verdicts.py",
        "    if absent:\n        choices",
        "    if False:\n        choices",
        (A, "-k", "guarded"),
        "an omitted optional fact makes the check fail instead of 'data needed'",
    ),
    M(
        "E05",
        "src/gbstd/assessment/evaluation.py",
        "        if status in EVALUATED_STATUSES:\n            evaluated += weight",
        "        if True:\n            evaluated += weight",
        (V, "-k", "coverage or insufficient"),
        "coverage counts requirements that could not be evaluated",
    ),
    M(
        "E06",
        "src/gbstd/assessment/evaluation.py",
        "if verdict.status == Status.CONFORMING and not refs:",
        "if verdict.status == Status.CONFORMING:",
        (A, "-k", "evidence"),
        "conforming results are flagged 'no evidence' even with evidence",
    ),
    M(
        "E07",
        "src/gbstd/assessment/evaluation.py",
        "profile.caps(True, statuses[i], waived[i], slots[i].level)",
        "profile.caps(True, statuses[i], False, slots[i].level)",
        (V, "-k", "waiver_on_a_veto"),
        "batch ignores a waiver on a veto requirement (batch and assess disagree)",
    ),
    M(
        "E08",
        "src/gbstd/assessment/evaluation.py",
        "if gap_kind(slot.level, status, off) is not None",
        "if gap_kind(slot.level, status, False) is not None",
        ("tests/test_batch.py", "-k", "exactly"),
        "batch lists waived requirements among the gaps",
    ),
    M(
        "E09",
        "src/gbstd/assessment/verdicts.py",
        "return int(check.partial is not None and _run(check, check.partial, data))",
        "return int(check.partial is not None)",
        (A, "-k", "nonconforming_when_neither"),
        "a check that has a partial expression is always at least partial",
    ),
    M(
        "E10",
        "src/gbstd/assessment/facts.py",
        '"year_ago": (as_of - timedelta(days=365)).isoformat()',
        '"year_ago": (as_of - timedelta(days=366)).isoformat()',
        (CM,),
        "'within a year' reaches one day too far back",
    ),
    M(
        "E11",
        "src/gbstd/assessment/evaluation.py",
        ' or read.startswith(fact + ".")',
        "",
        (A, "-k", "evidence"),
        "evidence backing a whole block is no longer shown for a check reading a field in it",
    ),
    M(
        "E12",
        "src/gbstd/assessment/verdicts.py",
        "        if not outcome:\n            return condition.otherwise",
        "        if False:\n            return condition.otherwise",
        (A, "-k", "applicab or not_applicable"),
        "a requirement whose applicability condition is false is judged anyway",
    ),
    M(
        "F01",
        "src/gbstd/description/factinfo.py",
        "_NUMBERS = (0, 10**9)",
        "_NUMBERS = (0,)",
        ("tests/test_missing_facts.py",),
        "an omitted number is tried only at 0, so a failure it causes looks proven",
    ),
    M(
        "F02",
        "src/gbstd/description/factinfo.py",
        'label = extra.get("x-zh" if lang == "zh" else "x-en") or extra.get("x-zh")',
        'label = extra.get("x-zh")',
        ("tests/test_missing_facts.py",),
        "English reports name missing facts by their Chinese labels",
    ),
    # --- the KPI SQL and kpi/ ------------------------------------------------------------------
    M(
        "K01",
        "src/gbstd/kpi/kpi.sql",
        "m.elapsed_days > m.promised_days",
        "m.elapsed_days >= m.promised_days",
        ("tests/test_kpi_figures.py",),
        "a case finished exactly at its promised limit is overdue",
    ),
    M(
        "K02",
        "src/gbstd/kpi/kpi.sql",
        "t.promised_days >= 0",
        "t.promised_days > 0",
        ("tests/test_kpi_figures.py",),
        "same-day promises (promised_days 0) drop out of the on-time rate",
    ),
    M(
        "K03",
        "src/gbstd/kpi/kpi.sql",
        "COUNT(CASE WHEN complaint_valid AND complaint_accepted IS NOT NULL THEN 1 END)",
        "COUNT(CASE WHEN complaint_valid THEN 1 END)",
        ("tests/test_kpi_figures.py",),
        "a valid complaint with no recorded outcome enters the satisfaction denominator",
    ),
    M(
        "K04",
        "src/gbstd/kpi/kpi.sql",
        "AND COALESCE(m.status, '') <> 'withdrawn'",
        "AND TRUE",
        ("tests/test_kpi_figures.py",),
        "withdrawn cases past their limit are judged overdue",
    ),
    M(
        "K05",
        "src/gbstd/kpi/kpi.sql",
        "SUM(speed_case) AS speed_up_rate_den",
        "COUNT(*) AS speed_up_rate_den",
        (K, "-k", "hand_made"),
        "the speed-up rate's denominator widened to every case",
    ),
    M(
        "K06",
        "src/gbstd/kpi/kpi.sql",
        "COUNT(channel) AS online_acceptance_rate_den",
        "COUNT(*) AS online_acceptance_rate_den",
        (KB,),
        "cases with no known channel enter the online-acceptance denominator",
    ),
    M(
        "K07",
        "src/gbstd/kpi/kpi.sql",
        "COUNT(satisfaction) AS satisfaction_rate_den",
        "COUNT(*) AS satisfaction_rate_den",
        (K, "-k", "hand_made or bad_data"),
        "unrated cases enter the satisfaction denominator",
    ),
    M(
        "K08",
        "src/gbstd/kpi/kpi.sql",
        "EXTRACT(ISODOW FROM d.cal_date) <= 5",
        "EXTRACT(ISODOW FROM d.cal_date) < 5",
        (K, "-k", "holiday or national_day or calendar or hand_made"),
        "Fridays are not working days",
    ),
    M(
        "K09",
        "src/gbstd/kpi/kpi.sql",
        "THEN t.as_of_index - t.accepted_index",
        "THEN t.as_of_index - t.accepted_index - 1",
        ("tests/test_kpi_figures.py",),
        "an open case's elapsed working days are one short",
    ),
    M(
        "K10",
        "src/gbstd/kpi/kpi.sql",
        "SUM(CASE WHEN should_enter AND entered THEN 1 ELSE 0 END) AS num",
        "SUM(CASE WHEN entered THEN 1 ELSE 0 END) AS num",
        (K, "-k", "entry_rate"),
        "matters that need not enter count as entered in the entry rate",
    ),
    M(
        "K11",
        "src/gbstd/kpi/kpi.sql",
        "COUNT(CASE WHEN joint_required THEN 1 END) AS joint_handling_rate_den",
        "COUNT(*) AS joint_handling_rate_den",
        (K, "-k", "hand_made"),
        "every case enters the joint-handling denominator",
    ),
    M(
        "K12",
        "src/gbstd/kpi/profile.py",
        "if value < high.value:",
        "if value <= high.value:",
        (K, "-k", "scoring_scales"),
        "a stepped scale gives the lower step's points at a breakpoint",
    ),
    M(
        "K13",
        "src/gbstd/kpi/figures.py",
        "s[0].cases >= profile.ranking.min_cases",
        "s[0].cases > profile.ranking.min_cases",
        (KB,),
        "a window with exactly the minimum number of cases is left unranked",
    ),
    M(
        "K14",
        "src/gbstd/kpi/figures.py",
        "if previous is None or round(score or 0, 9) != previous:",
        "if True:",
        (KB,),
        "windows with equal scores get different ranks",
    ),
    M(
        "K15",
        "src/gbstd/kpi/kpi.sql",
        "COUNT(CASE WHEN on_the_spot AND status = 'completed' THEN 1 END)",
        "COUNT(CASE WHEN on_the_spot THEN 1 END)",
        (K, "-k", "hand_made"),
        "a withdrawn case marked on the spot counts as completed on the spot",
    ),
    # --- the checks (checklists/*.yaml) and their lint (exprcheck.py, celcost.py) ---------------
    M(
        "C01",
        "checklists/gbt-32169.1-2015.yaml",
        'staff.registered >= staff.window_staff"',
        'staff.registered > staff.window_staff"',
        (CM,),
        "32169.1: every window post registered is no longer enough",
    ),
    M(
        "C02",
        "checklists/gbt-32169.1-2015.yaml",
        '"organisation.guide_staff >= 1"',
        '"organisation.guide_staff > 1"',
        (CM,),
        "32169.1: one guide is no longer enough",
    ),
    M(
        "C03",
        "checklists/gbt-32169.1-2015.yaml",
        '"premises.accessibility.low_counter || premises.accessibility.priority_window"',
        '"premises.accessibility.low_counter && premises.accessibility.priority_window"',
        (CM,),
        "32169.1: a low counter or a priority window: both now required",
    ),
    M(
        "C04",
        "checklists/gbt-32169.1-2015.yaml",
        'expect: "matters.items.all(m, !m.fee_charged ||',
        'expect: "matters.items.all(m, false ||',
        (CM,),
        "32169.1: a matter without a fee needs a legal basis for the fee it does not charge",
    ),
    M(
        "C05",
        "checklists/gbt-32169.1-2015.yaml",
        'supervision.complaints.investigated_and_recorded && supervision.complaints.replied_within_limit"',
        'supervision.complaints.investigated_and_recorded"',
        (CM,),
        "32169.1: replying to complaints within the limit no longer checked",
    ),
    M(
        "C06",
        "checklists/gbt-32169.2-2015.yaml",
        "departments.items.exists(d, d.entered) && departments.items.all(d, !d.entered || d.authorisation_letter)",
        "departments.items.all(d, !d.entered || d.authorisation_letter)",
        (CM,),
        "32169.2: a centre with no department entered passes the authorisation check",
    ),
    M(
        "C07",
        "checklists/gbt-32169.2-2015.yaml",
        "expect: matters.items.all(m, !has(m.statutory_days) || m.promised_days <= m.statutory_days)",
        "expect: matters.items.all(m, !has(m.statutory_days) || m.promised_days < m.statutory_days)",
        (CM,),
        "32169.2: promising exactly the statutory limit is a nonconformity",
    ),
    M(
        "C08",
        "checklists/gbt-32170.1-2015.yaml",
        "standardization.full_time_staff >= 1",
        "standardization.full_time_staff > 1",
        (CM,),
        "32170.1: one full-time standardisation officer is no longer enough",
    ),
    M(
        "C09",
        "checklists/gbt-32168-2015.yaml",
        "size(online.channels) > 0 && size(online.url) > 0",
        "size(online.channels) > 1 && size(online.url) > 0",
        (CM,),
        "32168: one online channel is no longer enough",
    ),
    M(
        "C10",
        "checklists/gbt-36112-2018.yaml",
        "filter(z, z in premises.zones).size() >= 2",
        "filter(z, z in premises.zones).size() >= 3",
        (CM,),
        "36112: two of the four zones no longer earn 'partial'",
    ),
    M(
        "X01",
        "src/gbstd/catalogue/exprcheck.py",
        'if not (numeric or alike or "dyn" in kinds):',
        "if False:",
        ("tests/test_exprcheck.py",),
        "lint lets a string be compared with a number",
    ),
    M(
        "X02",
        "src/gbstd/catalogue/celcost.py",
        "    if len(trimmed) > 2:",
        "    if len(trimmed) > 3:",
        ("tests/test_exprcheck.py",),
        "lint lets a check iterate over facts inside an iteration over facts",
    ),
    M(
        "X03",
        "src/gbstd/catalogue/exprcheck.py",
        "            self.choice(node, wanted, values[0])",
        "            pass",
        ("tests/test_exprcheck.py",),
        "lint no longer refuses 'x in list' with a value the fact can never take",
    ),
    # --- the loaders ---------------------------------------------------------------------------
    M(
        "L01",
        "src/gbstd/io/yamlsource.py",
        "if self.visited > MAX_NODES:",
        "if self.visited > MAX_NODES + 1:",
        ("tests/test_yamlsource.py", "-k", "alias"),
        "a document of MAX_NODES + 1 nodes is accepted",
    ),
    M(
        "L02",
        "src/gbstd/io/yamlsource.py",
        "            if key in result:",
        "            if False:",
        ("tests/test_yamlsource.py", "-k", "duplicate"),
        "a duplicate key silently replaces the first",
    ),
    M(
        "L03",
        "src/gbstd/io/textfile.py",
        'line = raw[: exc.start].count(b"\\n") + 1',
        'line = raw[: exc.start].count(b"\\n")',
        ("tests/test_yamlsource.py", "-k", "gbk"),
        "a non-UTF-8 byte is reported one line too early",
    ),
    M(
        "L09",
        "src/gbstd/io/textfile.py",
        "raw = raw.removeprefix(codecs.BOM_UTF8)",
        "raw = raw",
        ("tests/test_yamlsource.py", "-k", "bom"),
        "a UTF-8 file saved with a BOM (Notepad's default) is refused",
    ),
    M(
        "L04",
        "src/gbstd/description/loading.py",
        "if waiver.requirement not in requirements:",
        "if waiver.requirement not in known_nodes:",
        (A, "-k", "unknown_requirements or chapter"),
        "a waiver naming a chapter (not a requirement) is accepted",
    ),
    M(
        "L05",
        "src/gbstd/assessment/findings.py",
        "if found.requirement not in first_line:",
        "if True:",
        ("tests/test_fieldwork.py", "-k", "twice"),
        "two findings for one requirement: the last silently wins",
    ),
    M(
        "L06",
        "src/gbstd/io/xlsxinput.py",
        "if len(members) > MAX_PARTS or total > MAX_FILE_BYTES:",
        "if len(members) > MAX_PARTS:",
        ("tests/test_checklist_hostile.py", "-k", "declared"),
        "a workbook whose parts expand beyond the size limit is opened",
    ),
    M(
        "L07",
        "src/gbstd/reports/checklist.py",
        "    if formulas:\n",
        "    if False:\n",
        ("tests/test_fieldwork.py", "-k", "formula"),
        "a formula in an answer cell is read as the auditor's answer",
    ),
    M(
        "L08",
        "src/gbstd/reports/checklist.py",
        "if first == found.location:",
        "if True:",
        ("tests/test_fieldwork.py", "-k", "twice"),
        "one requirement answered on two rows: both kept",
    ),
    M(
        "L10",
        "src/gbstd/reports/checklist.py",
        "if len(problems) <= count:",
        "if len(problems) < count:",
        ("tests/test_fieldwork.py", "-k", "hundred"),
        "exactly a hundred problems end with '0 more problems not shown'",
    ),
    # --- the writers ---------------------------------------------------------------------------
    M(
        "W01",
        "src/gbstd/io/outputs.py",
        "    if target.is_dir():\n",
        "    if False:\n",
        ("tests/test_outputs.py",),
        "an output path that is a folder is not refused",
    ),
    M(
        "W02",
        "src/gbstd/system/scaffold.py",
        'if name.split(".")[0].upper() in WINDOWS_RESERVED:',
        "if name.upper() in WINDOWS_RESERVED:",
        ("tests/test_system.py", "-k", "names_are_safe"),
        "'CON.md' is taken for a safe file name",
    ),
    M(
        "W03",
        "src/gbstd/system/scaffold.py",
        'name = name[:limit].rstrip(" .")',
        "name = name[:limit]",
        ("tests/test_system.py", "-k", "names_are_safe"),
        "a name cut at the limit may end in a dot or a space (invalid on Windows)",
    ),
    # Left out as equivalent: safe_name's ``set(name) <= {"."}`` dropped (the name is already
    # stripped of dots at both ends, so a name of dots only is empty by then).
    # --- the reporters -------------------------------------------------------------------------
    M(
        "P01",
        "src/gbstd/reports/excel.py",
        "        text_cell(ws, v) if isinstance(v, str) and v.startswith(FORMULA_TRIGGERS) else v\n",
        "        v\n",
        ("tests/test_workbook_escaping.py",),
        "the batch workbook's long sheet writes '=…' text as a live formula",
    ),
    M(
        "P02",
        "src/gbstd/reports/excel.py",
        'FORMULA_TRIGGERS = ("=", "+", "-", "@", "\\t", "\\r")',
        'FORMULA_TRIGGERS = ("=", "+", "-", "\\t", "\\r")',
        ("tests/test_workbook_escaping.py", "tests/test_excel.py"),
        "text starting with '@' is no longer kept inert",
    ),
    M(
        "P09",
        "src/gbstd/reports/excel.py",
        "cell.quotePrefix = True",
        "cell.quotePrefix = False",
        ("tests/test_workbook_escaping.py", "tests/test_excel.py"),
        "text that looks like a formula loses its quote prefix (Excel re-reads it as one on edit)",
    ),
    M(
        "P03",
        "src/gbstd/reports/markdown.py",
        'return cell.replace("|", "\\\\|").replace("\\r", " ")',
        'return cell.replace("\\r", " ")',
        ("tests/test_markdown.py",),
        "a '|' in user text breaks the Markdown table",
    ),
    M(
        "P04",
        "src/gbstd/reports/markdown.py",
        'cell = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")',
        "cell = str(text)",
        ("tests/test_markdown.py",),
        "raw HTML in user text passes into the Markdown report",
    ),
    M(
        "P05",
        "src/gbstd/io/templating.py",
        'autoescape=select_autoescape(("html", "html.jinja", "xml"))',
        'autoescape=select_autoescape(("xml",))',
        ("tests/test_html.py", "-k", "escaped"),
        "the HTML report stops escaping user text",
    ),
    M(
        "P06",
        "src/gbstd/reports/diff.py",
        'return text.replace("|", "\\\\|").replace("<", "&lt;").replace(">", "&gt;")',
        'return text.replace("|", "\\\\|")',
        ("tests/test_diff.py",),
        "a centre name with '<' passes raw into the comparison's Markdown",
    ),
    M(
        "P07",
        "src/gbstd/reports/assessment.py",
        "            str(source.counts[Status.NOT_ADOPTED.value]),\n",
        "            str(source.counts[Status.NOT_APPLICABLE.value]),\n",
        ("tests/test_summary_table.py",),
        "the terminal table shows the not-applicable count under 'not adopted'",
    ),
    M(
        "P10",
        "src/gbstd/reports/assessment.py",
        "            str(source.improvements),\n",
        "            str(source.nonconformities),\n",
        ("tests/test_summary_table.py",),
        "the terminal table shows the nonconformities again under 'improvements'",
    ),
    M(
        "P11",
        "src/gbstd/reports/batch.py",
        '"failures": len(summary.failures),',
        '"failures": len(summary.centres),',
        ("tests/test_batch.py", "-k", "counts_centres"),
        "the batch JSON gives the number of centres as the number of invalid files",
    ),
    M(
        "P08",
        "src/gbstd/reports/batch.py",
        '"share": round(n / total, 4) if total else 0.0',
        '"share": round(n / (total + len(summary.failures)), 4) if total else 0.0',
        ("tests/test_batch.py", "-k", "share"),
        "a common gap's share counts invalid files in its denominator",
    ),
    # --- batch (src/gbstd/assessment/batch.py) ------------------------------------------------------------
    M(
        "B01",
        "src/gbstd/assessment/batch.py",
        '                c.grade == "insufficient_data",\n',
        "",
        ("tests/test_batch.py", V),
        "centres graded 'insufficient data' are ranked among the graded ones",
    ),
    M(
        "B02",
        "src/gbstd/assessment/batch.py",
        "                -(c.score or 0.0),\n",
        "                (c.score or 0.0),\n",
        ("tests/test_batch.py", "-k", "ranking"),
        "the ranking lists the worst centre first",
    ),
    M(
        "B03",
        "src/gbstd/assessment/batch.py",
        'if path.suffix in {".yaml", ".yml"}',
        'if path.suffix in {".yaml"}',
        ("tests/test_batch.py", "-k", "folder"),
        "a folder's .yml files are skipped",
    ),
    # Left out as equivalent: batch.py ``if jobs <= 1 or len(names) < 2`` → ``< 3`` (two files
    # run serially instead of in two workers: the same figures, only slower).
    M(
        "V01",
        "src/gbstd/description/gates.py",
        "    if plain is bool:\n        return True, False",
        "    if plain is bool:\n        return False, None",
        (FV, "-k", "no_rating"),
        "a closed gate leaves its yes/no facts missing: 'no rating' is data needed, not a gap",
    ),
    M(
        "V02",
        "src/gbstd/assessment/verdicts.py",
        "        if gates:\n",
        "        if gates and False:\n",
        (FV, "-k", "no_rating"),
        "a gap a closed gate causes is reported with the check's finding ('pressured ratings')",
    ),
    M(
        "V06",
        "src/gbstd/assessment/verdicts.py",
        "    if outcome == 2:\n        return None\n    return slot.partly",
        "    if outcome == 2:\n        return None\n    return None\n    return slot.partly",
        (FV, "-k", "unanswered"),
        "a figure a closed gate leaves unanswered is asked for after all ('data needed')",
    ),
    M(
        "V03",
        "src/gbstd/description/versions.py",
        'counter["acceptance_notice"] = "acceptance" in notices',
        'counter["acceptance_notice"] = True',
        (FV, "-k", "version_1"),
        "a version 1 file without an acceptance notice is read as issuing one",
    ),
    M(
        "V04",
        "src/gbstd/description/versions.py",
        'if data.get("format_version") != 1:',
        'if data.get("format_version") != 0:',
        (FV, "-k", "version_1"),
        "version 1 files are no longer upgraded (their moved words are refused)",
    ),
    M(
        "V05",
        "src/gbstd/description/consistency.py",
        "            if value in (None, False, 0, []):\n                continue",
        "            if True:\n                continue",
        ("tests/test_consistency.py", "-k", "ratings"),
        "a 'no rating' contradicted by a stated channel goes unwarned",
    ),
)


def _test_files(m: Mutant) -> list[str]:
    """The test files a mutant's pytest arguments name (without ``-k`` expressions)."""
    files = []
    arguments = iter(m.tests)
    for argument in arguments:
        if argument == "-k":
            next(arguments, None)
        else:
            files.append(argument.split("::")[0])
    return files


def check_patterns(mutants: tuple[Mutant, ...]) -> list[str]:
    """One message per mutant whose code is not found exactly once, or whose tests are gone."""
    # Each mutant runs in a copy named after its id: two with one id would share it.
    ids = [m.id for m in mutants]
    problems = [f"{i}: the id is used twice" for i in sorted({i for i in ids if ids.count(i) > 1})]
    for m in mutants:
        count = (REPO / m.file).read_text(encoding="utf-8").count(m.find)
        if count != 1:
            problems.append(f"{m.id}: {m.file}: pattern found {count} times: {m.find!r}")
        missing = [t for t in _test_files(m) if not (REPO / t).is_file()]
        if missing:
            problems.append(f"{m.id}: no such test file: {', '.join(missing)}")
    return problems


def _copy(workdir: Path, name: str) -> Path:
    """A fresh copy of what the tests read, in ``workdir/name``."""
    copy = workdir / name
    for folder in COPIED:
        shutil.copytree(REPO / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy2(REPO / "pyproject.toml", copy / "pyproject.toml")
    return copy


def _pytest(copy: Path, tests: tuple[str, ...]) -> tuple[str, str]:
    """Run pytest on ``copy``: (outcome, the first failing test or the error's last line)."""
    env = {
        **os.environ,
        "PYTHONPATH": str(copy / "src"),
        "GBSTD_NO_CACHE": "1",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    command = [sys.executable, "-m", "pytest", "-x", "-q", "-p", "no:cacheprovider", *tests]
    try:
        done = subprocess.run(
            command,
            check=False,
            cwd=copy,
            env=env,
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    except subprocess.TimeoutExpired:
        return "error (timeout)", ""
    lines = done.stdout.splitlines()
    # "FAILED tests/x.py::test_y - AssertionError: …": which test, and whether it asserted
    # (a crash of the mutated code shows as another exception: worth a look).
    failed = next((line[7:] for line in lines if line.startswith("FAILED ")), "")
    outcome = {0: "SURVIVED", 1: "killed"}.get(done.returncode, f"error (exit {done.returncode})")
    return outcome, failed[:150] if failed else (lines[-1] if lines and done.returncode else "")


def run_one(m: Mutant, workdir: Path) -> tuple[Mutant, str, str]:
    """Copy the repository, plant ``m``, run its tests; return (mutant, outcome, detail)."""
    copy = _copy(workdir, m.id)
    try:
        target = copy / m.file
        target.write_text(
            target.read_text(encoding="utf-8").replace(m.find, m.replace, 1), encoding="utf-8"
        )
        return (m, *_pytest(copy, m.tests))
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def baseline(mutants: list[Mutant], workdir: Path) -> tuple[str, str]:
    """Run every test file the mutants name on an unmutated copy.

    They must all pass, or a "killed" would mean nothing.
    """
    files = dict.fromkeys(t for m in mutants for t in _test_files(m))
    copy = _copy(workdir, "baseline")
    try:
        return _pytest(copy, tuple(files))
    finally:
        shutil.rmtree(copy, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Run the mutants and print one line each, then the kill rate."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("ids", nargs="*", help="only these mutants")
    parser.add_argument("--list", action="store_true", help="print the list and exit")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--no-baseline", action="store_true", help="skip running the tests once unmutated first"
    )
    parser.add_argument(
        "-v", "--verbose", action="store_true", help="show the test that killed each mutant"
    )
    args = parser.parse_args(argv)
    problems = check_patterns(MUTANTS)
    if problems:
        print("\n".join(problems), file=sys.stderr)
        print("the mutant list is out of date: fix the patterns above", file=sys.stderr)
        return 2
    unknown = sorted(set(args.ids) - {m.id for m in MUTANTS})
    if unknown:
        parser.error(f"no such mutant: {', '.join(unknown)}")
    chosen = [m for m in MUTANTS if not args.ids or m.id in args.ids]
    if args.list:
        for m in chosen:
            print(f"{m.id}  {m.file}  {m.what}")
        return 0
    killed = 0
    with tempfile.TemporaryDirectory(prefix="gbstd-mutants-") as tmp:
        if not args.no_baseline:
            outcome, detail = baseline(chosen, Path(tmp))
            if outcome != "SURVIVED":  # i.e. the unmutated tests did not all pass
                print(f"the tests fail without any mutant: {detail}", file=sys.stderr)
                return 2
        with ThreadPoolExecutor(max_workers=args.jobs) as pool:
            for m, outcome, detail in pool.map(lambda m: run_one(m, Path(tmp)), chosen):
                killed += outcome == "killed"
                by = f"  [{detail}]" if detail and args.verbose else ""
                print(f"{outcome:<9} {m.id}  {m.file}  {m.what}{by}", flush=True)
    print(f"kill rate {killed}/{len(chosen)}")
    return 0 if chosen and killed / len(chosen) >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
