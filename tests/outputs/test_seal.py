"""A sealed Office file is known as untouched; one saved again by any program is not."""

from __future__ import annotations

import io
import zipfile

from itapack.outputs.seal import is_sealed, sealed_bytes


def office_file(text: str = "<w:document/>") -> bytes:
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("word/document.xml", text)
    return stream.getvalue()


def opened(data: bytes) -> zipfile.ZipFile:
    return zipfile.ZipFile(io.BytesIO(data))


def test_a_sealed_file_reads_as_sealed_and_keeps_its_members() -> None:
    data = sealed_bytes(office_file())
    assert is_sealed(opened(data))
    assert opened(data).read("word/document.xml") == b"<w:document/>"
    assert sealed_bytes(office_file()) == data  # the same file, the same bytes (bundles stay identical)


def test_a_file_saved_again_by_a_program_is_not_sealed() -> None:
    assert not is_sealed(opened(office_file()))  # written anew: no comment at all


def test_a_member_changed_inside_a_sealed_file_breaks_the_seal() -> None:
    original = opened(sealed_bytes(office_file()))
    stream = io.BytesIO()
    with zipfile.ZipFile(stream, "w") as edited:
        edited.writestr("[Content_Types].xml", "<Types/>")
        edited.writestr("word/document.xml", "<w:document>a clerk's paragraph</w:document>")
        edited.comment = original.comment  # a tool that keeps the comment as it was
    assert not is_sealed(opened(stream.getvalue()))
