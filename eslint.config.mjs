// ESLint 9 flat config. Next 16 removed `next lint`; eslint-config-next ships flat configs
// (Next's rules, React hooks, jsx-a11y, typescript-eslint). Prettier owns formatting, so
// eslint-config-prettier switches off the stylistic rules that would fight it.
import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier";

const processEnv = {
  selector: "MemberExpression[object.name='process'][property.name='env']",
  message: "Read configuration from `env` in lib/env.ts (parsed and checked once with zod), not process.env.",
};

const config = [
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "generated/**",
      "prisma/migrations/**",
      "public/**",
      "test-results/**",
      "playwright-report/**",
      "bench-results/**",
      "storage/**",
      "data/**",
      ".scratch/**",
      "next-env.d.ts",
    ],
  },
  ...nextCoreWebVitals,
  ...nextTypescript,
  prettier,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // Tests are not React: useMigratedDb and Playwright's fixture `use` only share the prefix.
    files: ["tests/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Evidence thumbnails are the candidate's own uploads, served by an authorised route
    // handler with its own headers; next/image's optimiser would fetch them without the session.
    files: ["components/evidence/evidence-files.tsx"],
    rules: { "@next/next/no-img-element": "off" },
  },
  {
    // The app's code reads configuration only through lib/env.ts. Scripts and tests may set
    // and pass variables to child processes, so the rule is scoped to what the app runs.
    files: ["app/**", "components/**", "lib/**", "proxy.ts", "instrumentation.ts", "instrumentation-node.ts"],
    ignores: ["lib/env.ts"],
    rules: { "no-restricted-syntax": ["error", processEnv] },
  },
];

export default config;
