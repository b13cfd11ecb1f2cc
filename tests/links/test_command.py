"""`itapack links` and `check --links` as a person or CI runs them, against the local server."""

from __future__ import annotations

import json
import os
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner

from itapack.cli import app

from ..conftest import EXAMPLE, PDF, ROOT, typed, write_pack
from .conftest import LocalServer
from .test_verdicts import ITEMS, PACK, oit_pack

SCHEMAS = ROOT / "src" / "itapack" / "schemas"
SCHEMA = json.loads((SCHEMAS / "check-2.schema.json").read_text(encoding="utf-8"))
LINKS_SCHEMA = json.loads((SCHEMAS / "links-1.schema.json").read_text(encoding="utf-8"))


def itapack(*args: str | Path, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    """The command line in this process (a subprocess per call would cost most of these tests' time)."""
    result = CliRunner().invoke(app, [str(arg) for arg in args], env=env)
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    assert "Traceback" not in result.stderr
    return result.exit_code, result.stdout, result.stderr


def env() -> dict[str, str]:
    return {"ITAPACK_CACHE_DIR": os.environ["ITAPACK_CACHE_DIR"], "NO_PROXY": "127.0.0.1"}


def test_a_pack_without_urls_says_so_and_passes(tmp_path: Path) -> None:
    code, out, err = itapack("links", EXAMPLE, env=env())
    assert code == 0
    assert "ไม่มีที่อยู่เว็บ" in err
    code, out, _ = itapack("links", EXAMPLE, "--format", "json", env=env())
    assert code == 0 and json.loads(out)["links"] == []
    jsonschema.validate(json.loads(out), LINKS_SCHEMA)


def test_links_reports_in_thai_and_exits_1_on_problems(tmp_path: Path, server: LocalServer) -> None:
    root = oit_pack(tmp_path / "pack", server, {"o1": "/good", "o2": "/missing", "o3": "/soft404"}, {"o1": ITEMS})
    code, out, err = itapack("links", root, env=env())
    assert code == 1, err
    assert "ไม่พบหน้านี้ (HTTP 404)" in out
    assert "soft-404" in out and "not-found" in out  # the summary by problem
    assert "ลิงก์ต้องแก้ 2 จาก 3" in out
    assert server.url("/good") not in out  # fine links are not listed without --all

    code, out, _ = itapack("links", root, "--format", "json", "--offline", env=env())
    assert code == 1
    report = json.loads(out)
    jsonschema.validate(report, LINKS_SCHEMA)
    assert report["format"] == "itapack-links"
    assert [(link["document"], link["verdict"], link["from_cache"]) for link in report["links"]] == [
        ("o1", "ok", True),
        ("o2", "broken", True),
        ("o3", "problem", True),
    ]
    assert report["summary"]["problems"] == {"not-found": 1, "soft-404": 1}
    assert server.hits["/good"] == 1  # --offline asked nothing


def test_links_exits_0_when_every_link_is_fine(tmp_path: Path, server: LocalServer) -> None:
    root = oit_pack(tmp_path / "pack", server, {"o1": "/good"}, {"o1": ITEMS})
    code, out, err = itapack("links", root, "--all", env=env())
    assert code == 0, out + err
    assert "ทุกลิงก์ใช้ได้" in out and server.url("/good") in out


def test_bad_options_exit_2_and_unwritable_output_exits_3(tmp_path: Path, server: LocalServer) -> None:
    root = oit_pack(tmp_path / "pack", server, {"o1": "/good"})
    code, _, err = itapack("links", root, "--max-age", "soon", env=env())
    assert code == 2 and "--max-age" in err
    (tmp_path / "file").write_text("x", encoding="utf-8")
    code, _, err = itapack("links", root, "--output", tmp_path / "file" / "out.json", env=env())
    assert code == 3
    code, _, err = itapack("links", root, env={**env(), "ITAPACK_CACHE_DIR": str(tmp_path / "file")})
    assert code == 3 and "ITAPACK_CACHE_DIR" in err


def test_check_shows_link_status_from_the_cache_only(tmp_path: Path, server: LocalServer) -> None:
    sections = f"""\
sections:
  - title: ข้อมูลสาธารณะ
    documents:
      - {{id: o1, title: แผน, url: '{server.url("/good")}'}}
      - {{id: o2, title: รายงาน, url: '{server.url("/missing")}'}}
      - {{id: o3, title: โครงสร้าง, per_unit: [sao]}}
      - {{id: o4, title: ไม่มีหน้าเว็บ}}
"""
    units = f"""\
kinds: [{{id: sao, name: องค์การบริหารส่วนตำบล}}]
units:
  - {{id: a, name: อบต.ก, kind: sao, urls: {{o3: '{server.url("/login")}'}}}}
  - {{id: b, name: อบต.ข, kind: sao}}
"""
    evidence = {"o3 โครงสร้าง": {"อบต.ก": {"โครงสร้าง.pdf": PDF}}}  # its file is there; its page is not fine
    root = write_pack(
        tmp_path / "pack", pack=PACK, levels=sections, units=units, structure_file="sections.yaml", evidence=evidence
    )
    _, out, _ = itapack("check", root, "--links", "--format", "json", env=env())
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    links = {(d["id"], r["unit"]): r.get("link") for d in report["documents"] for r in d["requirements"]}
    assert links[("o1", None)]["verdict"] == "unchecked"  # never fetched by check
    assert sum(server.hits.values()) == 0

    assert itapack("links", root, env=env())[0] == 1
    hits = sum(server.hits.values())
    _, out, _ = itapack("check", root, "--links", "--format", "json", env=env())
    report = json.loads(out)
    jsonschema.validate(report, SCHEMA)
    links = {(d["id"], r["unit"]): r.get("link") for d in report["documents"] for r in d["requirements"]}
    assert {key: (link or {}).get("verdict") for key, link in links.items()} == {
        ("o1", None): "ok",
        ("o2", None): "broken",
        ("o3", "a"): "problem",
        ("o3", "b"): None,  # no page of its own
        ("o4", None): None,
    }
    assert links[("o3", "a")]["codes"] == ["login-wall"]
    statuses = {(d["id"], r["unit"]): r["status"] for d in report["documents"] for r in d["requirements"]}
    assert statuses[("o3", "a")] == "ok"  # the link never changes the evidence's status
    assert sum(server.hits.values()) == hits  # still nothing fetched

    _, out, _ = itapack("check", root, "--links", env=env())  # plain text, piped
    assert "ลิงก์ ✗ เปิดไม่ได้: ไม่พบหน้านี้ (HTTP 404)" in out
    assert "ลิงก์ ! มีปัญหา: หน้านี้ให้เข้าสู่ระบบก่อน" in out  # a unit whose file is in, whose page is not fine
    _, out, _ = itapack("check", root, "--links", "--format", "junit", env=env())
    assert "ลิงก์ ! มีปัญหา: หน้านี้ให้เข้าสู่ระบบก่อน" in out
    _, out, _ = itapack("check", root, env=env())  # not asked: not shown
    assert "ลิงก์ ✗" not in out


@pytest.mark.parametrize("command", ["check", "--help"])
def test_check_and_help_do_not_import_the_http_client(command: str, tmp_path: Path) -> None:
    script = (
        "import sys\nfrom itapack.cli import app\n"
        f"try:\n    app([{command!r}, {str(EXAMPLE)!r}] if {command!r} == 'check' else ['--help'])\n"
        "except SystemExit:\n    pass\n"
        "assert not {'httpx', 'pypdf', 'sqlite3'} & set(sys.modules), sorted(sys.modules)\n"
    )
    import os
    import subprocess
    import sys

    # Not measured by coverage (REFERENCE.md, Development): it stores its data with sqlite3 in the child.
    env = {name: value for name, value in os.environ.items() if not name.startswith("COVERAGE_")}
    completed = subprocess.run([sys.executable, "-c", script], capture_output=True, timeout=60, env=env)
    assert completed.returncode == 0, completed.stderr.decode()


def test_render_notes_link_status_from_the_cache(tmp_path: Path, server: LocalServer) -> None:
    from html.parser import HTMLParser

    root = oit_pack(tmp_path / "pack", server, {"o1": "/good", "o2": "/missing"}, {"o1": ITEMS})
    assert itapack("links", root, env=env())[0] == 1
    hits = sum(server.hits.values())
    out = tmp_path / "reports"
    code, _, err = itapack("render", root, "--links", "--format", "html", "--out", out, env=env())
    assert code == 0, err

    class Text(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.parts: list[str] = []

        def handle_data(self, data: str) -> None:
            self.parts.append(data)

    parser = Text()
    parser.feed(typed(next(out.glob("*.html")).read_text(encoding="utf-8")))
    text = " ".join(parser.parts)
    assert "ลิงก์ ✓ ใช้ได้" in text
    assert "ลิงก์ ✗ เปิดไม่ได้: ไม่พบหน้านี้ (HTTP 404)" in text
    assert sum(server.hits.values()) == hits  # render fetched nothing
