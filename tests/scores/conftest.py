"""Seed 001 as data: Samut Prakan's FY 2565 results and its FY 2566 measures, in a pack written inline."""

from __future__ import annotations

from pathlib import Path

import pytest

from ..conftest import write_pack

PREVIOUS_RESULTS = """\
  results:
    total: 95.03
    grade: AA
    iit: 93.15
    eit: 91.94
    indicators:
      "1": 95.43
      "2": 91.23
      "3": 94.08
      "4": 91.22
      "5": 93.80
      "6": 94.35
      "7": 90.65
      "8": 90.81
      "9": 87.50
      "10": 100.00
    questions:
      I19: {score: 98.66, answers: [96.40, 3.15, 0.45, 0.00]}
      E1:
        score: 91.43
        rows:
          - {text: เป็นไปตามขั้นตอนที่กำหนด, score: 91.93, answers: [0.33, 1.00, 21.40, 77.26]}
          - {text: เป็นไปตามระยะเวลาที่กำหนด, score: 90.93, answers: [0.33, 1.34, 23.75, 74.58]}
      E2: {score: 91.93}
"""

MEASURES_PACK = (
    """\
itapack: 2
fiscal_year: 2566
organisation: {kind: province, name: จังหวัดสมุทรปราการ}
province: สมุทรปราการ
office: สำนักงานจังหวัดสมุทรปราการ
title: มาตรการส่งเสริมความโปร่งใสภายในหน่วยงานจังหวัดสมุทรปราการ
scoring: checklist
# seed 001 names the two lowest indicators of each instrument; IIT's are to be fixed first
weak_points: {below: total, most: 2, urgent: [iit]}
previous:
  fiscal_year: 2565
"""
    + PREVIOUS_RESULTS
    + """\
report:
  thai_digits: false
"""
)

OWNER = "หัวหน้าส่วนราชการ/หัวหน้าหน่วยงาน หรือเจ้าหน้าที่ผู้รับผิดชอบในงานนั้น"
REPORTING = "รายงานผลการดำเนินงานให้จังหวัดสมุทรปราการทราบภายในเดือนมีนาคม 2566"

MEASURES_SECTIONS = f"""\
sections:
  - title: มาตรการส่งเสริมคุณธรรมและความโปร่งใส
    documents:
      - id: m1
        title: การจัดทำแผนการใช้จ่ายงบประมาณประจำปีและการสร้างการรับรู้การใช้งบประมาณของหน่วยงาน
        items:
          - จัดทำแผนการใช้จ่ายงบประมาณประจำปี ระบุแผนงาน/โครงการ งบประมาณ และระยะเวลาให้ครบถ้วน
          - เผยแพร่ให้บุคลากรในหน่วยงานทราบโดยทั่วกัน และอธิบายรายละเอียดให้เข้าใจ
        note: {REPORTING}
        owner: {OWNER}
        due: 2566-03-31
      - id: m2
        title: การกำหนดหลักเกณฑ์การใช้ทรัพย์สินของราชการและการสร้างการรับรู้
        items:
          - จัดทำขั้นตอน/แนวทางการขออนุญาตยืมทรัพย์สินของราชการไปใช้ปฏิบัติงาน
          - ประกาศให้บุคลากรทั้งในและนอกหน่วยงานทราบ และไม่นำทรัพย์สินของราชการไปใช้ประโยชน์ส่วนตัว
        note: {REPORTING}
        owner: {OWNER}
        due: 2566-03-31
      - id: m3
        title: การเปิดเผยข้อมูลข่าวสารและการเพิ่มประสิทธิภาพการสื่อสาร
        items:
          - เผยแพร่ข้อมูลข่าวสารผ่านช่องทางที่หลากหลาย เช่น เว็บไซต์ Facebook Youtube สื่อวิทยุ แผ่นพับ
          - ให้บุคลากรศึกษาระเบียบกฎหมายและข้อมูลของจังหวัด เพื่อตอบคำถามผู้รับบริการได้ชัดเจน
        note: {REPORTING}
        owner: {OWNER}
        due: 2566-03-31
      - id: m4
        title: การพัฒนา/ปรับปรุงคุณภาพในการทำงาน
        items:
          - ปรับปรุงวิธีการและขั้นตอนการดำเนินงาน อบรมบุคลากร ประชุมทบทวนผลการดำเนินงานทุกเดือน
          - เปิดโอกาสให้ผู้มารับบริการมีส่วนร่วมผ่านตู้แสดงความคิดเห็น เว็บบอร์ด
        note: {REPORTING}
        owner: {OWNER}
        due: 2566-03-31
      - id: m5
        title: การแต่งตั้งคณะกรรมการขับเคลื่อนการประเมิน ITA
        items:
          - แต่งตั้งคณะกรรมการขับเคลื่อนการประเมิน ITA โดยมีรองผู้ว่าราชการจังหวัดเป็นประธาน
          - กำกับดูแลการรวบรวมข้อมูล IIT EIT และจัดทำข้อมูล OIT
        owner: สำนักงานจังหวัดสมุทรปราการ
        due: 2566-03-31
"""

# The same FY 2566 results three ways, for the import tests (values of FY 2565, as the seed has them).
RESULTS_CSV = """\
ตัวชี้วัด,คะแนน,หัวข้อการประเมิน,น้อยที่สุดหรือไม่มีเลย,น้อย,มาก,มากที่สุด
คะแนนรวม,95.03,,,,,
ระดับ,AA,,,,,
IIT,93.15,,,,,
EIT,91.94,,,,,
1,95.43,,,,,
2,91.23,,,,,
3,94.08,,,,,
4,91.22,,,,,
5,93.80,,,,,
6,94.35,,,,,
7,90.65,,,,,
8,90.81,,,,,
9,87.50,,,,,
10,100.00,,,,,
I19,98.66,,96.40%,3.15%,0.45%,0.00%
E1,91.43,,,,,
E1.1,91.93,เป็นไปตามขั้นตอนที่กำหนด,0.33%,1.00%,21.40%,77.26%
E1.2,90.93,เป็นไปตามระยะเวลาที่กำหนด,0.33%,1.34%,23.75%,74.58%
E2,91.93,,,,,
"""


@pytest.fixture
def measures_pack(tmp_path: Path) -> Path:
    return write_pack(
        tmp_path / "measures-2566",
        pack=MEASURES_PACK,
        levels=MEASURES_SECTIONS,
        units=None,
        structure_file="sections.yaml",
    )
