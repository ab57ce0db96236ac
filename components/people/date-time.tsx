/** A moment shown in the centre's time zone; the ISO value stays in the markup for machines. */
export function DateTime({ iso, timeZone, dateOnly = false }: { iso: string; timeZone: string; dateOnly?: boolean }) {
  const format = new Intl.DateTimeFormat(
    "en-GB",
    dateOnly ? { timeZone, dateStyle: "medium" } : { timeZone, dateStyle: "medium", timeStyle: "short" },
  );
  return <time dateTime={iso}>{format.format(new Date(iso))}</time>;
}
