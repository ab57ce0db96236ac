import { DEFAULT_TIME_ZONE } from "@/lib/format/time-zone";

// No centre applies to the public catalogue, so times are shown in the default centre time
// zone; dates from the source documents are calendar dates, shown as written.

const dateTime = new Intl.DateTimeFormat("en-GB", {
  timeZone: DEFAULT_TIME_ZONE,
  dateStyle: "medium",
  timeStyle: "short",
});
const calendarDate = new Intl.DateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "long" });

export function DateTimeText({ iso }: { iso: string }) {
  return <time dateTime={iso}>{dateTime.format(new Date(iso))}</time>;
}

/** "2020-03-12" → "12 March 2020"; anything else is shown as it is. */
export function CalendarDate({ value }: { value: string }) {
  const date = /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T00:00:00Z`) : null;
  if (!date || Number.isNaN(date.getTime())) return <>{value}</>;
  return <time dateTime={value}>{calendarDate.format(date)}</time>;
}
