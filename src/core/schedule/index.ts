/**
 * The schedule import (issue 18, part 1): the Court's schedule (a Google Calendar, an .ics file, a
 * CSV or pasted table) -> draft plan items for a month. Pure: the adapters hand in text and plain
 * event objects.
 */
export * from './types';
export { classify, isHearing, isCaseNumber, findCaseNumber, findLaw, normalizeCaseNumber } from './kinds';
export { parseIcs } from './ics';
export { parseScheduleTable, readScheduleDate, readScheduleTime } from './table';
export { eventsFromCalendar } from './calendar-events';
export type { CalendarEventData } from './calendar-events';
export { DEFAULT_RULE_TEXT, RULE_KEY_PREFIX, defaultRules, isEventKind, parseRecurringSetting, parseRuleText, recurringFromStrategy, rulesFromTexts } from './rules';
export { activityOf, draftRows, formatsText, recurringDates, suggest } from './draft';
export type { DayInfo, DraftAction, DraftInput, DraftResult, DraftRow, ExistingConcept } from './draft';
export { KIND_CATEGORY, KIND_LABELS, RECURRING_CATEGORY, SCHEDULE_MESSAGES } from './messages';
