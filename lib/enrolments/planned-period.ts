/**
 * An enrolment's planned period as stored: the dates, and the same instants as epoch
 * milliseconds (startMs, endMs) for the progress queries. Every write of the dates goes through
 * here so the two never disagree.
 */
export function plannedPeriod(startDate: Date, plannedEndDate: Date) {
  return { startDate, plannedEndDate, startMs: BigInt(startDate.getTime()), endMs: BigInt(plannedEndDate.getTime()) };
}
