import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname) };
const integration = (provider: "sqlite" | "postgresql") => ({
  resolve: { alias },
  test: {
    name: `integration:${provider}`,
    include: ["tests/integration/**/*.test.ts"],
    environment: "node",
    setupFiles: ["tests/helpers/fail-on-console-error.ts"],
    globalSetup: ["tests/helpers/integration-global-setup.ts"],
    env: { TEST_DB_PROVIDER: provider },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["tests/unit/**/*.test.ts"],
          environment: "node",
          setupFiles: ["tests/helpers/fail-on-console-error.ts"],
        },
      },
      integration("sqlite"),
      integration("postgresql"),
    ],
  },
});
