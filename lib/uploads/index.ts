import "server-only";
import { processTusUploads } from "./process-uploads";

export const tusUploads = processTusUploads;
