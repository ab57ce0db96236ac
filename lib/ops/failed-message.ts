/** What a request that failed on our side answers (a plain 500 instead of Next's page). */
export const failedMessage =
  "Something went wrong on our side and nothing was changed. Try again in a minute; if it keeps happening, tell your centre admin.";
