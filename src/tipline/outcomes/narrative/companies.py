"""Online services and the companies behind them, as named in law-enforcement case summaries.

`SERVICES` maps a service's canonical name to its company and to the spellings it is written in;
`COMPANIES` maps company names (and former names, parents as written) to the company recorded. A
company name alone ("Google", "Yahoo!", "Meta Platforms") is a provider, not a service; a product
name ("Google Drive", "Facebook Messenger", "Kik") is a service of its company. The company recorded
is the one that operates the service under the name the summaries use (Twitter stays "Twitter": the
2019-2022 summaries predate the rename; "X Corp" is recorded as "X").
"""

from __future__ import annotations

import re
from collections.abc import Mapping

# canonical service -> (company, extra spellings as regex fragments; the canonical name always matches)
SERVICES: Mapping[str, tuple[str, tuple[str, ...]]] = {
    # Meta
    "Facebook Messenger": ("Meta", (r"facebook'?s?\s+messenger", r"fb\s+messenger")),
    "Facebook": ("Meta", (r"fb",)),
    "Instagram": ("Meta", (r"insta",)),
    "WhatsApp": ("Meta", (r"whats\s?app",)),
    # Google
    "Google Drive": ("Google", (r"google'?s?\s+drive",)),
    "Google Photos": ("Google", (r"google'?s?\s+photos",)),
    "Google Hangouts": ("Google", (r"hangouts",)),
    "Google Chat": ("Google", ()),
    "Google Meet": ("Google", ()),
    "Google Duo": ("Google", ()),
    "Google App": ("Google", (r"google\s+application",)),
    "Google Play": ("Google", ()),
    "Blogger": ("Google", ()),
    "Gmail": ("Google", (r"google\s+mail",)),
    "YouTube": ("Google", (r"you\s?tube",)),
    # Microsoft
    "Skype": ("Microsoft", (r"microsoft\s+skype",)),
    "Bing": ("Microsoft", ()),
    "OneDrive": ("Microsoft", (r"one\s?drive",)),
    "Xbox Live": ("Microsoft", ()),
    "Xbox": ("Microsoft", ()),
    "Outlook": ("Microsoft", (r"outlook\.com",)),
    "Hotmail": ("Microsoft", ()),
    "Microsoft Teams": ("Microsoft", ()),
    "LinkedIn": ("Microsoft", ()),
    "GroupMe": ("Microsoft", ()),
    # Yahoo
    "Yahoo Messenger": ("Yahoo", (r"yahoo!?'?s?\s+messenger",)),
    "Yahoo Mail": ("Yahoo", (r"yahoo!?'?s?\s+mail",)),
    "Yahoo App": ("Yahoo", (r"yahoo!?'?s?\s+app",)),
    "Tumblr": ("Automattic", ()),
    # others
    "Kik Messenger": ("Kik", (r"kik'?s?\s+messenger",)),
    "Kik": ("Kik", ()),
    "Snapchat": ("Snap", (r"snap\s?chat",)),
    "TikTok": ("ByteDance", (r"tik\s?tok", r"musical\.ly")),
    "Discord": ("Discord", ()),
    "Dropbox": ("Dropbox", (r"drop\s?box",)),
    "Twitter": ("Twitter", ()),
    "Telegram": ("Telegram", ()),
    "Omegle": ("Omegle", ()),
    "Reddit": ("Reddit", ()),
    "Pinterest": ("Pinterest", ()),
    "Twitch": ("Amazon", ()),
    "Roblox": ("Roblox", ()),
    "Badoo": ("Badoo", ()),
    "Tinder": ("Match Group", ()),
    "Grindr": ("Grindr", ()),
    "Viber": ("Rakuten", ()),
    "WeChat": ("Tencent", ()),
    "VKontakte": ("VK", (r"vk\.com",)),
    "Wickr": ("Amazon", ()),
    "Zoom": ("Zoom", ()),
    "Imgur": ("Imgur", ()),
    "MEGA": ("MEGA", (r"mega\.nz",)),
    "Flickr": ("Flickr", ()),
    "iCloud": ("Apple", ()),
    "FaceTime": ("Apple", ()),
    "iMessage": ("Apple", ()),
    "Chatroulette": ("Chatroulette", ()),
    "Wattpad": ("Wattpad", ()),
    "Yubo": ("Yubo", ()),
    "Likee": ("Likee", ()),
    "Steam": ("Valve", ()),
    "PlayStation Network": ("Sony", (r"psn",)),
    "Threads": ("Meta", ()),
}

# company names as written -> company recorded
COMPANIES: Mapping[str, str] = {
    "meta": "Meta",
    "meta platforms": "Meta",
    "meta platforms inc": "Meta",
    "facebook inc": "Meta",
    "google": "Google",
    "google llc": "Google",
    "alphabet": "Google",
    "microsoft": "Microsoft",
    "microsoft corporation": "Microsoft",
    "yahoo": "Yahoo",
    "yahoo!": "Yahoo",
    "oath": "Yahoo",
    "verizon media": "Yahoo",
    "medialab": "Kik",
    "media lab": "Kik",
    "snap": "Snap",
    "snap inc": "Snap",
    "bytedance": "ByteDance",
    "apple": "Apple",
    "amazon": "Amazon",
    "x corp": "X",
    "twitter inc": "Twitter",
    "automattic": "Automattic",
    "sony": "Sony",
    "valve": "Valve",
    "match group": "Match Group",
    "tencent": "Tencent",
    "rakuten": "Rakuten",
}

# email services: a mention as the account used ("a Gmail account") yields to another service of the
# same company named in the case (the account is the login, the other service is where material was)
ACCOUNT_SERVICES = frozenset({"Gmail", "Outlook", "Hotmail", "Yahoo Mail"})


def _alternatives() -> list[tuple[str, str, str]]:
    """(pattern, canonical, kind) longest first, so "Facebook Messenger" wins over "Facebook"."""
    alts: list[tuple[str, str, str]] = []
    for name, (_company, spellings) in SERVICES.items():
        alts.append((r"\s+".join(re.escape(w) for w in name.split()), name, "service"))
        alts.extend((s, name, "service") for s in spellings)
    for written in COMPANIES:
        alts.append((r"\s+".join(re.escape(w) for w in written.split()), written, "company"))
    alts.sort(key=lambda a: -len(a[0]))
    return alts


_ALTS = _alternatives()
NAME_RX = re.compile(
    r"(?<![\w.@])(?:" + "|".join(f"(?P<n{i}>{p})" for i, (p, _n, _k) in enumerate(_ALTS)) + r")(?![\w@])",
    re.IGNORECASE,
)


def resolve(match: re.Match[str]) -> tuple[str, str]:
    """A NAME_RX match -> (kind "service" | "company", canonical name)."""
    for i, (_p, name, kind) in enumerate(_ALTS):
        if match.group(f"n{i}") is not None:
            return kind, name
    raise ValueError("not a NAME_RX match")  # pragma: no cover


def provider_company(name: str) -> str:
    """A service or company name as written -> the company recorded ("Instagram" -> "Meta",
    "Microsoft Skype" -> "Microsoft", "MediaLab" -> "Kik"); an unknown name is returned tidied."""
    text = " ".join(name.replace("!", "").split()).strip(" .,;")
    m = NAME_RX.search(text)
    if m:
        kind, canonical = resolve(m)
        return SERVICES[canonical][0] if kind == "service" else COMPANIES[canonical]
    return text[:1].upper() + text[1:] if text else text
