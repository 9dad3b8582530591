"""``tipline export ncmec``: a stored report written out as CyberTipline XML in a folder.

OUT/report.xml, OUT/files/NNN-REF.xml (one fileDetails each) and OUT/manifest.json (the files in order,
and whether their bytes are to be uploaded). With ``evidence`` the decrypted bytes of each received file
are written as OUT/files/NNN-REF.bin: that folder then holds evidence and must be handled as such.
"""

from __future__ import annotations

import json
import uuid
from dataclasses import dataclass
from pathlib import Path

from tipline.context import Context
from tipline.ncmec import service
from tipline.ncmec.xml_out import export_report


@dataclass(frozen=True)
class Written:
    report_id: str
    files: int
    evidence_files: int
    ncmec_number: int


def write_export(
    ctx: Context, report_id: uuid.UUID, out: Path, *, extensions: bool, evidence: bool
) -> Written:
    with ctx.unit() as session:
        found = service.for_export(session, ctx.keyring, report_id)
    export = export_report(found.content, extensions=extensions)
    (out / "files").mkdir(parents=True, exist_ok=True)
    (out / "report.xml").write_bytes(export.report_xml)
    manifest = []
    written_evidence = 0
    for i, f in enumerate(export.files, start=1):
        stem = f"{i:03d}-{f.ref}"
        (out / "files" / f"{stem}.xml").write_bytes(f.details_xml)
        entry: dict[str, object] = {"ref": f.ref, "details": f"files/{stem}.xml", "upload": f.upload}
        blob_id = found.blobs.get(f.ref)
        if evidence and blob_id is not None:
            with (out / "files" / f"{stem}.bin").open("wb") as sink:
                for chunk in ctx.blobs.open(blob_id):
                    sink.write(chunk)
            entry["bytes"] = f"files/{stem}.bin"
            written_evidence += 1
        manifest.append(entry)
    (out / "manifest.json").write_text(
        json.dumps({"report": "report.xml", "files": manifest}, indent=2) + "\n"
    )
    return Written(str(report_id), len(export.files), written_evidence, service.number_of(report_id))
