"""A real HTTP server on 127.0.0.1 serving every kind of page a reviewer meets; nothing leaves the machine."""

from __future__ import annotations

import functools
import gzip
import threading
import time
from collections import Counter
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

FISCAL_YEAR = 2567


def pdf_with_text(text: str) -> bytes:
    """A small, valid one-page PDF whose text layer says `text` (ASCII), with a correct xref table."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode("ascii")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def html(title: str, body: str) -> bytes:
    head = f"<head><meta charset='utf-8'><title>{title}</title></head>"
    return f"<!DOCTYPE html><html>{head}<body>{body}</body></html>".encode()


FILLER = "<p>" + "องค์การบริหารส่วนตำบลทดสอบเผยแพร่ข้อมูลต่อสาธารณะเพื่อความโปร่งใส " * 4 + "</p>"
GOOD = html(
    "แผนปฏิบัติการป้องกันการทุจริต",
    f"<h1>แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. ๒๕๖๗</h1>{FILLER}"
    "<p>(1) โครงการ/กิจกรรม ...</p><p>(2) งบประมาณ ...</p><script>var y = 2566;</script>",
)
LAST_YEAR = html("แผนปฏิบัติการ", f"<h1>แผนปฏิบัติการป้องกันการทุจริต ประจำปีงบประมาณ พ.ศ. 2566</h1>{FILLER}")
SOFT_404 = html("ขออภัย", "<h1>ขออภัย ไม่พบหน้าที่คุณต้องการ</h1><p>กรุณาตรวจสอบที่อยู่อีกครั้ง</p>")
LOGIN = html(
    "เข้าสู่ระบบ",
    "<form action='/login' method='post'><input name='user'><input type='password' name='pass'>"
    "<button>เข้าสู่ระบบ</button></form>",
)
CAPTCHA = html("ตรวจสอบ", "<p>โปรดยืนยันก่อนเข้าชม</p><div class='g-recaptcha' data-sitekey='x'></div>")
SHARE = html("Google Drive", "<p>You need access</p><p>Request access, or switch to an account with access.</p>")
EMPTY = html("", "<div id='app'></div>")
GOOD_PDF = pdf_with_text(f"Annual anti-corruption plan fiscal year {FISCAL_YEAR}")


@functools.cache
def gzip_bomb() -> bytes:
    return gzip.compress(b"<html><body><p>" + b" " * (100 << 20), 9)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: LocalServer

    def log_message(self, format: str, *args: object) -> None:  # quiet test output
        pass

    def send(self, status: int, body: bytes = b"", content_type: str = "text/html; charset=utf-8", **headers: str):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        path = self.path
        self.server.hits[path] += 1
        self.server.user_agents.add(self.headers.get("User-Agent", ""))
        hits = self.server.hits[path]
        if path in ("/good", "/hop3"):
            self.send(200, GOOD)
        elif path == "/good.pdf":
            self.send(200, GOOD_PDF, "application/pdf")
        elif path == "/last-year.pdf":
            self.send(
                200, pdf_with_text(f"Annual anti-corruption plan fiscal year {FISCAL_YEAR - 1}"), "application/pdf"
            )
        elif path == "/scan.pdf":
            self.send(200, pdf_with_text(""), "application/pdf")
        elif path == "/missing":
            self.send(404, html("404", "Not Found"))
        elif path == "/flaky":
            self.send(500, b"oops") if hits == 1 else self.send(200, GOOD)
        elif path == "/busy":
            self.send(429, b"slow down", Retry_After="0") if hits == 1 else self.send(200, GOOD)
        elif path == "/busy-odd":  # a Retry-After no one could read: "²" passes str.isdigit()
            self.send(429, b"slow down", Retry_After="\u00b2") if hits == 1 else self.send(200, GOOD)
        elif path == "/to-bad-port":
            self.send(302, location="http://127.0.0.1:99999/good")
        elif path == "/forbidden":
            self.send(403, b"no")
        elif path == "/down":
            self.send(503, b"down")
        elif path.startswith("/hop"):
            self.send(302, location=f"/hop{int(path[4:]) + 1}")
        elif path == "/loop-a":
            self.send(301, location="/loop-b")
        elif path == "/loop-b":
            self.send(301, location=f"http://127.0.0.1:{self.server.server_port}/loop-a")
        elif path == "/slow":
            time.sleep(5)
            self.send(200, GOOD)
        elif path == "/soft404":
            self.send(200, SOFT_404)
        elif path == "/meta-refresh":
            self.send(200, html("", "<meta http-equiv='refresh' content='0; url=/hop3'>"))
        elif path == "/script-only":
            self.send(200, html("", "<div id='app'></div><script>render()</script>"))
        elif path == "/login":
            self.send(200, LOGIN)
        elif path == "/members":
            self.send(302, location="/login")
        elif path == "/captcha":
            self.send(200, CAPTCHA)
        elif path == "/share":
            self.send(200, SHARE)
        elif path == "/empty":
            self.send(200, EMPTY)
        elif path == "/last-year":
            self.send(200, LAST_YEAR)
        elif path == "/fake.pdf":
            self.send(200, GOOD, "application/pdf")
        elif path == "/page.pdf":
            self.send(200, GOOD)
        elif path == "/pdf-as-html":
            self.send(200, GOOD_PDF, "text/html")
        elif path == "/page-as-download":
            self.send(200, GOOD, "application/octet-stream")
        elif path == "/etag":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send_response(304)
                self.send_header("ETag", '"v1"')
                self.end_headers()
            else:
                self.send(200, GOOD, ETag='"v1"')
        elif path == "/gzip-bomb":  # 100 MB of a page in about 100 KB
            self.send(200, gzip_bomb(), Content_Encoding="gzip")
        elif path == "/bad-gzip":
            self.send(200, b"this is not gzip at all", Content_Encoding="gzip")
        elif path.startswith("/huge"):
            self.huge()
        else:
            self.send(404, b"")

    def huge(self) -> None:
        """50 MB of a page that starts well, chunked, so only a client that stops early finishes fast."""
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        chunk = b"<p>" + "ปีงบประมาณ 2567 ".encode() * 4000 + b"</p>"
        try:
            self.wfile.write(b"%x\r\n%s\r\n" % (len(GOOD), GOOD))
            for _ in range(50_000_000 // len(chunk)):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
                self.server.huge_sent += len(chunk)
            self.wfile.write(b"0\r\n\r\n")
        except OSError:  # the client stopped reading, as it should
            self.close_connection = True


class LocalServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.hits: Counter[str] = Counter()
        self.user_agents: set[str] = set()
        self.huge_sent = 0

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a client that hangs up early (the timeout, the cap) is what some tests ask for

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server_port}{path}"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    local = LocalServer()
    thread = threading.Thread(target=local.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield local
    finally:
        local.shutdown()
        local.server_close()


@pytest.fixture(autouse=True)
def no_proxy_and_own_cache(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Requests to 127.0.0.1 go there directly, and the cache is a fresh temporary folder."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("NO_PROXY", "127.0.0.1,localhost")
    monkeypatch.setenv("ITAPACK_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
