"""Printable annex forms (授权委托书, 受理通知书 …): model, loader, values and rendering.

GB/T 32169.2-2015 and GB/T 32169.3-2015 name five forms in informative annexes whose text we
do not have. The forms in ``templates/forms/forms.yaml`` are gbstd's own design, and every
rendered form says so (:data:`DESIGN_NOTE`). One generic layout serves every form: a title, the
note, the fields as a bordered table, then the signature and seal blocks.
"""

from __future__ import annotations

import difflib
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from gbstd.errors import GbstdError, InvalidInputError, Problem
from gbstd.i18n import Lang, Message
from gbstd.io.bundled import data_dir

FORMS_FILE = ("forms", "forms.yaml")
HTML_TEMPLATE = "forms/form.html.jinja"
MARKDOWN_TEMPLATE = "forms/form.md.jinja"

DESIGN_NOTE = Message(
    "本表格式为 gbstd 设计，非标准附录原文",
    "Form layout and fields designed by gbstd; not the text of the standard's annex",
)
BLANK_DATE = Message("____年__月__日", "____-__-__")
PHOTO_ROWS = 5  # table rows the photo box spans, beside the first fields
CHECKED, UNCHECKED = "☑", "☐"

FieldKind = Literal["text", "date", "multiline", "list", "signature", "checkbox", "photo"]
FormatName = Literal["md", "html", "docx"]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class Bilingual(_Model):
    """A label or sentence in Chinese and English, both required."""

    zh: Annotated[str, Field(min_length=1)]
    en: Annotated[str, Field(min_length=1)]

    def get(self, lang: Lang = "zh") -> str:
        """Return the text in ``lang``."""
        return self.en if lang == "en" else self.zh


class FormField(_Model):
    """One field (栏目) of a form."""

    key: Annotated[str, Field(pattern=r"^[a-z][a-z0-9_]*$")]
    label: Bilingual
    kind: FieldKind
    hint: Bilingual | None = None
    prefill: Annotated[str, Field(pattern=r"^[a-z_]+(?:\.[a-z_]+)*$")] | None = None
    options: tuple[Bilingual, ...] = ()  # checkbox only; none means one yes/no box
    lines: Annotated[int, Field(ge=1, le=12)] | None = None  # list and multiline only
    signed: bool = False  # multiline only: an opinion box ending in a seal and date line
    dated: bool = False  # signature only: a date line under the signature

    @model_validator(mode="after")
    def _attributes_fit_the_kind(self) -> FormField:
        wrong = [
            name
            for name, allowed, given in (
                ("options", ("checkbox",), bool(self.options)),
                ("lines", ("list", "multiline"), self.lines is not None),
                ("signed", ("multiline",), self.signed),
                ("dated", ("signature",), self.dated),
                ("prefill", ("text", "date", "multiline"), self.prefill is not None),
            )
            if given and self.kind not in allowed
        ]
        if wrong:
            raise PydanticCustomError(
                "gbstd_field_attribute",
                "{names} cannot be used with kind {kind}",
                {"names": ", ".join(wrong), "kind": self.kind},
            )
        if self.prefill is not None and not _description_has(self.prefill):
            raise PydanticCustomError(
                "gbstd_prefill_path",
                "prefill {path} is not a plain fact of the centre self-description",
                {"path": self.prefill},
            )
        return self


class Form(_Model):
    """One annex form: what it is, where the standard names it, and its fields."""

    id: Annotated[str, Field(pattern=r"^[a-z][a-z_]*$")]
    name: Bilingual
    annex: Annotated[str, Field(pattern=r"^\d+(?:\.\d+)*-ANX\d+$")]  # catalogue node id
    standard: Annotated[str, Field(pattern=r"^GB/T \d+(?:\.\d+)*-\d{4}$")]
    note: Bilingual  # says that the layout and fields are gbstd's design
    statement: Bilingual | None = None  # the sentence printed above the table of a notice
    fields: tuple[FormField, ...]

    @model_validator(mode="after")
    def _consistent(self) -> Form:
        if self.standard.removeprefix("GB/T ").rsplit("-", 1)[0] != self.annex.split("-ANX")[0]:
            raise PydanticCustomError(
                "gbstd_annex_standard",
                "annex {annex} is not in {standard}",
                {"annex": self.annex, "standard": self.standard},
            )
        if "gbstd" not in self.note.zh or "gbstd" not in self.note.en:
            raise PydanticCustomError(
                "gbstd_design_note", "the note must say that gbstd designed the form", {}
            )
        keys = [f.key for f in self.fields]
        twice = sorted({k for k in keys if keys.count(k) > 1})
        if twice:
            raise PydanticCustomError(
                "gbstd_duplicate_key", "field key {keys} is used twice", {"keys": ", ".join(twice)}
            )
        if sum(f.kind == "photo" for f in self.fields) > 1:
            raise PydanticCustomError("gbstd_photo", "a form has at most one photo box", {})
        if all(f.kind in ("signature", "photo") for f in self.fields):
            raise PydanticCustomError("gbstd_no_rows", "a form needs at least one table field", {})
        return self

    def field(self, key: str) -> FormField:
        """Return the field ``key``.

        Raises:
            KeyError: the form has no such field.
        """
        for item in self.fields:
            if item.key == key:
                return item
        raise KeyError(key)


class FormsFile(_Model):
    """The whole ``forms.yaml``."""

    format_version: Literal[1]
    forms: tuple[Form, ...]

    @model_validator(mode="after")
    def _unique(self) -> FormsFile:
        if not self.forms:
            raise PydanticCustomError("gbstd_no_forms", "the file lists no forms", {})
        for attribute in ("id", "annex"):
            values = [getattr(f, attribute) for f in self.forms]
            twice = sorted({v for v in values if values.count(v) > 1})
            if twice:
                raise PydanticCustomError(
                    "gbstd_duplicate_form",
                    "form {attribute} {values} is used twice",
                    {"attribute": attribute, "values": ", ".join(twice)},
                )
        return self


class UnknownFormError(GbstdError):
    """A form query that matches no form, or several."""


def _description_has(path: str) -> bool:
    """Tell whether ``path`` (``centre.name``) leads to a plain value of the self-description."""
    from gbstd.description.model import CentreDescription

    model: Any = CentreDescription
    for part in path.split("."):
        if not (isinstance(model, type) and issubclass(model, BaseModel)):
            return False
        if part not in model.model_fields:
            return False
        annotation = model.model_fields[part].annotation
        model = next(
            (
                candidate
                for candidate in (annotation, *get_args(annotation))
                if isinstance(candidate, type) and issubclass(candidate, BaseModel)
            ),
            annotation,
        )
    return not (isinstance(model, type) and issubclass(model, BaseModel))


def load_forms(path: Path | None = None) -> list[Form]:
    """Load the forms (the bundled ``templates/forms/forms.yaml`` when ``path`` is None).

    Raises:
        InvalidInputError: the file is missing or invalid.
    """
    from gbstd.io.diagnostics import problems_from
    from gbstd.io.yamlsource import read_yaml

    document = read_yaml(path or data_dir("templates").joinpath(*FORMS_FILE))
    try:
        return list(FormsFile.model_validate(document.data).forms)
    except ValidationError as exc:
        raise InvalidInputError(problems_from(exc, document)) from None


def find_form(query: str, forms: list[Form] | None = None) -> Form:
    """Find one form by id, Chinese or English name, annex id, or a unique name fragment.

    ``acceptance_notice``, ``受理通知书``, ``32169.3-ANX1`` and ``受理`` all find the notice of
    acceptance.

    Raises:
        UnknownFormError: nothing matches (with the closest names), or several forms match.
    """
    forms = load_forms() if forms is None else forms
    wanted = query.strip()
    folded = wanted.casefold()
    for form in forms:
        if folded in (form.id, form.annex.casefold(), form.name.en.casefold()) or (
            wanted == form.name.zh
        ):
            return form
    matches = [
        f for f in forms if wanted and (wanted in f.name.zh or folded in f.name.en.casefold())
    ]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        names = [f"{f.id}（{f.name.zh}）" for f in matches]
        raise UnknownFormError(
            f"“{query}”可指多个表格：{'、'.join(names)}；请写出表格编号",
            f"'{query}' matches several forms: {', '.join(f.id for f in matches)}; give the id",
        )
    candidates: dict[str, Form] = {}
    for form in forms:
        candidates |= {form.id: form, form.name.zh: form, form.annex: form}
    close = difflib.get_close_matches(wanted, list(candidates), n=3, cutoff=0.5)
    suggestion = list(dict.fromkeys(candidates[c].id for c in close))
    hint_zh = f"；是否要找：{'、'.join(suggestion)}" if suggestion else ""
    hint_en = f"; did you mean: {', '.join(suggestion)}" if suggestion else ""
    known = ", ".join(f.id for f in forms)
    raise UnknownFormError(
        f"找不到表格“{query}”{hint_zh}（可用：{known}）",
        f"no form '{query}'{hint_en} (known: {known})",
    )


def read_form_data(path: Path) -> dict[str, Any]:
    """Read a ``--data`` file: a mapping of field keys, or a centre self-description.

    Raises:
        InvalidInputError: the file is missing, malformed, or not a mapping.
    """
    from gbstd.io.yamlsource import read_yaml

    document = read_yaml(path)
    if not isinstance(document.data, dict):
        raise InvalidInputError(
            [
                Problem(
                    document.name,
                    Message(
                        "顶层应为映射（栏目键: 值），或一份中心自述文件",
                        "the top level must be a mapping of field keys, or a centre description",
                    ),
                    1,
                    1,
                )
            ]
        )
    return document.data


def is_description(data: Any) -> bool:
    """Tell whether ``data`` is a centre self-description (it has ``centre`` and ``format_version``)."""
    return isinstance(data, dict) and "centre" in data and "format_version" in data


def form_values(
    form: Form, data: dict[str, Any] | None, *, centre: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Return the checked values of ``form``'s fields, by field key.

    ``data`` is either a mapping of field keys to values or a centre self-description; a
    description fills the fields that name a ``prefill`` path. ``centre`` (a description) prefills
    first and ``data`` then overrides. Dates become :class:`datetime.date`, lists lists of text,
    checkboxes the Chinese labels of the ticked options (or a bool), everything else text.

    Raises:
        GbstdError: an unknown field key, or a value of the wrong kind.
    """
    values: dict[str, Any] = {}
    for source in (centre, data):
        if source is None:
            continue
        if is_description(source):
            for item in form.fields:
                found = _lookup(source, item.prefill) if item.prefill else None
                if found is not None and not isinstance(found, dict | list):
                    values[item.key] = found
        else:
            values |= source
    return _checked(form, values)


def _lookup(data: dict[str, Any], path: str) -> Any:
    node: Any = data
    for part in path.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    return node


def _checked(form: Form, values: dict[str, Any]) -> dict[str, Any]:
    known = [f.key for f in form.fields]
    unknown = [str(k) for k in values if k not in known]
    if unknown:
        close = difflib.get_close_matches(unknown[0], known, n=3, cutoff=0.5)
        hint_zh = f"；是否要写：{'、'.join(close)}" if close else ""
        hint_en = f"; did you mean: {', '.join(close)}" if close else ""
        raise GbstdError(
            f"表格 {form.id} 没有栏目 {'、'.join(unknown)}{hint_zh}（栏目：{'、'.join(known)}）",
            f"form {form.id} has no field {', '.join(unknown)}{hint_en} (fields: {', '.join(known)})",
        )
    checked = {}
    for item in form.fields:
        value = values.get(item.key)
        if value is not None:
            checked[item.key] = _value(form, item, value)
    return checked


def _wrong(form: Form, item: FormField, zh: str, en: str) -> GbstdError:
    return GbstdError(
        f"表格 {form.id} 的栏目 {item.key}（{item.label.zh}）{zh}",
        f"form {form.id}, field {item.key} ({item.label.en}): {en}",
    )


def _text(value: Any) -> str | None:
    if isinstance(value, bool | dict | list | tuple):
        return None
    return str(value).strip()


def _value(form: Form, item: FormField, value: Any) -> Any:  # noqa: C901
    kind = item.kind
    if kind == "photo":
        raise _wrong(form, item, "是照片框，不能填写", "is a photo box and takes no value")
    if kind == "date":
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        try:
            return date.fromisoformat(str(value).strip())
        except ValueError:
            raise _wrong(
                form, item, "应为日期（YYYY-MM-DD）", "must be a date (YYYY-MM-DD)"
            ) from None
    if kind == "list":
        if isinstance(value, list | tuple):
            items = list(value)
        else:
            items = value.splitlines() if isinstance(value, str) else [value]
        texts = [_text(v) for v in items]
        if any(t is None for t in texts):
            raise _wrong(form, item, "应为文本清单", "must be a list of texts")
        return [t for t in texts if t]
    if kind == "checkbox":
        if not item.options:
            if not isinstance(value, bool):
                raise _wrong(form, item, "应为 true 或 false", "must be true or false")
            return value
        chosen = value if isinstance(value, list | tuple) else [value]
        labels = []
        for choice in chosen:
            text = _text(choice)
            match = next(
                (
                    o.zh
                    for o in item.options
                    if text is not None and text.casefold() in (o.zh, o.en.casefold())
                ),
                None,
            )
            if match is None:
                names = "、".join(o.zh for o in item.options)
                raise _wrong(
                    form,
                    item,
                    f"的选项应为 {names}，而不是 {choice!r}",
                    f"options are {', '.join(o.en for o in item.options)}, not {choice!r}",
                )
            labels.append(match)
        return [o.zh for o in item.options if o.zh in labels]
    text = _text(value)
    if text is None:
        raise _wrong(form, item, "应为文本", "must be text")
    return text


def _date_text(value: date, lang: Lang) -> str:
    return f"{value.year}年{value.month}月{value.day}日" if lang == "zh" else value.isoformat()


def sheet(
    form: Form, values: dict[str, Any], lang: Lang = "zh", *, printed: bool = False
) -> dict[str, Any]:
    """Lay ``form`` out as plain data for the templates and the Word writer.

    ``printed`` lays it out for paper to hand to applicants: no grey filling hints, and the
    statement that gbstd designed the layout once, under the title (not again at the foot).

    Raises:
        GbstdError: a value does not fit its field (see :func:`form_values`).
    """
    values = _checked(form, values)
    rows, signatures, photo = [], [], None
    for item in form.fields:
        value = values.get(item.key)
        hint = item.hint.get(lang) if item.hint and not printed else ""
        if item.kind == "photo":
            photo = {"label": item.label.get(lang), "hint": hint}
            continue
        if item.kind == "signature":
            signatures.append(
                {"label": item.label.get(lang), "value": value or "", "dated": item.dated}
            )
            continue
        row: dict[str, Any] = {
            "key": item.key,
            "kind": item.kind,
            "label": item.label.get(lang),
            "hint": hint,
            "blank": value in (None, "", []) if item.kind != "checkbox" else value is None,
            "text": "",
            "entries": [],
            "lines": item.lines or (4 if item.kind == "list" else 1),
            "options": [],
            "signed": item.signed,
        }
        if item.kind == "date":
            row["text"] = _date_text(value, lang) if value else BLANK_DATE(lang)
        elif item.kind == "list":
            row["entries"] = value or []
        elif item.kind == "checkbox":
            ticked = value or []
            row["options"] = [
                {"label": o.get(lang), "checked": o.zh in ticked} for o in item.options
            ] or [{"label": "", "checked": value is True}]
        elif value:
            row["text"] = value
        rows.append(row)
    # Signature blocks go two a row; a lone one sits on the right, where seals go.
    blocks: list[dict[str, Any] | None] = list(signatures)
    if len(blocks) == 1:
        blocks.insert(0, None)
    elif len(blocks) % 2:
        blocks.append(None)
    span = 0
    if photo:
        while span < min(PHOTO_ROWS, len(rows)) and rows[span]["kind"] != "list":
            span += 1
        span = max(span, 1)
    return {
        "id": form.id,
        "title": form.name.get(lang),
        "standard": form.standard,
        "annex": form.annex,
        "design_note": DESIGN_NOTE(lang),
        "source": (
            f"参照 {form.standard} 附录“{form.name.zh}”（目录编号 {form.annex}）"
            if lang == "zh"
            else f"After the annex '{form.name.en}' of {form.standard} (catalogue {form.annex})"
        ),
        "note": "" if printed else form.note.get(lang),
        "statement": form.statement.get(lang) if form.statement else "",
        "rows": rows,
        "photo": photo,
        "photo_span": span,
        "signatures": signatures,
        "signature_rows": [blocks[i : i + 2] for i in range(0, len(blocks), 2)],
        "blank_date": BLANK_DATE(lang),
        "seal": "（盖章）" if lang == "zh" else "(seal)",
        "colon": "：" if lang == "zh" else ": ",
        "space": "　" if lang == "zh" else "   ",
        "checked": CHECKED,
        "unchecked": UNCHECKED,
        "lang": lang,
        "html_lang": "zh-CN" if lang == "zh" else "en",
    }


def _md(text: object) -> str:
    """Keep a Markdown table cell intact and inert: no pipes, line breaks or raw HTML."""
    cell = str(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return cell.replace("|", "\\|").replace("\r", "").replace("\n", "<br>")


def render_form(
    form: Form,
    values: dict[str, Any],
    fmt: FormatName,
    lang: Lang = "zh",
    *,
    printed: bool = False,
) -> bytes:
    """Render ``form`` filled with ``values`` (blank where a value is missing).

    Args:
        form: the form, from :func:`find_form`.
        values: field values by key, as :func:`form_values` returns them.
        fmt: ``md`` (Markdown), ``html`` (one self-contained A4 page) or ``docx`` (Word).
        lang: language of labels and notes; values print as given.
        printed: lay it out for printing: no filling hints, the design note once.

    Returns:
        The document, UTF-8 encoded for the text formats.

    Raises:
        GbstdError: a value does not fit its field.
        ValueError: an unknown format.
    """
    data = sheet(form, values, lang, printed=printed)
    if fmt == "docx":
        from gbstd.system.formdocx import docx_form

        return docx_form(data)
    if fmt not in ("md", "html"):
        raise ValueError(f"unknown form format {fmt!r}")
    from gbstd.io.templating import make_environment

    environment = make_environment()
    environment.filters.setdefault("form_md", _md)
    name = HTML_TEMPLATE if fmt == "html" else MARKDOWN_TEMPLATE
    return environment.get_template(name).render(form=data).encode("utf-8")
