"""Sectors (界别) as reference data: establish, rename, retire, and assigning members."""

from __future__ import annotations

import pytest

from services.members.domain.sector import (
    INITIAL_SECTOR,
    EstablishSector,
    RenameSector,
    RetireSector,
    SectorEstablished,
    SectorRenamed,
    SectorRetired,
    assignable_sector,
    decide_establish_sector,
    decide_rename_sector,
    decide_retire_sector,
    sector_decider,
)
from shared.domain import Invalid, NotFound, Rejected
from tests.unit.members.builders import ACTOR, AT, SECTOR_ID, given_sector


def establish(**overrides: object) -> EstablishSector:
    data: dict[str, object] = {
        "sector_id": SECTOR_ID,
        "name": " 农业界 ",
        "kind": "professional",
        "sort": 17,
        "actor": ACTOR,
        "at": AT,
    }
    data.update(overrides)
    return EstablishSector.model_validate(data)


def rename(name: str = "农业和农村界") -> RenameSector:
    return RenameSector(sector_id=SECTOR_ID, name=name, actor=ACTOR, at=AT)


def retire() -> RetireSector:
    return RetireSector(sector_id=SECTOR_ID, actor=ACTOR, at=AT)


def test_establish_sector() -> None:
    events = decide_establish_sector(establish(), INITIAL_SECTOR)
    assert events == [
        SectorEstablished(sector_id=SECTOR_ID, sector_name="农业界", kind="professional", sort=17)
    ]
    state = sector_decider.fold(events)
    assert state.established and state.name == "农业界" and not state.retired
    assert SectorEstablished.ce_type() == "cn.cppcc.members.sector.established.v1"


def test_establish_twice_is_rejected() -> None:
    with pytest.raises(Rejected) as err:
        decide_establish_sector(establish(), given_sector())
    assert err.value.message == f"界别“农业界”（编号 {SECTOR_ID}）已设立，不能重复设立"


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"kind": "guild"}, "界别类别“guild”无效：可选 party（中共和民主党派）"),
        ({"name": " "}, "界别名称不能为空，请填写界别名称"),
        ({"name": "界" * 33}, "界别名称不能超过 32 个字"),
        ({"sort": 10000}, "排序号应在 0–9999 之间，现为 10000"),
        ({"sector_id": "x"}, "界别编号“x”格式不正确"),
    ],
)
def test_establish_rejects_bad_input(overrides: dict[str, object], message: str) -> None:
    with pytest.raises(Invalid) as err:
        decide_establish_sector(establish(**overrides), INITIAL_SECTOR)
    assert message in err.value.message


def test_rename_and_retire() -> None:
    [renamed] = decide_rename_sector(rename(), given_sector())
    assert renamed == SectorRenamed(
        sector_id=SECTOR_ID, from_name="农业界", sector_name="农业和农村界"
    )
    state = given_sector("农业界", renamed)
    assert state.name == "农业和农村界"
    [retired] = decide_retire_sector(retire(), state)
    assert retired == SectorRetired(sector_id=SECTOR_ID, sector_name="农业和农村界")
    assert sector_decider.evolve(state, retired).retired


def test_rename_rejections() -> None:
    with pytest.raises(NotFound) as missing:
        decide_rename_sector(rename(), INITIAL_SECTOR)
    assert missing.value.message == f"界别（编号 {SECTOR_ID}）不存在，请核对界别编号"
    with pytest.raises(Rejected) as same:
        decide_rename_sector(rename("农业界"), given_sector())
    assert same.value.message == "界别名称已是“农业界”，无需更名"
    retired = given_sector("农业界", SectorRetired(sector_id=SECTOR_ID, sector_name="农业界"))
    with pytest.raises(Rejected) as gone:
        decide_rename_sector(rename(), retired)
    assert gone.value.message == "界别“农业界”已停用，不能再修改"


def test_retire_rejections() -> None:
    with pytest.raises(NotFound):
        decide_retire_sector(retire(), INITIAL_SECTOR)
    retired = given_sector("农业界", SectorRetired(sector_id=SECTOR_ID, sector_name="农业界"))
    with pytest.raises(Rejected) as err:
        decide_retire_sector(retire(), retired)
    assert err.value.message == "界别“农业界”已停用，无需重复停用"


def test_assignable_sector() -> None:
    assert assignable_sector(given_sector(), "农业界", require_established=True) == (
        SECTOR_ID,
        "农业界",
    )
    assert assignable_sector(given_sector(), None, require_established=True)[1] == "农业界"
    assert assignable_sector(INITIAL_SECTOR, " 文艺界 ", require_established=False) == (
        None,
        "文艺界",
    )


def test_assignable_sector_rejections() -> None:
    with pytest.raises(Invalid) as missing:
        assignable_sector(INITIAL_SECTOR, "文艺界", require_established=True)
    assert missing.value.message == (
        "界别“文艺界”尚未设立：请核对界别名称，或请县政协机关先设立该界别"
    )
    renamed = given_sector(
        "农业界", SectorRenamed(sector_id=SECTOR_ID, from_name="农业界", sector_name="农林界")
    )
    with pytest.raises(Invalid) as old_name:
        assignable_sector(renamed, "农业界", require_established=True)
    assert old_name.value.message == "界别“农业界”已更名为“农林界”，请使用新名称"
    retired = given_sector("农业界", SectorRetired(sector_id=SECTOR_ID, sector_name="农业界"))
    with pytest.raises(Rejected) as gone:
        assignable_sector(retired, "农业界", require_established=False)
    assert gone.value.message == "界别“农业界”已停用，不能再分配给委员；请选择其他界别"
