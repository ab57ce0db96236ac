// Runs once when the server starts: a bad configuration stops it with one clear line
// instead of failing on the first request.
export async function register() {
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { sweepAbandonedUploads } = await import("./instrumentation-node");
    await sweepAbandonedUploads();
  }
}
