"""Bound the iterations a CEL expression may make, counted before anything runs.

Why a static bound, not a time limit. ``GBSTD_CEL_ENGINE=cpp`` (Google's C++ CEL) stops an
evaluation after 10,000 comprehension iterations, a limit built into its Python wheel that
cannot be changed from Python; the Rust binding has no limit at all, and a 10⁹-iteration
comprehension runs for minutes there. Neither can be interrupted from Python while it
evaluates: a signal handler runs only when the native call returns, and a thread cannot be
killed, so a time limit would need a process per evaluation (a batch makes 340 per centre for
40,000 centres). Counting instead, before anything runs, costs nothing per evaluation, treats
both engines alike, and names the culprit at load time. The count is a polynomial in the length
``n`` of the centre's lists (``matters.items`` …): an expression is refused when it iterates
more than ``ITERATION_BUDGET`` times whatever the facts, more than ``PER_ITEM_BUDGET`` times per
list item, or over one list of facts inside an iteration over another (``n²``). What remains is
at most linear in the size of the self-description, which is itself capped.
"""

from __future__ import annotations

from gbstd.i18n import Message

# The C++ engine's own limit, measured: 9,999 iterations run, the 10,000th is refused.
ITERATION_BUDGET = 10_000
# Iterations per item of the centre's lists: a check may compare each matter with a few words.
PER_ITEM_BUDGET = 100


def poly_add(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    """The sum of two polynomials in n (coefficients of 1, n, n², …)."""
    length = max(len(a), len(b))
    return tuple((a[i] if i < len(a) else 0) + (b[i] if i < len(b) else 0) for i in range(length))


def poly_mul(a: tuple[int, ...], b: tuple[int, ...]) -> tuple[int, ...]:
    """The product of two polynomials in n (coefficients of 1, n, n², …)."""
    if not a or not b:
        return ()
    out = [0] * (len(a) + len(b) - 1)
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            out[i + j] += x * y
    return tuple(out)


def budget_messages(cost: tuple[int, ...]) -> list[Message]:
    """What is wrong with iterating ``cost`` times (a polynomial in n): nothing, or one message."""
    trimmed = list(cost)
    while trimmed and trimmed[-1] == 0:
        trimmed.pop()
    if len(trimmed) > 2:
        return [
            Message(
                "在对事实列表的遍历中又遍历事实列表：次数随列表长度的平方增长，超出迭代预算",
                "iterates over a list of facts inside an iteration over a list of facts: "
                "the count grows with the square of their length, over the iteration budget",
            )
        ]
    fixed = trimmed[0] if trimmed else 0
    per_item = trimmed[1] if len(trimmed) > 1 else 0
    if fixed > ITERATION_BUDGET:
        return [
            Message(
                f"最多迭代 {fixed:,} 次，超出预算 {ITERATION_BUDGET:,} 次",
                f"iterates up to {fixed:,} times, over the budget of {ITERATION_BUDGET:,}",
            )
        ]
    if per_item > PER_ITEM_BUDGET:
        return [
            Message(
                f"事实列表的每一项要迭代 {per_item:,} 次，超出预算 {PER_ITEM_BUDGET} 次",
                f"iterates {per_item:,} times per item of a list of facts, over the budget "
                f"of {PER_ITEM_BUDGET}",
            )
        ]
    return []
