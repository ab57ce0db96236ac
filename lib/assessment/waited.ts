// How long something has waited, in plain words: "less than an hour", "5 hours", "3 days".

const hour = 3_600_000;
const day = 24 * hour;

export function describeWait(since: Date, now: Date): string {
  const ms = Math.max(0, now.getTime() - since.getTime());
  if (ms < hour) return "less than an hour";
  if (ms < day) {
    const hours = Math.floor(ms / hour);
    return hours === 1 ? "1 hour" : `${hours} hours`;
  }
  const days = Math.floor(ms / day);
  return days === 1 ? "1 day" : `${days} days`;
}
