"""Write a synthetic pack of any size: N units x M per-unit documents, one or two files each.

The national case is the default: 8,303 bodies (ITA 2565) x 40 documents, 394,412 files in
328,738 folders. Names are Thai, as clerks write them; files are small real PDF and JPEG headers.

    python benchmarks/make_synthetic.py /tmp/ita-national                 # national
    python benchmarks/make_synthetic.py /tmp/ita-province --units 80      # one province

Every fifth unit has a second file per document; every 97th requirement is left missing, so the
check has something to report. The output is the same for the same arguments.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
JPG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00\xff\xd9"
LEVELS = 5


def unit_name(index: int) -> str:
    return f"องค์การบริหารส่วนตำบลทดสอบ {index:05d}"


def document_id(index: int, documents: int) -> str:
    per_level = -(-documents // LEVELS)
    return f"{index // per_level + 1}.{index % per_level + 1}"


def write_yaml(root: Path, units: int, documents: int) -> None:
    (root / "pack.yaml").write_text(
        "itapack: 1\nfiscal_year: 2567\nprovince: ทดสอบ\noffice: สำนักงานทดสอบ\nevidence: evidence\n",
        encoding="utf-8",
    )
    ids = [document_id(i, documents) for i in range(documents)]
    lines = ["levels:"]
    for level in range(1, LEVELS + 1):
        lines += [f"  - number: {level}", "    criteria:", f"      - text: เกณฑ์ระดับ {level}", "    documents:"]
        lines += [
            f"      - {{id: {doc}, title: เอกสารหลักฐานข้อ {doc}, per_unit: [sao]}}"
            for doc in ids
            if doc.split(".")[0] == str(level)
        ]
    (root / "levels.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    units_yaml = ["kinds:", "  - {id: sao, name: องค์การบริหารส่วนตำบล, short: อบต.}", "units:"]
    units_yaml += [f"  - {{id: u{i:05d}, name: {unit_name(i)}, kind: sao}}" for i in range(1, units + 1)]
    (root / "units.yaml").write_text("\n".join(units_yaml) + "\n", encoding="utf-8")


def write_evidence(root: Path, units: int, documents: int) -> int:
    evidence = root / "evidence"
    evidence.mkdir()
    files = 0
    requirement = 0
    for index in range(documents):
        doc = document_id(index, documents)
        folder = evidence / f"{doc} เอกสารหลักฐานข้อ {doc}"
        folder.mkdir()
        for unit in range(1, units + 1):
            requirement += 1
            if requirement % 97 == 0:
                continue  # missing
            unit_folder = os.path.join(folder, unit_name(unit))
            os.mkdir(unit_folder)
            files += _write(os.path.join(unit_folder, "หลักฐาน 1.pdf"), PDF)
            if unit % 5 == 0:
                files += _write(os.path.join(unit_folder, "ภาพประกอบ 2.jpg"), JPG)
    return files


def _write(path: str, data: bytes) -> int:
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
    try:
        os.write(handle, data)
    finally:
        os.close(handle)
    return 1


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("target", type=Path, help="a new folder for the pack")
    parser.add_argument("--units", type=int, default=8303, help="units (default 8303, the national case)")
    parser.add_argument("--documents", type=int, default=40, help="per-unit documents (default 40)")
    args = parser.parse_args(argv)
    if args.target.exists():
        print(f"{args.target} exists; give a new folder", file=sys.stderr)
        return 2
    started = time.perf_counter()
    args.target.mkdir(parents=True)
    write_yaml(args.target, args.units, args.documents)
    files = write_evidence(args.target, args.units, args.documents)
    elapsed = time.perf_counter() - started
    print(f"{args.target}: {args.units} units x {args.documents} documents, {files:,} files, {elapsed:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
