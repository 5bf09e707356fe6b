"""Title similarity for the duplicate-proposal warning (character bigrams, Jaccard)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from services.proposals.domain.artifacts.similarity import (
    bigrams,
    jaccard,
    normalize_title,
    similar_titles,
    title_similarity,
)


def test_the_fixed_frame_and_punctuation_are_ignored() -> None:
    assert normalize_title("关于加快农村生活污水治理的建议") == "加快农村生活污水治理"
    assert normalize_title(" 关于“加快”农村污水治理的几点建议！") == "加快农村污水治理"
    assert normalize_title("关于ＡＩ赋能的提案") == "ai赋能"
    assert normalize_title("建议") == "建议"  # nothing left to strip to
    assert bigrams("关于水的建议") == frozenset({"水"})
    assert bigrams("！？") == frozenset()


def test_jaccard_of_bigrams() -> None:
    assert jaccard(frozenset({"ab", "bc"}), frozenset({"bc", "cd"})) == 1 / 3
    assert jaccard(frozenset(), frozenset({"ab"})) == 0.0
    same = title_similarity("关于加快农村生活污水治理的建议", "关于加快农村生活污水治理的提案")
    assert same == 1.0
    assert title_similarity("关于加快农村生活污水治理的建议", "关于发展乡村旅游的建议") == 0.0


def test_similar_titles_are_ranked_and_cut_at_the_threshold() -> None:
    candidates = [
        ("p1", "关于加快农村生活污水治理的建议"),
        ("p2", "关于农村生活污水治理的建议"),
        ("p5", "关于加强农村生活污水处理的建议"),  # 0.38: below
        ("p3", "关于发展乡村旅游的建议"),
        ("p4", "加快农村生活污水治理"),
    ]
    hits = similar_titles("关于加快农村生活污水治理的建议", candidates, 0.5)
    assert [(h.key, h.score) for h in hits] == [("p1", 1.0), ("p4", 1.0), ("p2", 0.7778)]
    assert [h.key for h in similar_titles("关于改善乡村医疗条件的建议", candidates, 0.5)] == []
    assert len(similar_titles("关于加快农村生活污水治理的建议", candidates, 0.5, limit=2)) == 2


titles = st.text(alphabet="关于农村污水治理建议的乡镇医疗教育", min_size=0, max_size=20)


@given(a=titles, b=titles)
def test_similarity_is_symmetric_and_bounded(a: str, b: str) -> None:
    score = title_similarity(a, b)
    assert score == title_similarity(b, a)
    assert 0.0 <= score <= 1.0
    assert not bigrams(a) or title_similarity(a, a) == 1.0
