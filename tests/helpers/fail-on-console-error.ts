import { afterEach, beforeEach } from "vitest";

// A console.error during a test is a bug somewhere, even if the assertions pass: fail the test.
const original = console.error;
let calls: unknown[][] = [];

beforeEach(() => {
  calls = [];
  console.error = (...args: unknown[]) => {
    calls.push(args);
    original(...args);
  };
});

afterEach(() => {
  console.error = original;
  if (calls.length > 0) {
    throw new Error(
      `console.error was called during this test:\n${calls.map((args) => args.map(String).join(" ")).join("\n")}`,
    );
  }
});
