import json
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema

from itapack.outputs import jsonout

from ..conftest import EXAMPLE, run_check


def schema(strict: bool = False) -> dict[str, Any]:
    text = resources.files("itapack").joinpath("schemas/check-2.schema.json").read_text(encoding="utf-8")
    loaded = json.loads(text)
    return _closed(loaded) if strict else loaded


def _closed(node: Any) -> Any:
    """The schema with every object closed, so output keys the schema does not document fail."""
    if isinstance(node, dict):
        node = {k: _closed(v) for k, v in node.items()}
        if node.get("type") == "object" and "properties" in node:
            node["additionalProperties"] = False
        return node
    if isinstance(node, list):
        return [_closed(v) for v in node]
    return node


def test_example_json_passes_the_schema_with_no_undocumented_keys() -> None:
    data = json.loads(jsonout.dumps(run_check(EXAMPLE)))
    jsonschema.validate(data, schema(strict=True), format_checker=jsonschema.FormatChecker())


def test_json_of_the_example_says_what_a_clerk_needs() -> None:
    data = json.loads(jsonout.dumps(run_check(EXAMPLE)))
    assert data["pack"]["fiscal_year"] == 2567
    assert data["pack"]["window"] == {"start": "2023-10-01", "end": "2024-09-30", "text": "1 ต.ค. 2566 – 30 ก.ย. 2567"}
    assert data["summary"]["level_reached"] == 3
    documents = {d["id"]: d for d in data["documents"]}
    assert documents["4.4"]["status"] == "missing"
    assert documents["4.4"]["requirements"][0]["expected"].startswith("evidence/4.4 ")
    assert documents["5.5"]["same_as"] == "4.2"
    assert documents["2.2"]["date"] == "2023-11-24" and documents["2.2"]["date_text"] == "24 พ.ย. 2566"
    units = {u["id"]: u for u in data["units"]}
    assert units["sao-bang-yo"]["documents"] == {"3.1": "ok", "5.1": "missing"}


def test_json_is_utf8_thai_not_escaped(pack_dir: Path) -> None:
    text = jsonout.dumps(run_check(pack_dir))
    assert "บันทึกข้อความ" in text and "\\u0e" not in text


def test_json_is_written_in_large_pieces_not_one_call_per_requirement() -> None:
    """An unbuffered stdout (PYTHONUNBUFFERED=1, common in CI) pays a system call per write()."""
    import io

    class Counting(io.StringIO):
        calls = 0

        def write(self, text: str) -> int:
            Counting.calls += 1
            return super().write(text)

    result = run_check(EXAMPLE)
    stream = Counting()
    jsonout.write(result, stream)
    assert stream.getvalue() == jsonout.dumps(result)
    assert Counting.calls <= len(stream.getvalue()) // jsonout.WRITE_SIZE + 1


def test_every_reason_and_status_the_wording_knows_is_in_the_schema() -> None:
    from itapack.evidence.result import Status
    from itapack.outputs import wording

    properties = schema()["properties"]
    requirement = properties["documents"]["items"]["properties"]["requirements"]["items"]["properties"]
    assert set(wording._REJECTED) <= set(requirement["rejected"]["items"]["properties"]["reason"]["enum"])
    from itapack.evidence.match import NOTICES

    files = properties["files"]["properties"]
    assert set(wording._STRAY) - NOTICES <= set(files["strays"]["items"]["properties"]["reason"]["enum"])
    assert set(files["notices"]["items"]["properties"]["reason"]["enum"]) == NOTICES
    unit_statuses = properties["units"]["items"]["properties"]["documents"]["additionalProperties"]["enum"]
    assert {str(s) for s in Status} == set(requirement["status"]["enum"]) == set(unit_statuses)


def test_requirements_written_from_the_template_are_what_the_encoder_writes(tmp_path: Path) -> None:
    from ..conftest import UNITS_YAML, write_pack
    from ..evidence.test_parallel import HOSTILE

    with_url = UNITS_YAML.replace("district: bang-bo}", "district: bang-bo, urls: {2.1: 'https://x.example/\"ก\"'}}", 1)
    assert with_url != UNITS_YAML
    requirements = urls = 0
    for pack in (EXAMPLE, write_pack(tmp_path / "hostile", evidence=HOSTILE, units=with_url)):
        result = run_check(pack)
        for doc in result.documents:
            for requirement in doc.requirements:
                expected = jsonout._compact(jsonout._requirement(requirement, doc, {}))
                assert jsonout._requirement_text(requirement, doc, {}) == expected
                requirements += bool(requirement.files) and not requirement.rejected
                urls += requirement.url is not None
    assert requirements > 20 and urls  # the template, not the fallback, wrote most of them
