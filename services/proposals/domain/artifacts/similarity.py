"""重复提案提醒: title similarity by character bigrams (Jaccard), pure.

Titles follow the fixed form “关于……的建议”; the frame would make unrelated titles look
alike, so it is stripped first, along with whitespace and punctuation. A remainder of one
character is compared as that single character.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

_PREFIXES = ("关于",)
_SUFFIXES = ("的几点建议", "的建议", "的提案", "的意见", "的议案", "建议")


@dataclass(frozen=True)
class SimilarTitle:
    key: str
    title: str
    score: float


def normalize_title(title: str) -> str:
    """Lower-case letters, digits and CJK only; without the “关于……的建议” frame."""
    folded = unicodedata.normalize("NFKC", title).lower()
    core = "".join(ch for ch in folded if ch.isalnum())
    for prefix in _PREFIXES:
        if core.startswith(prefix) and len(core) > len(prefix):
            core = core[len(prefix) :]
    for suffix in _SUFFIXES:
        if core.endswith(suffix) and len(core) > len(suffix):
            core = core[: -len(suffix)]
            break
    return core


def bigrams(title: str) -> frozenset[str]:
    core = normalize_title(title)
    if len(core) < 2:
        return frozenset({core}) if core else frozenset()
    return frozenset(core[i : i + 2] for i in range(len(core) - 1))


def jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    if not a or not b:
        return 0.0
    return len(a & b) / len(a | b)


def title_similarity(a: str, b: str) -> float:
    return jaccard(bigrams(a), bigrams(b))


def similar_titles(
    title: str, candidates: Iterable[tuple[str, str]], threshold: float, limit: int = 10
) -> list[SimilarTitle]:
    """Candidates `(key, title)` at or above `threshold`, most similar first."""
    wanted = bigrams(title)
    scored = [(jaccard(wanted, bigrams(other)), key, other) for key, other in candidates]
    hits = [
        SimilarTitle(key, other, round(score, 4))
        for score, key, other in scored
        if score >= threshold and score > 0
    ]
    hits.sort(key=lambda s: (-s.score, s.key))
    return hits[:limit]


__all__ = [
    "SimilarTitle",
    "bigrams",
    "jaccard",
    "normalize_title",
    "similar_titles",
    "title_similarity",
]
