import { AppError } from "../errors";

/** An AppError that knows its HTTP status, for the upload and file routes. */
export class UploadError extends AppError {
  constructor(
    readonly status: number,
    userMessage: string,
    logMessage?: string,
  ) {
    super(userMessage, logMessage);
  }
}
