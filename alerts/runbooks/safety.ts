// Runbooks of the safety alerts (alerts/safety.ts). The person paged is protecting a user in
// distress: the first step is always to make sure a human is with that user, then fix the system.
// Never copy conversation text, user ids or contact details into a ticket, chat or log.
import type { Localized } from "../../catalog/types.ts";
import type { RunbookDef } from "./types.ts";

const s = (zh: string, en: string): Localized => ({ zh, en });

const human = s("先保证用户身边有人：联系值班咨询师负责人，人工接手等待中的危机会话（在咨询工作台中处理，不要把对话内容或用户信息贴到聊天群或工单）。",
  "First make sure a human is with the user: call the duty counsellor lead and have the waiting crisis conversations taken over (in the counsellor console; never paste conversation text or user details into chat or tickets).");
const privacy = s("事后复盘只使用计数与时长，不导出任何对话内容。", "Review afterwards with counts and durations only; export no conversation content.");

export function safetyRunbooks(): Record<string, RunbookDef> {
  return {
    CrisisTakeoverSlow: {
      meaning: s("危机从识别到咨询师接手的 p95 超过目标（CAC 拟人化互动服务管理办法征求意见稿第 11 条：用户明确提出自杀、自残时由人工接管）：处于危机中的用户等待过久。",
        "The p95 time from crisis detection to a counsellor accepting is above target (CAC draft rules Art. 11: a human takes over when a user raises suicide or self-harm): users in crisis wait too long."),
      checks: [human, s("在用户安全仪表盘上看等待中的危机数与最早等待时长；查看咨询师排班与在线人数。", "On the user safety dashboard, check waiting crises and the oldest wait; check the counsellor rota and who is online."),
        s("检查派单服务（危机转人工队列）是否正常消费。", "Check that the dispatch service (the crisis handoff queue) is consuming.")],
      mitigations: [s("启用后备咨询师名单或合作热线转接。", "Activate the backup counsellor list or the partner hotline transfer."), privacy],
      guide: ["unresponsive"],
    },
    CrisisTakeoverOverMax: {
      meaning: s("至少有一次危机超过最长时限才被人工接手：有一位用户等了太久，即使整体 p95 仍达标。",
        "At least one crisis waited beyond the maximum for a human, even if the p95 is on target: one user waited too long."),
      checks: [human, s("查看该时段的派单记录，确认是排班空档、派单故障还是咨询师未响应。", "Read the dispatch records of that period: a rota gap, a dispatch failure or an unanswered counsellor?")],
      mitigations: [s("补上排班空档；对派单故障按等待过久处理。", "Fill the rota gap; treat a dispatch failure as a crisis waiting too long."), privacy],
      guide: ["unresponsive"],
    },
    CrisisWaitingTooLong: {
      meaning: s("有危机正在等待人工接手，且已超过目标时长：现在就有用户在等。", "A crisis is waiting for a human beyond the target: a user is waiting right now."),
      checks: [human, s("确认咨询工作台能否看到该危机（派单是否卡住）。", "Check that the counsellor console shows the crisis (is dispatch stuck?).")],
      mitigations: [s("派单卡住：重启派单服务或手工分配；人手不足：启用后备名单或合作热线。", "Stuck dispatch: restart it or assign by hand; too few counsellors: backup list or partner hotline."), privacy],
      guide: ["unresponsive"],
    },
    EmergencyContactNotifyFailing: {
      meaning: s("紧急联系人（监护人）通知失败比例过高（征求意见稿第 11 条要求联络监护人或紧急联系人）：通知通道可能已坏。",
        "Too many emergency-contact (guardian) notifications fail (draft Art. 11 asks that the guardian or emergency contact be reached): the channel may be broken."),
      checks: [s("查看短信与电话供应商的状态和错误码。", "Check the SMS and call providers' status and error codes."), human],
      mitigations: [s("切换到备用短信或电话通道；由咨询师人工联系紧急联系人。", "Switch to the backup SMS or call channel; have the counsellor reach the contact by hand."), privacy],
      guide: ["unresponsive"],
    },
    CrisisDetectorSilent: {
      meaning: s("某个危机识别器没有心跳，而对话仍在进行：危机可能未被识别。", "A crisis detector has no heartbeat while conversations go on: crises may go undetected."),
      checks: [s("查看该识别器进程或服务的日志与部署状态。", "Check the detector's process or service logs and deployment."),
        s("确认另一个识别器仍在工作（用户安全仪表盘 › 识别器）。", "Check the other detector still works (user safety dashboard › detectors).")],
      mitigations: [s("重启或回滚该识别器；恢复前请咨询师加强人工巡查。", "Restart or roll back the detector; ask counsellors to watch more closely until it is back.")],
      guide: ["agent"],
    },
    CrisisDetectorCoverageLost: {
      meaning: s("某个危机识别器检查的消息占比降到零，而对话流量正常：识别器被绕过（配置或发布错误）。",
        "A crisis detector's share of screened messages fell to zero while traffic is normal: it is bypassed (a config or release error)."),
      checks: [s("查看最近的发布与功能开关：识别器调用是否被关闭。", "Check recent releases and feature flags: was the detector call switched off?")],
      mitigations: [s("回滚该发布或打开开关；恢复前请咨询师加强人工巡查。", "Roll back the release or turn the flag back on; ask counsellors to watch more closely meanwhile.")],
      guide: ["agent"],
    },
    UsageRemindersStopped: {
      meaning: s("有会话连续使用超过 2 小时，却没有展示连续使用提醒（征求意见稿要求连续使用 2 小时提醒）。",
        "Sessions are in continuous use beyond 2 hours but no reminder is shown (the draft rules ask for a reminder after 2 hours)."),
      checks: [s("查看提醒服务与最近的前端或后端发布。", "Check the reminder service and recent frontend or backend releases.")],
      mitigations: [s("回滚导致提醒停止的变更。", "Roll back the change that stopped the reminders.")],
      guide: ["agent"],
    },
  };
}
