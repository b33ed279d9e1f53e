"""The evaluation profile: satisfied grades, plausible dates, the ranking's scales and weights."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from itertools import pairwise
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo

from pydantic import ConfigDict, Field, field_validator, model_validator

from gbstd.catalogue.standard import Text, _Model
from gbstd.io.bundled import data_dir
from gbstd.kpi.indicators import Grade
from gbstd.kpi.inputs import TIMEZONE, grade_names, validated


class _Finite(_Model):
    # .inf or .nan in a profile would make scores NaN and the JSON output invalid.
    model_config = ConfigDict(allow_inf_nan=False)


class Breakpoint(_Finite):
    """A point of a scoring scale: an indicator value and the points it earns."""

    value: float
    points: Annotated[float, Field(ge=0, le=100)]


class Scoring(_Finite):
    """How one indicator scores in the window ranking."""

    weight: Annotated[float, Field(ge=0)]
    scale: Annotated[tuple[Breakpoint, ...], Field(min_length=1)]
    step: bool = False

    @model_validator(mode="after")
    def _ascending(self) -> Scoring:
        values = [b.value for b in self.scale]
        if any(b <= a for a, b in pairwise(values)):
            raise ValueError("scale 的 value 须从小到大排列 / scale values must increase")
        return self

    def points(self, value: float) -> float:
        """Points (0–100) for a value: linear between breakpoints, or steps when ``step``."""
        scale = self.scale
        if value <= scale[0].value:
            return scale[0].points
        for low, high in pairwise(scale):
            if value < high.value:
                if self.step:
                    return low.points
                share = (value - low.value) / (high.value - low.value)
                return low.points + share * (high.points - low.points)
        return scale[-1].points


class RankingSettings(_Model):
    """Which windows are ranked."""

    min_cases: Annotated[int, Field(ge=1)] = 30


class IndicatorScoring(_Model):
    """Scoring of each indicator that a window can be ranked on (omit one to leave it out)."""

    authorisation_execution_rate: Scoring | None = None
    speed_up_rate: Scoring | None = None
    on_the_spot_rate: Scoring | None = None
    joint_handling_rate: Scoring | None = None
    online_acceptance_rate: Scoring | None = None
    satisfaction_rate: Scoring | None = None
    abnormal_cases: Scoring | None = None
    complaint_rate: Scoring | None = None
    complaint_satisfaction_rate: Scoring | None = None
    on_time_rate: Scoring | None = None


class PlausibleDates(_Model):
    """The window of plausible dates (the toolkit's defaults).

    Times outside it are data problems, read as empty, so that a year 0001 or 2099 moves
    neither the period nor the as-of date nor the time-based rates.
    """

    earliest: dt.date = dt.date(2000, 1, 1)
    # The latest plausible date is the as-of date (when none is given, the run date) plus this.
    days_after_as_of: Annotated[int, Field(ge=0, le=3660)] = 1

    def window(self, as_of: dt.date | None) -> tuple[dt.date, dt.date]:
        """The first and last plausible dates."""
        return self.earliest, (as_of or _today()) + dt.timedelta(days=self.days_after_as_of)


def _today() -> dt.date:
    return dt.datetime.now(ZoneInfo(TIMEZONE)).date()


class KpiProfile(_Finite):
    """An evaluation profile (``profiles/kpi.yaml`` holds the documented defaults)."""

    format_version: Literal[1]
    name: Text
    note: Text
    satisfied_grades: Annotated[tuple[Grade, ...], Field(min_length=1)]
    overdue_tolerance_days: Annotated[float, Field(ge=0)] = 0.0
    plausible_dates: PlausibleDates = PlausibleDates()
    ranking: RankingSettings = RankingSettings()
    scoring: IndicatorScoring

    _grades = field_validator("satisfied_grades", mode="before")(grade_names)

    def weighted(self) -> Iterable[tuple[str, Scoring]]:
        """Yield (indicator key, scoring) for every indicator with a positive weight."""
        for key in IndicatorScoring.model_fields:
            scoring = getattr(self.scoring, key)
            if scoring is not None and scoring.weight > 0:
                yield key, scoring


def load_kpi_profile(path: Path | None = None) -> KpiProfile:
    """Load an evaluation profile (the bundled default when ``path`` is None).

    Raises:
        InvalidInputError: the file is missing or invalid.
    """
    return validated(KpiProfile, path or data_dir("profiles") / "kpi.yaml")
