"""Put a year's results into pack.yaml's `results:` key and change nothing else in the file.

The old `results:` entry (if any) is cut out at its lines and the new block put in its place, so
comments, order and layout elsewhere stay as the clerk wrote them; a pack without results gets the
block at the end. The new text is parsed back and must hold exactly the old data with the new
results before it is written, atomically.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .. import safety
from ..errors import OutputError
from ..i18n import _
from ..pack import yamledit
from ..pack.folder import PACK_FILE, Pack
from ..pack.model import Results
from ..pack.yamlfile import YamlFile, parse_yaml


def results_data(results: Results) -> dict[str, Any]:
    """The results as the strings pack.yaml holds (scores with two decimals, as announced)."""
    data: dict[str, Any] = {}
    for key in ("total", "grade", "iit", "eit", "oit"):
        value = getattr(results, key)
        if value is not None:
            data[key] = value if isinstance(value, str) else f"{value:.2f}"
    if results.indicators:
        data["indicators"] = {number: f"{score:.2f}" for number, score in results.indicators.items()}
    if results.questions:
        questions: dict[str, Any] = {}
        for code, question in results.questions.items():
            entry: dict[str, Any] = {"score": f"{question.score:.2f}"}
            if question.answers:
                entry["answers"] = [f"{a:.2f}" for a in question.answers]
            if question.rows:
                entry["rows"] = []
                for row in question.rows:
                    sub: dict[str, Any] = {}
                    if row.text is not None:
                        sub["text"] = row.text
                    sub["score"] = f"{row.score:.2f}"
                    if row.answers:
                        sub["answers"] = [f"{a:.2f}" for a in row.answers]
                    entry["rows"].append(sub)
            questions[code] = entry
        data["questions"] = questions
    if results.note is not None:
        data["note"] = results.note
    return data


def results_block(data: dict[str, Any], newline: str = "\n", indent: str = "") -> str:
    """`results:` as block YAML; question rows in flow style, one line each, as a person would type them.

    data holds strings as pack.yaml does (results_data, or a pack's results as written); indent
    puts the block under another key (rollover writes last year's results under `previous:`)."""
    lines = ["results:"]
    for key, value in data.items():
        if key == "indicators":
            lines.append("  indicators:")
            lines += [f"    {json.dumps(str(number))}: {yamledit.scalar(score)}" for number, score in value.items()]
        elif key == "questions":
            lines.append("  questions:")
            for code, question in value.items():
                if "rows" not in question:
                    lines.append(f"    {yamledit.scalar(code)}: {_flow(question)}")
                    continue
                lines.append(f"    {yamledit.scalar(code)}:")
                lines += [f"      {k}: {_flow(v)}" for k, v in question.items() if k != "rows"]
                lines.append("      rows:")
                lines += [f"        - {_flow(row)}" for row in question["rows"]]
        else:
            lines.append(f"  {key}: {yamledit.scalar(value)}")
    return newline.join(indent + line for line in lines) + newline


def _flow(value: Any) -> str:
    if isinstance(value, list):
        return "[" + ", ".join(_flow(v) for v in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{k}: {_flow(v)}" for k, v in value.items()) + "}"
    text = yamledit.scalar(value)
    # In a flow collection ", [ ] { }" are special: quote any text holding them.
    return json.dumps(value, ensure_ascii=False) if any(c in text for c in ",[]{}:#") else text


def new_text(source: YamlFile, results: Results) -> str:
    newline = "\r\n" if "\r\n" in source.text else "\n"
    block = results_block(results_data(results), newline)
    text = source.text
    if "results" in source.data:
        start, end = _entry_span(source)
        updated = text[:start] + block + text[end:]
    else:
        updated = text + ("" if not text or text.endswith("\n") else newline) + block
    written = parse_yaml(updated, source.name).data
    intended = {**source.data, "results": results_data(results)}
    if written != intended or list(written) != [*source.data, *(["results"] if "results" not in source.data else [])]:
        raise RuntimeError(f"storing results would change {source.name} in an unintended way")
    return updated


def _entry_span(source: YamlFile) -> tuple[int, int]:
    """The lines of `results: …`: from its key's line to its value's last line, leaving the comments
    and blank lines that follow it (they belong to what comes next)."""
    key = source.key_nodes[("results",)]
    if key.start_mark.column != 0:
        raise OutputError(_("{file}: results ต้องอยู่ที่ระดับบนสุดของไฟล์ (ไม่เยื้อง)").format(file=source.name))
    text = source.text
    start = text.rfind("\n", 0, key.start_mark.index) + 1
    end = source.nodes[("results",)].end_mark.index
    line_end = text.find("\n", end)
    end = len(text) if line_end < 0 else line_end + 1
    if source.nodes[("results",)].end_mark.column == 0:
        end = source.nodes[("results",)].end_mark.index
    # Walk back over trailing comment-only and blank lines that PyYAML counted into the block.
    lines = text[start:end].splitlines(keepends=True)
    while len(lines) > 1 and (not lines[-1].strip() or lines[-1].lstrip().startswith("#")):
        end -= len(lines.pop())
    return start, end


def store(pack: Pack, results: Results) -> Path:
    source = pack.files[PACK_FILE]
    target = pack.root / PACK_FILE
    # The one write that rewrites a pack file, on purpose: only its results key changes.
    safety.write_text(target, new_text(source, results), editing_pack=True, ours=safety.REPLACE)
    return target
