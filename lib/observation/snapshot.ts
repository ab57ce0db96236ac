/** The fields of an observation an AuditEvent records before and after a change. */
export function observationAuditSnapshot(row: {
  title: string;
  activityDate: Date;
  startTime: string | null;
  endTime: string | null;
  location: string | null;
  description: string;
  agenda?: string | null;
  candidateResponse?: string | null;
}) {
  return {
    title: row.title,
    activityDate: row.activityDate.toISOString(),
    startTime: row.startTime,
    endTime: row.endTime,
    location: row.location,
    description: row.description,
    ...(row.agenda ? { agenda: row.agenda } : {}),
    ...(row.candidateResponse === undefined ? {} : { candidateResponse: row.candidateResponse }),
  };
}
