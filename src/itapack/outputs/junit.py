"""--format junit: one test case per requirement, one suite per level or section, for CI test reports."""

from __future__ import annotations

import re
from typing import TextIO
from xml.etree import ElementTree as ET

from ..evidence.result import CheckResult, Status
from ..i18n import _, _n
from . import wording


def write(
    result: CheckResult, stream: TextIO, *, target_level: int | None = None, target_score: float | None = None
) -> None:
    """One test case per requirement: a CI report fails on each one missing, whatever the target."""
    stream.write(dumps(result))


def dumps(result: CheckResult) -> str:
    units = {u.id: u.name for u in result.units}
    ladder = result.pack.ladder
    by_section: dict[int, list[ET.Element]] = {section.number: [] for section in result.sections}
    for doc in result.documents:
        facts = wording.document_facts(doc) + [f"☐ {item}" for item in doc.items]
        for requirement in doc.requirements:
            unit = f" [{units.get(requirement.unit, requirement.unit)}]" if requirement.unit else ""
            case = ET.Element(
                "testcase",
                classname=f"itapack.{'level' if ladder else 'section'}{doc.section}.{doc.id.replace('.', '_')}",
                name=f"{doc.id} {doc.title}{unit}",
            )
            if requirement.status is Status.NOT_APPLICABLE:  # excused: neither passed nor failed
                ET.SubElement(case, "skipped", message=wording.excused(requirement.reason))
            elif requirement.status is not Status.OK:
                failure = ET.SubElement(
                    case,
                    "failure",
                    type=str(requirement.status),
                    message=f"{wording.STATUS[requirement.status]}: {requirement.expected}",
                )
                lines = [
                    _n("วางหลักฐานที่ {path} (อย่างน้อย {count} ไฟล์)", requirement.needed).format(
                        path=requirement.expected, count=requirement.needed
                    )
                ]
                lines += [f"{r.path}: {wording.rejected(r, doc.window)}" for r in requirement.rejected]
                failure.text = "\n".join(lines)
            page = _("หน้าเว็บของหน่วยงาน: {url}").format(url=requirement.url)
            shown = facts + ([page] if requirement.url else [])
            link = result.link(doc.id, requirement)
            if link is not None:  # check --links: shown beside the evidence; the status stays the evidence's
                shown.append(wording.link(link))
            if shown:
                ET.SubElement(case, "system-out").text = "\n".join(shown)
            by_section.setdefault(doc.section, []).append(case)

    root = ET.Element("testsuites", name="itapack check")
    total = failures = 0
    labels = {section.number: wording.section_label(section, ladder) for section in result.sections}
    for number, cases in by_section.items():
        failed = sum(1 for case in cases if case.find("failure") is not None)
        skipped = sum(1 for case in cases if case.find("skipped") is not None)
        # errors: always 0 (a check has no test that crashes), and required of every suite by the
        # schema Jenkins' xunit plugin validates against (junit-10.xsd).
        suite = ET.SubElement(
            root,
            "testsuite",
            name=labels.get(number, str(number)),
            tests=str(len(cases)),
            failures=str(failed),
            errors="0",
        )
        if skipped:
            suite.set("skipped", str(skipped))
        properties = ET.SubElement(suite, "properties")
        ET.SubElement(properties, "property", name="fiscal_year", value=str(result.pack.fiscal_year))
        ET.SubElement(properties, "property", name="scoring", value=result.pack.scoring)
        if ladder:
            ET.SubElement(properties, "property", name="level_reached", value=str(result.level_reached))
        ET.SubElement(properties, "property", name="score", value=wording.score(result.score))
        suite.extend(cases)
        total += len(cases)
        failures += failed
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    ET.indent(root)
    text = ET.tostring(root, encoding="unicode")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + _NOT_XML.sub(_escaped, text) + "\n"


# What XML 1.0 cannot hold, from any source (a pack text written with escapes, a file name):
# shown as &lt;U+FFFE&gt; rather than making the whole report unreadable.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _escaped(match: re.Match[str]) -> str:
    return f"&lt;U+{ord(match.group()):04X}&gt;"
