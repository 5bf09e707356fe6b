"""Working-day arithmetic, the lifecycle configuration (and its TOML loader), and the
`handling_unit` reference aggregate."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from pydantic import ValidationError

from services.proposals.config_lifecycle import load_lifecycle_config
from services.proposals.domain.calendar import (
    WorkCalendar,
    add_months,
    add_working_days,
    due_after_months,
    end_of_day,
    local_date,
    next_working_day,
    working_days_between,
)
from services.proposals.domain.config import DEFAULT_CONFIG, LifecycleConfig
from services.proposals.domain.units import (
    DeactivateHandlingUnit,
    HandlingUnitDeactivated,
    HandlingUnitRegistered,
    HandlingUnitRenamed,
    HandlingUnitState,
    RegisterHandlingUnit,
    RenameHandlingUnit,
    decide_deactivate_unit,
    decide_register_unit,
    decide_rename_unit,
    unit_decider,
)

from .helpers import AT
from .lifecycle import rejection

NATIONAL_DAY = WorkCalendar(
    holidays=frozenset(date(2024, 10, d) for d in range(1, 8)),
    extra_workdays=frozenset({date(2024, 9, 29), date(2024, 10, 12)}),
)


def test_working_days_skip_weekends_and_holidays_and_count_adjusted_days() -> None:
    assert NATIONAL_DAY.is_working_day(date(2024, 9, 29))  # Sunday, 调休上班
    assert not NATIONAL_DAY.is_working_day(date(2024, 10, 2))
    assert add_working_days(date(2024, 9, 27), 1, NATIONAL_DAY) == date(2024, 9, 29)
    assert add_working_days(date(2024, 9, 29), 2, NATIONAL_DAY) == date(2024, 10, 8)
    assert working_days_between(date(2024, 9, 30), date(2024, 10, 12), NATIONAL_DAY) == 5
    assert next_working_day(date(2024, 10, 5), NATIONAL_DAY) == date(2024, 10, 8)
    assert NATIONAL_DAY.add_workdays(date(2024, 9, 27), 1) == date(2024, 9, 29)
    with pytest.raises(ValueError):
        add_working_days(date(2024, 1, 1), -1, NATIONAL_DAY)


def test_months_clamp_and_roll_to_a_working_day() -> None:
    assert add_months(date(2024, 1, 31), 1) == date(2024, 2, 29)
    assert add_months(date(2024, 11, 30), 3) == date(2025, 2, 28)
    assert due_after_months(date(2024, 7, 1), 3, NATIONAL_DAY) == date(2024, 10, 8)


def test_local_dates_and_deadline_instants() -> None:
    late_evening = datetime(2024, 1, 15, 17, 0, tzinfo=UTC)  # 01:00 on the 16th in the county
    assert local_date(late_evening, 8) == date(2024, 1, 16)
    assert end_of_day(date(2024, 1, 16), 8) == datetime(2024, 1, 16, 16, 0, tzinfo=UTC)


def test_default_configuration() -> None:
    assert DEFAULT_CONFIG.stage_codes == ("first_review", "joint_review", "final_review")
    assert list(DEFAULT_CONFIG.result_classes) == ["A", "B", "C"]
    assert DEFAULT_CONFIG.triggers_rehandling("dissatisfied")
    assert not DEFAULT_CONFIG.triggers_rehandling("basically_satisfied")
    assert DEFAULT_CONFIG.meets_threshold("basically_satisfied")
    with pytest.raises(ValidationError):
        LifecycleConfig(result_classes={})
    with pytest.raises(ValidationError):
        LifecycleConfig(reply_months=4, max_handling_months=3)
    with pytest.raises(ValidationError):
        LifecycleConfig(unknown=1)  # type: ignore[call-arg]


def test_toml_overrides(tmp_path: Path) -> None:
    path = tmp_path / "proposals.toml"
    path.write_text(
        "[lifecycle]\n"
        "return_window_working_days = 7\n"
        "rehandle_on_basically_satisfied = true\n"
        'review_stages = { first_review = "初审", final_review = "终审" }\n'
        'result_classes = { A = "已经解决", B = "正在解决", C = "以后解决", D = "留作参考" }\n',
        encoding="utf-8",
    )
    config = load_lifecycle_config(path)
    assert config.return_window_working_days == 7 and config.rehandle_on_basically_satisfied
    assert config.stage_codes == ("first_review", "final_review")
    assert list(config.result_classes) == ["A", "B", "C", "D"]
    assert load_lifecycle_config("") == DEFAULT_CONFIG


# --- handling units ----------------------------------------------------------------------


def register(**overrides: object) -> RegisterHandlingUnit:
    data: dict[str, object] = {
        "unit_id": "zhujianju",
        "actor": "admin",
        "at": AT,
        "name": " 县住房和城乡建设局 ",
        "kind": "government_department",
    }
    data.update(overrides)
    return RegisterHandlingUnit.model_validate(data)


def test_register_rename_deactivate_a_unit() -> None:
    [registered] = decide_register_unit(register(), HandlingUnitState())
    assert (
        isinstance(registered, HandlingUnitRegistered)
        and registered.unit_name == "县住房和城乡建设局"
    )
    state = unit_decider.fold([registered])
    assert state.active and state.name == "县住房和城乡建设局"
    rename = RenameHandlingUnit(unit_id="zhujianju", actor="admin", at=AT, name="县住建局")
    [renamed] = decide_rename_unit(rename, state)
    assert isinstance(renamed, HandlingUnitRenamed) and renamed.old_name == "县住房和城乡建设局"
    state = unit_decider.fold([registered, renamed])
    assert decide_rename_unit(rename, state) == []
    off = DeactivateHandlingUnit(unit_id="zhujianju", actor="admin", at=AT, reason="机构改革")
    [deactivated] = decide_deactivate_unit(off, state)
    assert isinstance(deactivated, HandlingUnitDeactivated)
    state = unit_decider.fold([registered, renamed, deactivated])
    assert not state.active
    assert (
        rejection(lambda: decide_deactivate_unit(off, state)).message == "承办单位“县住建局”已停用"
    )


def test_unit_rules() -> None:
    state = unit_decider.fold(decide_register_unit(register(), HandlingUnitState()))
    assert rejection(lambda: decide_register_unit(register(), state)).message == (
        "承办单位编号“zhujianju”已被“县住房和城乡建设局”使用，请换一个编号"
    )
    bad_id = rejection(lambda: decide_register_unit(register(unit_id="住建"), HandlingUnitState()))
    assert bad_id.kind == "invalid" and bad_id.message.startswith("承办单位编号只能由小写字母")
    town = rejection(
        lambda: decide_register_unit(register(kind="township_government"), HandlingUnitState())
    )
    assert town.message == "乡镇人民政府须填写所在乡镇编号（township_id）"
    kind = rejection(lambda: decide_register_unit(register(kind="club"), HandlingUnitState()))
    assert "单位类型“club”无效" in kind.message and "人民法院（court）" in kind.message
    rename = RenameHandlingUnit(unit_id="x", actor="admin", at=AT, name="y")
    missing = rejection(lambda: decide_rename_unit(rename, HandlingUnitState()))
    assert missing.kind == "not_found" and missing.message == "未找到该承办单位，请核对承办单位编号"
    blank = rejection(lambda: decide_register_unit(register(name=" "), HandlingUnitState()))
    assert blank.message == "请填写承办单位名称"


def test_township_government_carries_its_township() -> None:
    cmd = register(unit_id="xz-gov", kind="township_government", township_id="xinzhuang")
    [event] = decide_register_unit(cmd, HandlingUnitState())
    assert isinstance(event, HandlingUnitRegistered) and event.township() == "xinzhuang"
