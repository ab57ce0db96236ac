import { ragDeadlines } from "../progress/rag";

/**
 * An enrolment's planned period as stored: the dates, the same instants as epoch milliseconds
 * (startMs, endMs) for the progress queries, and its RAG deadlines with nothing met yet. Every
 * write of the dates goes through here so they never disagree.
 *
 * With nothing met the deadlines do not depend on the number of criteria (they are 10% and 25%
 * of the way through the plan), so a new enrolment needs no count. Once criteria are met,
 * refreshEnrolmentCounters (lib/progress/enrolment-counters.ts) moves them; a change of dates on
 * an enrolment with met criteria must recount after writing these.
 */
export function plannedPeriod(startDate: Date, plannedEndDate: Date) {
  const startMs = BigInt(startDate.getTime());
  const endMs = BigInt(plannedEndDate.getTime());
  return { startDate, plannedEndDate, startMs, endMs, ...ragDeadlines({ startMs, endMs, met: 0, total: 1 }) };
}
