"""API schemas of the match endpoint."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field


class HashQuery(BaseModel):
    """One hash to look up."""

    model_config = ConfigDict(extra="forbid")

    hash_type: str = Field(description="md5, sha1, sha256 or pdq.")
    hash: str = Field(max_length=200, description="The hash, hex.")
    quality: int | None = Field(None, ge=0, le=100, description="PDQ quality; below 50 a PDQ is not matched.")


class MatchRequest(BaseModel):
    """A batch of hashes to look up in every enabled bank."""

    model_config = ConfigDict(extra="forbid")

    hashes: list[HashQuery] = Field(min_length=1, max_length=10_000, description="Up to 10,000 hashes.")


class MatchHit(BaseModel):
    """One indicator a hash matched."""

    bank: str = Field(description="Bank name.")
    purpose: str = Field(description="known, allowlist or other.")
    indicator_id: int = Field(description="The indicator's id.")
    distance: int = Field(description="Hamming distance (0 for exact hashes).")
    category: str | None = Field(None, description="The indicator's category.")


class MatchResult(BaseModel):
    """The matches of one hash, nearest first."""

    hash_type: str = Field(description="The normalised hash type.")
    hash: str = Field(description="The normalised hash.")
    matches: list[MatchHit] = Field(description="Matches, nearest first.")


class MatchResponse(BaseModel):
    """Results in the order of the request."""

    results: list[MatchResult] = Field(description="One per hash in the request.")
    index_version: int = Field(description="The indicator change number the lookup saw.")
