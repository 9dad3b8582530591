"""Report payloads for tests: one rich report using every part of the schema, and small variants."""

from __future__ import annotations

import copy
import io
import random
from typing import Any

from PIL import Image, ImageDraw

RICH: dict[str, Any] = {
    "schema_version": "1.0",
    "provider_report_id": "rich-1",
    "submitted_at": "2026-03-01T10:00:00Z",
    "signature": {"algorithm": "ed25519", "key_id": "k1", "value": "c2lnbmF0dXJl"},
    "legal_representative": {
        "name": "Example EU Rep",
        "email": "rep@example.eu",
        "address": {"city": "Dublin", "country": "ie"},
    },
    "legal_basis": "eu_csa_regulation",
    "incident": {
        "categories": ["known_material", "solicitation"],
        "ncmec_types": ["child_pornography", "online_enticement"],
        "time": "2026-02-28T21:15:00+01:00",
        "time_description": "evening",
    },
    "service": {"name": "Example Chat", "type": "messaging", "url": "https://chat.example"},
    "detection": {"basis": ["hash_match", "user_report"], "detail": "industry list v12"},
    "flags": {
        "urgent": True,
        "urgent_reason": "the adult plans to meet the child on Saturday",
        "content_removed": True,
        "content_removed_at": "2026-03-01T09:00:00Z",
        "account_disabled": True,
        "account_disabled_at": "2026-03-01T09:05:00Z",
        "reported_elsewhere": [{"authority": "NCMEC", "country": "US", "reference": "CT-123456"}],
    },
    "annotations": ["minor_to_minor"],
    "reported_persons": [
        {
            "ref": "suspect",
            "provider_user_id": "u-1001",
            "service": "Example Chat",
            "screen_name": "sunny_day",
            "display_names": ["Sunny"],
            "emails": [{"address": "Sunny.Day@example.com", "verified": True}],
            "phones": [{"number": "0151 2345678", "country_calling_code": "+49"}],
            "date_of_birth": "1990-05-01",
            "sex": "male",
            "addresses": [{"city": "Köln", "country": "DE"}],
            "estimated_location": {"city": "Köln", "country_code": "DE", "verified": False},
            "ip_events": [
                {
                    "ip": "84.128.1.2",
                    "port": 51234,
                    "event": "upload",
                    "at": "2026-02-28T21:14:00Z",
                    "possible_proxy": False,
                },
                {"ip": "2001:db8::1", "event": "login"},
            ],
            "device_ids": [{"type": "IMEI", "value": "490154203237518", "event": "login"}],
            "prior_reports": [{"system": "ncmec", "id": "CT-99"}],
            "associated_accounts": [{"account_type": "linked", "screen_name": "sunny_2"}],
            "account_status": {"permanently_disabled": True, "disabled_at": "2026-03-01T09:05:00Z"},
        }
    ],
    "victims": [{"ref": "child", "age": 13, "sex": "female", "estimated_location": {"country_code": "DE"}}],
    "intended_recipients": [{"ref": "recipient", "screen_name": "friend_x"}],
    "files": [
        {
            "ref": "f1",
            "filename": "a.jpg",
            "media_type": "image/jpeg",
            "hashes": {
                "md5": "0" * 32,
                "sha1": "1" * 40,
                "sha256": "2" * 64,
                "pdq": "3" * 64,
                "pdq_quality": 90,
            },
            "annotations": ["viral"],
            "industry_classification": "B2",
            "viewed_by_provider": True,
            "uploader_ref": "suspect",
            "upload_ip_event": {"ip": "84.128.1.2", "port": 51234, "event": "upload"},
            "details": [{"type": "exif", "name": "Model", "value": "Phone"}],
        },
    ],
    "texts": [
        {
            "kind": "description",
            "language": "en",
            "content": "User sent images to a minor.",
            "author_ref": "suspect",
        },
        {
            "kind": "chat_excerpt",
            "language": "de",
            "messages": [
                {
                    "sender_ref": "suspect",
                    "sent_at": "2026-02-28T21:00:00Z",
                    "text": "Ich komme am Samstag in deine Stadt.",
                }
            ],
        },
    ],
    "internet_details": [{"kind": "chat_im", "chat_client": "Example Chat"}],
    "reporter": {"name": "Trust & Safety", "email": "tns@example.com"},
    "law_enforcement": {"agency_name": "Example Police", "case_number": "A-1"},
    "additional_info": "none",
    "extensions": {"vendor_score": 0.97},
}


def rich(**overrides: Any) -> dict[str, Any]:
    payload = copy.deepcopy(RICH)
    payload.update(overrides)
    return payload


def minimal(provider_report_id: str = "min-1", **overrides: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "provider_report_id": provider_report_id,
        "incident": {"categories": ["known_material"], "time": "2026-01-02T03:04:05Z"},
        "service": {"name": "Example Cloud", "type": "cloud_storage"},
        "files": [{"ref": "f1", "hashes": {"md5": "a" * 32}}],
    }
    payload.update(overrides)
    return payload


def with_upload(
    provider_report_id: str = "up-1", refs: tuple[str, ...] = ("f1",), **hashes: str
) -> dict[str, Any]:
    return minimal(
        provider_report_id,
        files=[
            {
                "ref": r,
                "filename": f"{r}.png",
                "media_type": "image/png",
                "bytes_to_follow": True,
                "hashes": dict(hashes),
            }
            for r in refs
        ],
    )


def png(seed: int = 0, size: int = 128) -> bytes:
    """A benign generated picture: coloured shapes on a gradient."""
    rng = random.Random(seed)
    img = Image.new("RGB", (size, size))
    draw = ImageDraw.Draw(img)
    for y in range(size):
        draw.line([(0, y), (size, y)], fill=(y * 2 % 256, rng.randrange(256), 128))
    for _ in range(6):
        x0, y0 = rng.randrange(size), rng.randrange(size)
        draw.ellipse(
            [x0, y0, x0 + size // 3, y0 + size // 4],
            fill=(rng.randrange(256), rng.randrange(256), rng.randrange(256)),
        )
    buf = io.BytesIO()
    img.save(buf, "PNG")
    return buf.getvalue()
