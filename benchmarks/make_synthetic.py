"""Write a synthetic pack of any size: N units x M per-unit documents, one or two files each.

The national case is the default: 8,303 bodies (ITA 2565) x 40 documents, 394,412 files in
328,738 folders. Names are Thai, as clerks write them; files are small real PDFs and JPEGs.

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

# Files that open: a one-page PDF (cross-reference table and all) and a 1x1 grey JPEG, as the
# check reads them (its trailer, catalogue and page count; the image's header and dimensions).
PDF = (
    b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n"
    b"2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n"
    b"3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>\nendobj\n"
    b"xref\n0 4\n0000000000 65535 f \n0000000015 00000 n \n0000000064 00000 n \n0000000121 00000 n \n"
    b"trailer\n<< /Size 4 /Root 1 0 R >>\nstartxref\n192\n%%EOF\n"
)
JPG = bytes.fromhex(
    "ffd8ffe000104a46494600010100000100010000ffdb004300100b0c0e0c0a100e0d0e1211101318281a181616183123251d28"
    "3a333d3c3933383740485c4e404457453738506d51575f626768673e4d71797064785c656763ffc0000b080001000101011100"
    "ffc4001f0000010501010101010100000000000000000102030405060708090a0bffc400b51000020103030204030505040400"
    "00017d01020300041105122131410613516107227114328191a1082342b1c11552d1f02433627282090a161718191a25262728"
    "292a3435363738393a434445464748494a535455565758595a636465666768696a737475767778797a838485868788898a9293"
    "9495969798999aa2a3a4a5a6a7a8a9aab2b3b4b5b6b7b8b9bac2c3c4c5c6c7c8c9cad2d3d4d5d6d7d8d9dae1e2e3e4e5e6e7e8"
    "e9eaf1f2f3f4f5f6f7f8f9faffda0008010100003f002bffd9"
)
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
