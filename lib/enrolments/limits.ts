// Its own module so the enrolment form (a client component) can say the limit without bringing
// the input schemas, and zod with them, into the browser's JavaScript.

/** The most enrolments one submission makes (candidates x units): one transaction stays short. */
export const MAX_ENROLMENTS_AT_ONCE = 200;
