"""Chinese names of the proposal events, for the audit history."""

from __future__ import annotations

from collections.abc import Mapping

EVENT_LABELS: Mapping[str, str] = {
    "drafted": "起草提案",
    "draft_updated": "修改草稿",
    "cosign_invited": "邀请联名",
    "cosigned": "联名签名确认",
    "cosign_declined": "拒绝联名",
    "cosign_cancelled": "撤回联名邀请",
    "submitted": "提交提案",
    "returned_for_revision": "退回修改",
    "review_started": "开始审查",
    "review_opinion_recorded": "记录审查意见",
    "registered": "立案",
    "not_registered": "不予立案",
    "converted_to_public_opinion": "转为社情民意信息",
    "forwarded_as_suggestion": "作为意见建议转送有关部门",
    "kept_as_member_letter": "作为委员来信留存",
    "proposals_merged": "并案（主提案）",
    "merged": "并入其他提案",
    "withdrawn": "撤案",
    "designated_key": "确定为重点提案",
    "assigned": "交办",
    "handling_task_created": "生成承办任务",
    "handling_task_accepted": "承办单位签收",
    "handling_started": "开始办理",
    "handling_task_return_requested": "申请退办",
    "handling_task_reassigned": "同意退办（改交）",
    "handling_task_return_rejected": "驳回退办",
    "handling_contact_recorded": "记录与提案者沟通",
    "co_handler_opinion_submitted": "提交会办意见",
    "extension_requested": "申请延期",
    "extension_granted": "同意延期",
    "reply_drafted": "起草答复",
    "reply_cosign_requested": "请求会签答复",
    "reply_cosigned": "会签答复",
    "reply_submitted_for_review": "答复报送审核",
    "reply_approved": "答复审核通过",
    "reply_rejected": "答复审核退回",
    "replied": "答复提案者",
    "all_replies_issued": "全部答复完毕",
    "reply_evaluated": "提案者评价答复",
    "evaluation_lapsed": "逾期未评价",
    "rehandling_ordered": "重新办理",
    "concluded": "办结",
    "quality_rated": "承办单位评价提案质量",
    "deadline_approaching": "临近办理期限提醒",
    "overdue": "超过办理期限",
}


def event_label(name: str) -> str:
    return EVENT_LABELS.get(name, name)
