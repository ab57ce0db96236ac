import { ForbiddenError } from "../authz/policy";
import { AppError, type ActionResult } from "../errors";
import { MappingInputError } from "./input";

/**
 * Runs an operation for a server action: its result, or the refusal in words the user can act
 * on. Anything unexpected is logged and replaced by a general message.
 */
export async function toActionResult<T>(operation: () => Promise<T>, successMessage?: (data: T) => string): Promise<ActionResult<T>> {
  try {
    const data = await operation();
    return { ok: true, data, message: successMessage?.(data) };
  } catch (error) {
    if (error instanceof MappingInputError) return { ok: false, message: error.userMessage, fieldErrors: error.fieldErrors };
    if (error instanceof ForbiddenError || error instanceof AppError) return { ok: false, message: error.userMessage };
    console.error(error);
    return { ok: false, message: "Something went wrong and nothing was changed. Try again in a moment; if it keeps happening, tell your centre admin." };
  }
}

export const notSignedIn: ActionResult<never> = { ok: false, message: "Your session has ended. Sign in again, then retry." };

/** Every value of a repeated form field, as strings. */
export function formStrings(formData: FormData, name: string): string[] {
  return formData.getAll(name).filter((v): v is string => typeof v === "string");
}

export function formString(formData: FormData, name: string): string | undefined {
  const value = formData.get(name);
  return typeof value === "string" ? value : undefined;
}
