"""Chinese labels of the appraisal's constraint rules and decisions."""

from __future__ import annotations

CONSTRAINT_RULE_LABELS: dict[str, str] = {
    "revocation_proposed": "一届内无故缺席全体会议达到规定次数，提请常委会撤销委员资格",
    "reminder_talk": "年度考评得分低于规定分数，进行提醒谈话",
    "persuade_to_resign": "连续多年考评得分低于规定分数，劝其辞去委员",
    "not_renominated_flag": "长期没有提案或一届提案过少，不再推荐连任",
}

DECISION_LABELS: dict[str, str] = {
    "warn": "警示提醒",
    "persuade_to_resign": "劝辞",
    "revoke": "撤销委员资格",
}
