"""The results of earlier link checks, by address, in one SQLite file in the user's cache folder.

It keeps what a re-check needs (ETag, Last-Modified) and what a report needs (status, hops, the
page's text, compressed), so `--offline` and `check --links` can judge again without fetching.
ITAPACK_CACHE_DIR moves it (tests, CI); otherwise it is the platform's cache folder.
"""

from __future__ import annotations

import json
import sqlite3
import stat
import time
import zlib
from pathlib import Path

from ..errors import OutputError
from ..i18n import N_, _
from ..userdirs import cache_folder
from . import content
from .fetch import Fetched

FILE_NAME = "links.sqlite3"
BUSY_SECONDS = 60  # how long a run waits for another run's batch to be written
BATCH = 200  # rows written in one short transaction
KEEP_SECONDS = 400 * 86400  # a result older than a fiscal year and a bit is of no use: dropped on opening
SCHEMA = """
CREATE TABLE IF NOT EXISTS fetched (
    url TEXT PRIMARY KEY,
    checked_at REAL NOT NULL,
    facts TEXT NOT NULL,
    text BLOB
)
"""


SAVE_FAILED = N_("บันทึกผลการตรวจลิงก์ลง {path} ไม่ได้ ({error})")


class Cache:
    """Shared by every run on the machine: two `links` at once both read, and take turns to write.
    Rows wait in memory and go in by the batch, each batch one short transaction, so that the write
    lock is never held across a page being fetched; a run that finds it taken waits (BUSY_SECONDS)."""

    def __init__(self, path: Path | None = None, *, readonly: bool = False) -> None:
        self.path = (path or cache_folder() / FILE_NAME).absolute()  # a file: URI needs an absolute path
        self.pending: dict[str, tuple[str, float, str, bytes | None]] = {}
        self.db: sqlite3.Connection | None = None
        if not _usable(self.path):  # opening a FIFO would wait for a writer that never comes
            raise OutputError(
                _(
                    "ที่เก็บผลการตรวจลิงก์ {path} ไม่ใช่ไฟล์ธรรมดา (เป็นไปป์หรืออุปกรณ์) ลบออก หรือตั้ง ITAPACK_CACHE_DIR เป็นโฟลเดอร์อื่น"
                ).format(path=self.path)
            )
        try:
            if readonly:
                if not self.path.exists():
                    return
                self.db = sqlite3.connect(f"{self.path.as_uri()}?mode=ro", uri=True, timeout=BUSY_SECONDS)
            else:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                # Autocommit: every transaction is the explicit, short one of _flush().
                self.db = sqlite3.connect(self.path, timeout=BUSY_SECONDS, isolation_level=None)
                self.db.execute(f"PRAGMA busy_timeout = {BUSY_SECONDS * 1000}")
                self.db.execute("PRAGMA journal_mode=WAL")
                self.db.execute(SCHEMA)
                self.db.execute("DELETE FROM fetched WHERE checked_at < ?", (time.time() - KEEP_SECONDS,))
        except (OSError, sqlite3.Error) as error:
            if self.db is not None:
                self.db.close()
                self.db = None
            raise OutputError(
                _("เปิดที่เก็บผลการตรวจลิงก์ {path} ไม่ได้ ({error}); ตั้ง ITAPACK_CACHE_DIR เป็นโฟลเดอร์ที่เขียนได้").format(
                    path=self.path, error=error
                )
            ) from None

    def __enter__(self) -> Cache:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self.db is not None:
            self.commit()
            self.db.close()
            self.db = None

    def get(self, url: str) -> Fetched | None:
        if url in self.pending:
            return _load(*self.pending[url])
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT checked_at, facts, text FROM fetched WHERE url = ?", (url,)).fetchone()
        except sqlite3.Error:  # a cache from another version, or none yet: nothing known
            return None
        return None if row is None else _load(url, *row)

    def checked_at(self, url: str) -> float | None:
        """When url was last checked, without reading its text."""
        if url in self.pending:
            return self.pending[url][1]
        if self.db is None:
            return None
        try:
            row = self.db.execute("SELECT checked_at FROM fetched WHERE url = ?", (url,)).fetchone()
        except sqlite3.Error:
            return None
        return None if row is None else row[0]

    def put(self, fetched: Fetched) -> None:
        assert self.db is not None
        text = fetched.page.text if fetched.page is not None else None
        blob = zlib.compress(text.encode("utf-8"), 6) if text else None
        facts = json.dumps(_facts(fetched), ensure_ascii=False)
        self.pending[fetched.url] = (fetched.url, fetched.checked_at, facts, blob)
        if len(self.pending) >= BATCH:  # one transaction per page would be the slowest part of a run
            self.commit()

    def commit(self) -> None:
        if self.db is None or not self.pending:
            return
        try:
            self.db.execute("BEGIN IMMEDIATE")  # the write lock now, or wait for it: never a deadlock later
            try:
                self.db.executemany(
                    "INSERT OR REPLACE INTO fetched (url, checked_at, facts, text) VALUES (?, ?, ?, ?)",
                    self.pending.values(),
                )
                self.db.execute("COMMIT")
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            raise OutputError(_(SAVE_FAILED).format(path=self.path, error=error)) from None
        self.pending.clear()


def _usable(path: Path) -> bool:
    """Absent, or a regular file: what SQLite can open without blocking. A path that cannot even be
    looked at is left to the opening, which says why."""
    try:
        return stat.S_ISREG(path.stat().st_mode)
    except OSError:
        return True


def _facts(fetched: Fetched) -> dict[str, object]:
    page = fetched.page
    return {
        "final_url": fetched.final_url,
        "status": fetched.status,
        "content_type": fetched.content_type,
        "size": fetched.size,
        "truncated": fetched.truncated,
        "redirects": list(fetched.redirects),
        "error": fetched.error,
        "error_detail": fetched.error_detail,
        "etag": fetched.etag,
        "last_modified": fetched.last_modified,
        "attempts": fetched.attempts,
        "page": None
        if page is None
        else {
            "kind": page.kind,
            "has_text": page.text is not None,
            "title": page.title,
            "password_field": page.password_field,
            "markers": list(page.markers),
            "notes": list(page.notes),
            "scripts": page.scripts,
        },
    }


def _load(url: str, checked_at: float, facts_json: str, blob: bytes | None) -> Fetched | None:
    try:
        facts = json.loads(facts_json)
        page = facts["page"]
        text = zlib.decompress(blob).decode("utf-8") if blob else ("" if page and page["has_text"] else None)
        return Fetched(
            url,
            checked_at,
            final_url=facts["final_url"],
            status=facts["status"],
            content_type=facts["content_type"],
            size=facts["size"],
            truncated=facts["truncated"],
            redirects=tuple(facts["redirects"]),
            error=facts["error"],
            error_detail=facts["error_detail"],
            etag=facts["etag"],
            last_modified=facts["last_modified"],
            attempts=facts["attempts"],
            page=None
            if page is None
            else content.Page(
                kind=page["kind"],
                text=text,
                title=page["title"],
                password_field=page["password_field"],
                markers=tuple(page["markers"]),
                notes=tuple(page["notes"]),
                scripts=page.get("scripts", False),
            ),
        )
    except (ValueError, KeyError, TypeError, zlib.error):  # written by another version: treat as unknown
        return None
