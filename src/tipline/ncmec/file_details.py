"""``<fileDetails>`` into the fields of a file declaration (docs/ncmec-xml.md, "Mapping: fileDetails")."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from tipline.ncmec import spec
from tipline.ncmec.reading import (
    Limits,
    attr,
    clean,
    device_id,
    every,
    first,
    flags_of,
    ip_event,
    one,
    ordered,
    to_model,
    unread,
    val,
    vals,
)
from tipline.ncmec.safexml import Node, parse
from tipline.ncmec.structure import FILE_DETAILS
from tipline.reports.schemas import FileDeclaration


@dataclass(frozen=True)
class FileInfo:
    """A parsed ``<fileDetails>``: which report and file, the declaration's fields, unread parts."""

    report_number: int
    file_id: str
    fields: dict[str, Any]
    hashes: dict[str, Any] | None
    unmapped: list[dict[str, str]]


def file_info_from_xml(raw: bytes, limits: Limits) -> FileInfo:
    root = spec.validate(
        parse(raw, max_depth=limits.max_depth, max_elements=limits.max_elements), FILE_DETAILS
    )
    root.used = True
    file_id = val(root, "fileId")
    relevance = val(root, "fileRelevance")
    annotations = flags_of(one(root, "fileAnnotations"), spec.FILE_ANNOTATIONS)
    if val(root, "potentialMeme") and "potential_meme" not in annotations:
        annotations.append("potential_meme")
    hashes_node = one(root, "tl:hashes")
    fields = clean(
        {
            "filename": val(root, "fileName"),
            "original_filename": val(root, "originalFileName"),
            "media_type": val(root, "tl:mediaType"),
            "size": val(root, "tl:size"),
            "original_hashes": _original_hashes(root) or None,
            "annotations": ordered(annotations, vals(root, "tl:annotation")),
            "industry_classification": val(root, "industryClassification"),
            "viewed_by_provider": val(root, "fileViewedByEsp"),
            "exif_viewed_by_provider": val(root, "exifViewedByEsp"),
            "publicly_available": val(root, "publiclyAvailable"),
            "relevance": None if relevance is None else spec.RELEVANCE[relevance],
            "uploaded_at": val(root, "uploadedToEspTimestamp"),
            "location_url": val(root, "locationOfFile"),
            "uploader_ref": val(root, "tl:uploaderRef"),
            "upload_ip_event": None if (ip := one(root, "ipCaptureEvent")) is None else ip_event(ip),
            "device_ids": [device_id(d) for d in every(root, "deviceId")],
            "details": _details(root),
            "additional_info": "\n\n".join(vals(root, "additionalInfo")) or None,
        }
    )
    hashes = None
    if hashes_node is not None:
        hashes = clean(
            {
                k: attr(hashes_node, a)
                for k, a in (
                    ("md5", "md5"),
                    ("sha1", "sha1"),
                    ("sha256", "sha256"),
                    ("pdq", "pdq"),
                    ("pdq_quality", "pdqQuality"),
                )
            }
        )
    report_number = val(root, "reportId")
    where = {"": root.path}
    probe = {"ref": file_id, "bytes_to_follow": True, **fields}
    if hashes:
        probe["hashes"] = hashes
    to_model(FileDeclaration, probe, where, root.path)
    return FileInfo(report_number, file_id, fields, hashes, unread(root))


_HASH_TYPES = {"MD5": "md5", "SHA1": "sha1", "SHA-1": "sha1", "SHA256": "sha256", "SHA-256": "sha256"}


def _original_hashes(root: Node) -> dict[str, str]:
    out: dict[str, str] = {}
    for n in root.children:
        if n.tag == "originalFileHash":
            key = _HASH_TYPES.get(str(n.avalues.get("hashType", "")).upper())
            if key is not None and key not in out:
                n.used = True
                n.used_attrs.add("hashType")
                out[key] = n.value
    return out


def _details(root: Node) -> list[dict[str, Any]]:
    out = []
    for group in every(root, "details"):
        group_type = attr(group, "type")
        for pair in every(group, "nameValuePair"):
            kind = first(attr(pair, "type"), group_type)
            out.append(
                {
                    "type": spec.DETAIL_TYPES.get(str(kind).upper(), "other"),
                    "name": val(pair, "name"),
                    "value": val(pair, "value"),
                }
            )
    return out
