// The label values the business exporter may publish, written once. A value outside these lists
// is counted under otherLabelValue(), never as a new series, so the series count of the exporter
// is bounded by these lists (exporters/series.ts computes the bound). Pure data: no I/O.
//
// Values are identifiers of our own product and of our suppliers, never anything a user typed.
import * as outcomes from "./outcomes.ts";

/** The label value that stands for every value outside an allow-list. */
export function otherLabelValue(): string {
  return "other";
}

/** The agents of the Xinliya backend (one per conversational role). */
export function agents(): string[] {
  return [
    "router", "intake", "empathy_listener", "cbt_coach", "mindfulness_guide", "sleep_coach",
    "mood_tracker", "journal_reflector", "psychoeducation", "crisis_triage", "safety_reviewer",
    "summary_writer",
  ];
}

/**
 * LLM providers and, for each, the models we call there. A model is a label value only together
 * with its provider: `gpt-4o` at `azure_openai` is a series, `qwen-max` at `anthropic` is not,
 * it counts as model `other`. The same model may be served by several providers.
 */
export function llmModels(): Record<string, string[]> {
  return {
    openai: ["gpt-4o", "gpt-4o-mini", "gpt-4.1", "o3-mini"],
    azure_openai: ["gpt-4o", "gpt-4o-mini"],
    anthropic: ["claude-3-5-sonnet", "claude-3-5-haiku"],
    deepseek: ["deepseek-chat", "deepseek-reasoner"],
    dashscope: ["qwen-max", "qwen-plus", "qwen-turbo"],
    zhipu: ["glm-4-plus", "glm-4-air", "glm-4-flash"],
    moonshot: ["moonshot-v1-8k", "moonshot-v1-32k", "kimi-k2"],
    volcengine: ["doubao-1.5-pro-32k", "doubao-1.5-lite-32k", "deepseek-chat"],
    baidu_qianfan: ["ernie-4.0-8k", "ernie-speed-128k"],
    siliconflow: ["deepseek-chat", "qwen2.5-72b-instruct"],
    self_hosted: ["qwen2.5-7b-instruct"],
  };
}

/** The LLM providers, in catalog order. */
export function llmProviders(): string[] {
  return Object.keys(llmModels());
}

/** Product features whose use is counted. */
export function features(): string[] {
  return [
    "chat_text", "chat_voice_input", "chat_voice_reply", "mood_checkin", "mood_diary", "journal",
    "breathing_exercise", "meditation_audio", "sleep_story", "cbt_thought_record", "gratitude_log",
    "goal_setting", "habit_tracker", "psychoeducation_article", "self_assessment_phq9",
    "self_assessment_gad7", "crisis_hotline_card", "safety_plan", "counsellor_booking",
    "conversation_summary", "conversation_export", "reminder", "daily_quote", "weekly_report",
    "onboarding", "theme_switch", "language_switch", "privacy_settings", "data_deletion_request",
    "share_card", "premium_subscription", "feedback_form",
  ];
}

/** Error types of the backend, coarse enough to be a label, fine enough to route a fix. */
export function errorTypes(): string[] {
  return [
    "llm_timeout", "llm_rate_limited", "llm_invalid_response", "llm_content_filtered",
    "llm_provider_unavailable", "llm_context_overflow", "agent_exception", "agent_fallback_exhausted",
    "agent_loop_detected", "tool_call_failed", "safety_check_failed", "db_connection_error",
    "db_query_timeout", "db_deadlock", "cache_unavailable", "queue_full", "message_too_long",
    "invalid_request", "auth_token_expired", "auth_token_invalid", "permission_denied", "rate_limited",
    "upstream_5xx", "network_timeout", "tts_failed", "asr_failed", "storage_write_failed",
    "payment_failed", "sms_send_failed", "email_send_failed", "config_missing", "serialization_error",
    "internal_error",
  ];
}

/** Backup jobs (ops guide 3.2 and 6.3: full, incremental, off-site). */
export function backups(): string[] {
  return [
    "postgres_full", "postgres_incremental", "postgres_wal_archive", "redis_snapshot",
    "object_storage_sync", "offsite_replica", "config_snapshot",
  ];
}

// Closed sets: a value outside them is an invalid event (400), not `other`. The outcome values
// are written once, in outcomes.ts, which the rules and dashboards read too.

export function agentOutcomes(): string[] {
  return [...outcomes.agentOutcomes().all];
}

export function llmOutcomes(): string[] {
  return [...outcomes.llmOutcomes().all];
}

export function authOutcomes(): string[] {
  return [...outcomes.authOutcomes().all];
}

export function backupOutcomes(): string[] {
  return ["success", "failure"];
}

/** User ratings, 1 to 5 stars. */
export function ratings(): number[] {
  return outcomes.ratingValues();
}

/** Why the exporter rejected events: the `reason` label of xinliya_exporter_rejected_events_total. */
export function rejectionReasons(): string[] {
  return [
    "unauthorized", "unsupported_media_type", "body_too_large", "malformed_json", "invalid_event",
    "batch_too_large", "timeout", "internal_error", "overloaded", "shutting_down",
  ];
}
