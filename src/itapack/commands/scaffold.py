"""`itapack scaffold`: the evidence folders the pack expects, each with a README.txt."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from ..i18n import _
from .options import PackArgument
from .running import handles_errors, say

if TYPE_CHECKING:
    pass

HELP = _(
    "สร้างโฟลเดอร์หลักฐานที่ชุดเอกสารต้องการ แต่ละโฟลเดอร์มี README.txt บอกว่าต้องวางอะไร\n\n"
    "โฟลเดอร์ที่ใช้อยู่แล้วคงไว้ตามเดิม ไม่ลบและไม่เขียนทับไฟล์ของใคร โฟลเดอร์ที่มีแค่ README.txt "
    "เปลี่ยนชื่อตามชื่อเอกสารปัจจุบัน รันซ้ำได้ทุกเมื่อ"
)


@handles_errors
def scaffold(
    pack: PackArgument = Path("."),
    prune: Annotated[
        bool,
        typer.Option("--prune", help=_("ลบโฟลเดอร์ที่ไม่มีเอกสารข้อใดใช้และมีแค่ README.txt ที่ itapack เขียนไว้")),
    ] = False,
) -> None:
    """Create the evidence folders the pack expects, each with a README.txt saying what goes there.

    Folders already in use are kept as they are; nothing is deleted or overwritten. Run it again
    at any time.
    """
    from ..check import check as run_check
    from ..pack.loader import load_pack
    from ..year.scaffold import scaffold as make_folders

    loaded = load_pack(pack)
    outcome = make_folders(loaded, run_check(loaded), prune=prune)
    for folder in outcome.outside:
        say(
            "itapack: "
            + _("ไม่ได้สร้าง {folder}/ เพราะทางไปผ่านลิงก์ที่ชี้ออกนอกชุดเอกสาร ตรวจลิงก์นั้น หรือสร้างโฟลเดอร์เอง").format(folder=folder)
        )
    for old, new in outcome.renamed:
        print(_("เปลี่ยนชื่อโฟลเดอร์ตามชื่อเอกสารปัจจุบัน: {old} -> {new}").format(old=old, new=new))
    for folder in outcome.pruned:
        print(_("ลบโฟลเดอร์ที่ไม่มีเอกสารข้อใดใช้: {folder}").format(folder=folder))
    orphans = [folder for folder in outcome.orphans if folder not in outcome.pruned]
    if orphans:
        print(
            _("โฟลเดอร์ที่ไม่มีเอกสารข้อใดใช้ (มีแค่ README.txt) {count} โฟลเดอร์ ลบได้ด้วย itapack scaffold --prune:").format(
                count=len(orphans)
            )
        )
        for folder in orphans:
            print(f"  {folder}")
    print(
        _("{pack}: สร้างโฟลเดอร์ {created} โฟลเดอร์ เขียน README.txt {readmes} ไฟล์; มีอยู่แล้ว {existing} โฟลเดอร์").format(
            pack=loaded.root, created=len(outcome.created), readmes=len(outcome.readmes), existing=outcome.existing
        )
    )


def register(app: typer.Typer) -> None:
    app.command(help=HELP)(scaffold)
