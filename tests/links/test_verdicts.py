"""Every kind of page a reviewer meets, served for real on 127.0.0.1, gets the verdict a reviewer would give."""

from __future__ import annotations

from pathlib import Path

import pytest

from itapack.links.cache import Cache
from itapack.links.fetch import USER_AGENT, Fetched, Settings
from itapack.links.judge import Target, accepted_years, judge, missing_items, targets, years_in
from itapack.links.run import check_links
from itapack.pack.loader import load_pack

from ..conftest import tool, write_pack
from .conftest import LocalServer

# Generous for a busy CI machine, short for the slow page (5 s) and the retries.
FAST = Settings(timeout=2.0, total_timeout=4.0, retries=2, backoff=0.02, max_bytes=1_000_000)
ITEMS = "[(1) โครงการ/กิจกรรม, (2) งบประมาณ]"

PACK = """\
itapack: 2
fiscal_year: 2567
organisation: {kind: local, name: องค์การบริหารส่วนตำบลทดสอบ}
scoring: checklist
"""


def oit_pack(root: Path, server: LocalServer, pages: dict[str, str], items: dict[str, str] | None = None) -> Path:
    """A checklist pack with one document per page: {document id: path on the server}."""
    lines = ["sections:", "  - title: ข้อมูลสาธารณะ", "    documents:"]
    for doc_id, path in pages.items():
        lines.append(f"      - {{id: {doc_id}, title: หน้า {doc_id}, url: '{server.url(path)}'")
        if items and doc_id in items:
            lines[-1] += f", items: {items[doc_id]}"
        lines[-1] += "}"
    return write_pack(root, pack=PACK, levels="\n".join(lines) + "\n", units=None, structure_file="sections.yaml")


def verdicts(root: Path, settings: Settings = FAST, cache: Cache | None = None) -> dict[str, tuple[str, tuple]]:
    results = []
    check_links(targets(load_pack(root)), results.append, cache=cache, settings=settings)
    return {r.target.document: (r.verdict, r.codes) for r in results}


def test_each_kind_of_page_gets_its_verdict(tmp_path: Path, server: LocalServer) -> None:
    pages = {
        "good": "/good",
        "goodpdf": "/good.pdf",
        "oldpdf": "/last-year.pdf",
        "scan": "/scan.pdf",
        "missing": "/missing",
        "flaky": "/flaky",
        "down": "/down",
        "busy": "/busy",
        "forbidden": "/forbidden",
        "chain": "/hop1",
        "refresh": "/meta-refresh",
        "scriptonly": "/script-only",
        "loop": "/loop-a",
        "slow": "/slow",
        "soft404": "/soft404",
        "login": "/login",
        "members": "/members",
        "captcha": "/captcha",
        "share": "/share",
        "empty": "/empty",
        "lastyear": "/last-year",
        "fakepdf": "/fake.pdf",
        "pagepdf": "/page.pdf",
        "pdfashtml": "/pdf-as-html",
        "download": "/page-as-download",
        "items": "/good",
        "badgzip": "/bad-gzip",
    }
    root = oit_pack(tmp_path / "pack", server, pages, items={"good": ITEMS, "items": "[(3) ผลการดำเนินงาน]"})
    found = verdicts(root)
    assert found == {
        "good": ("ok", ()),
        "goodpdf": ("ok", ()),
        "oldpdf": ("problem", ("previous-year",)),
        "scan": ("ok", ()),  # nothing to read: said in `unchecked`, not guessed
        "missing": ("broken", ("not-found",)),
        "flaky": ("ok", ()),
        "down": ("broken", ("server-error",)),
        "busy": ("ok", ()),
        "forbidden": ("broken", ("http-error",)),
        "chain": ("ok", ()),
        "refresh": ("ok", ()),  # followed like a redirect, not judged an empty page
        "scriptonly": ("problem", ("empty-page",)),
        "loop": ("broken", ("redirect-loop",)),
        "slow": ("broken", ("timeout",)),
        "soft404": ("problem", ("soft-404",)),
        "login": ("problem", ("login-wall",)),
        "members": ("problem", ("login-wall",)),
        "captcha": ("problem", ("captcha",)),
        "share": ("problem", ("share-sign-in",)),
        "empty": ("problem", ("empty-page",)),
        "lastyear": ("problem", ("previous-year",)),
        "fakepdf": ("problem", ("not-pdf",)),
        "pagepdf": ("problem", ("not-pdf",)),
        "pdfashtml": ("problem", ("wrong-content-type",)),
        "download": ("problem", ("wrong-content-type",)),
        "items": ("problem", ("missing-items",)),
        "badgzip": ("broken", ("bad-response",)),
    }
    assert server.hits["/flaky"] == 2  # retried once after the 500
    assert server.hits["/down"] == 3  # the first try and two retries, then given up
    assert server.hits["/busy"] == 2  # asked again after its Retry-After
    assert server.hits["/good"] == 1  # shared by two items, fetched once
    assert server.user_agents == {USER_AGENT}


def test_redirects_are_reported_hop_by_hop(tmp_path: Path, server: LocalServer) -> None:
    root = oit_pack(tmp_path / "pack", server, {"chain": "/hop1", "loop": "/loop-a", "refresh": "/meta-refresh"})
    results = []
    check_links(targets(load_pack(root)), results.append, cache=None, settings=FAST)
    chain, loop, refresh = results
    assert refresh.fetched.redirects == (server.url("/hop3"),)
    assert chain.fetched.redirects == (server.url("/hop2"), server.url("/hop3"))
    assert chain.fetched.final_url == server.url("/hop3")
    assert loop.fetched.redirects == (server.url("/loop-b"), server.url("/loop-a"))
    assert "วน" in loop.message


def test_a_huge_body_is_cut_at_the_cap_and_said_to_be(tmp_path: Path, server: LocalServer) -> None:
    root = oit_pack(tmp_path / "pack", server, {"huge": "/huge"})
    results = []
    check_links(targets(load_pack(root)), results.append, cache=None, settings=FAST)
    (result,) = results
    assert result.fetched.truncated
    assert result.verdict == "ok"  # what was read names the year
    assert any("ส่วนต้น" in note for note in result.unchecked)
    assert server.huge_sent < 20_000_000  # the client stopped reading long before the 50 MB


def test_the_year_may_be_any_the_documents_window_touches(tmp_path: Path, server: LocalServer) -> None:
    sections = f"""\
sections:
  - title: รายงาน
    documents:
      - {{id: o38, title: รายงานผลปีที่แล้ว, url: '{server.url("/last-year")}', window: previous_fiscal_year}}
      - {{id: o39, title: รายงานปีนี้, url: '{server.url("/last-year")}'}}
"""
    root = write_pack(tmp_path / "pack", pack=PACK, levels=sections, units=None, structure_file="sections.yaml")
    assert verdicts(root) == {"o38": ("ok", ()), "o39": ("problem", ("previous-year",))}


def test_units_own_pages_are_checked_and_named_by_body(tmp_path: Path, server: LocalServer) -> None:
    sections = """\
sections:
  - title: ข้อมูลของแต่ละหน่วย
    documents:
      - {id: o1, title: โครงสร้าง, per_unit: [sao]}
"""
    units = f"""\
kinds: [{{id: sao, name: องค์การบริหารส่วนตำบล, short: อบต.}}]
units:
  - {{id: a, name: อบต.ก, kind: sao, urls: {{o1: '{server.url("/good")}'}}}}
  - {{id: b, name: อบต.ข, kind: sao, urls: {{o1: '{server.url("/missing")}'}}}}
  - {{id: c, name: อบต.ค, kind: sao}}
"""
    root = write_pack(tmp_path / "pack", pack=PACK, levels=sections, units=units, structure_file="sections.yaml")
    results = []
    summary = check_links(targets(load_pack(root)), results.append, cache=None, settings=FAST)
    assert [(r.target.unit, r.target.body, r.verdict) for r in results] == [
        ("a", "อบต.ก", "ok"),
        ("b", "อบต.ข", "broken"),
    ]
    assert summary.bodies["อบต.ข"]["broken"] == 1 and summary.problems["not-found"] == 1


def test_cache_revalidates_with_the_etag_and_reports_offline(tmp_path: Path, server: LocalServer) -> None:
    root = oit_pack(tmp_path / "pack", server, {"etag": "/etag", "gone": "/missing"}, items={"etag": ITEMS})
    with Cache(tmp_path / "cache.sqlite3") as cache:
        assert verdicts(root, cache=cache) == {"etag": ("ok", ()), "gone": ("broken", ("not-found",))}
    with Cache(tmp_path / "cache.sqlite3") as cache:  # asked again: a 304, and the stored text is judged
        results = []
        summary = check_links(targets(load_pack(root)), results.append, cache=cache, settings=FAST, max_age=0)
        assert results[0].verdict == "ok" and results[0].fetched.revalidated
        assert summary.fetched == 2
    assert server.hits["/etag"] == 2
    with Cache(tmp_path / "cache.sqlite3") as cache:  # young enough: not asked at all
        summary = check_links(targets(load_pack(root)), lambda r: None, cache=cache, settings=FAST, max_age=3600)
        assert summary.from_cache == 2
    assert server.hits["/etag"] == 2
    server.shutdown()
    with Cache(tmp_path / "cache.sqlite3", readonly=True) as cache:
        results = []
        check_links(targets(load_pack(root)), results.append, cache=cache, offline=True)
    assert [(r.verdict, r.codes, r.from_cache) for r in results] == [
        ("ok", (), True),
        ("broken", ("not-found",), True),
    ]


def test_offline_without_a_cache_says_unchecked(tmp_path: Path, server: LocalServer) -> None:
    root = oit_pack(tmp_path / "pack", server, {"good": "/good"})
    with Cache(tmp_path / "none.sqlite3", readonly=True) as cache:
        results = []
        check_links(targets(load_pack(root)), results.append, cache=cache, offline=True)
    assert results[0].verdict == "unchecked"
    assert server.hits["/good"] == 0


def test_a_refused_connection_is_retried_then_reported(tmp_path: Path) -> None:
    import socket

    with socket.socket() as closed:  # a port nobody listens on
        closed.bind(("127.0.0.1", 0))
        port = closed.getsockname()[1]
    target = Target("o1", None, f"http://127.0.0.1:{port}/x", "ทดสอบ", "ทดสอบ", 2567, frozenset({2567}))
    results = []
    check_links([target], results.append, cache=None, settings=FAST)
    assert results[0].codes == ("connection",)
    assert results[0].fetched.attempts == 3
    assert "เชื่อมต่อ" in results[0].message


@pytest.mark.parametrize(
    ("final_url", "redirects"),
    [
        ("https://accounts.google.com/v3/signin/identifier?continue=x", ("https://accounts.google.com/v3/signin",)),
        ("https://login.microsoftonline.com/common/oauth2", ()),
    ],
)
def test_a_share_that_sends_to_sign_in_is_named(final_url: str, redirects: tuple[str, ...]) -> None:
    target = Target("o1", None, "https://drive.google.com/file/d/x/view", "ทดสอบ", "ทดสอบ", 2567, frozenset({2567}))
    fetched = Fetched(target.url, 0.0, final_url=final_url, status=200, redirects=redirects)
    assert judge(target, fetched).codes == ("share-sign-in",)


def test_tls_faults_are_told_apart_in_thai() -> None:
    import ssl

    from itapack.links.fetch import classify

    def fault(text: str) -> str:
        error = ConnectionError("connect failed")
        error.__cause__ = ssl.SSLCertVerificationError(1, text)
        return classify(error)[0]

    assert fault("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed: certificate has expired") == "tls-expired"
    assert fault("certificate verify failed: self-signed certificate") == "tls-self-signed"
    assert fault("certificate verify failed: Hostname mismatch, certificate is not valid for 'x'") == "tls-wrong-name"
    assert fault("certificate verify failed: unable to get local issuer certificate") == "tls-incomplete-chain"
    target = Target("o1", None, "https://a.example/", "ทดสอบ", "ทดสอบ", 2567, frozenset({2567}))
    expired = judge(target, Fetched(target.url, 0.0, error="tls-expired"))
    assert expired.verdict == "broken" and "หมดอายุ" in expired.message


def test_years_in_thai_and_arabic_digits_and_windows() -> None:
    assert years_in("ปีงบประมาณ พ.ศ. ๒๕๖๗ และ 2566, โทร 025671234") == {2567, 2566}
    from datetime import date

    assert accepted_years(2567, None) == {2567}
    assert accepted_years(2567, (date(2023, 10, 1), date(2024, 3, 31))) == {2566, 2567}


def test_items_are_found_whatever_the_spacing_and_numbering() -> None:
    text = "แผนงาน โครงการ / กิจกรรม และ งบ ประมาณ ๒๕๖๗"
    assert missing_items(("(1) โครงการ/กิจกรรม", "2. งบประมาณ", "(3) ผลการดำเนินงาน"), text) == ["(3) ผลการดำเนินงาน"]


def test_a_scanned_pdf_says_what_was_not_checked(tmp_path: Path, server: LocalServer) -> None:
    root = oit_pack(tmp_path / "pack", server, {"scan": "/scan.pdf"})
    results = []
    check_links(targets(load_pack(root)), results.append, cache=None, settings=FAST)
    assert any("ภาพสแกน" in note for note in results[0].unchecked)
    assert any("ปีงบประมาณ" in note for note in results[0].unchecked)


def test_a_self_signed_certificate_is_explained(tmp_path: Path) -> None:
    import ssl
    import subprocess
    import threading

    from .conftest import LocalServer

    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    make = [tool("openssl"), "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-days", "2"]
    subprocess.run(
        [*make, "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    local = LocalServer()
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    local.socket = context.wrap_socket(local.socket, server_side=True)
    thread = threading.Thread(target=local.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        url = f"https://127.0.0.1:{local.server_port}/good"
        target = Target("o1", None, url, "ทดสอบ", "ทดสอบ", 2567, frozenset({2567}))
        results = []
        check_links([target], results.append, cache=None, settings=FAST)
    finally:
        local.shutdown()
        local.server_close()
    assert results[0].codes == ("tls-self-signed",)
    assert results[0].fetched.attempts == 1  # a certificate does not get better by asking again
    assert "ออกเอง" in results[0].message


@pytest.mark.parametrize(
    ("content_type", "meta"),
    [("text/html; charset=TIS-620", ""), ("text/html", "<meta charset='windows-874'>"), ("text/html", "")],
)
def test_thai_pages_in_tis620_are_read(content_type: str, meta: str) -> None:
    from itapack.links import content

    body = f"<html><head>{meta}<title>ประกาศ</title></head><body>ปีงบประมาณ พ.ศ. ๒๕๖๗</body></html>"
    page = content.read(body.encode("cp874"), content_type, truncated=False)
    assert page.title == "ประกาศ"
    assert years_in(page.text or "") == {2567}


def test_a_relative_cache_folder_works_read_only_too(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("ITAPACK_CACHE_DIR", "ที่เก็บ ผล")  # relative, with a space and Thai
    target = Target("o1", None, "http://127.0.0.1:9/x", "ทดสอบ", "ทดสอบ", 2567, frozenset({2567}))
    with Cache() as cache:
        cache.put(Fetched(target.url, 1.0, status=404))
    with Cache(readonly=True) as cache:
        assert cache.get(target.url).status == 404
    assert (tmp_path / "ที่เก็บ ผล" / "links.sqlite3").exists()


def test_many_large_bodies_share_a_few_slots_and_all_finish(tmp_path: Path, server: LocalServer) -> None:
    from itapack.links import fetch

    pages = {f"h{n}": f"/huge?{n}" for n in range(2 * fetch.BIG_BODIES + 1)}  # more than the slots
    root = oit_pack(tmp_path / "pack", server, pages)
    settings = Settings(timeout=5.0, total_timeout=20.0, per_host=32, max_bytes=1_500_000)
    found = verdicts(root, settings=settings)
    assert set(found.values()) == {("ok", ())}
