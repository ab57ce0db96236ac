import { createRequire } from "node:module";
import path from "node:path";

// Stand-ins for the parts of Next that only work inside a real request (cookies(), headers(),
// revalidatePath(), redirect()...), so server actions and route handlers can be called from a
// test. A test file installs them with vi.mock (see tests/integration/cross-tenant.test.ts);
// the database and the app's own code stay real. What the code asked of them (cookies set,
// paths revalidated) is recorded in `requestContext` for the test to check.

/** What next/navigation's redirect() and notFound() throw here, so a test can see where it was sent. */
export class NavigationSignal extends Error {
  constructor(
    readonly kind: "redirect" | "notFound" | "forbidden" | "unauthorized",
    readonly to: string | null = null,
  ) {
    super(`next/navigation ${kind}${to ? ` to ${to}` : ""}`);
  }
}

export const requestContext = {
  /** Who is signed in (the user id the session would carry), or null. */
  userId: null as string | null,
  /** Cookies the request came with. */
  cookies: new Map<string, string>(),
  /** Cookies the code set or deleted during the call. */
  cookiesSet: [] as { name: string; value: string }[],
  headers: new Headers({ host: "portfolio.test", "x-forwarded-proto": "http" }),
  /** revalidatePath/revalidateTag/refresh calls during the call. */
  revalidated: [] as string[],
  /** Starts a new request: no cookies, nothing recorded. */
  reset() {
    this.cookies.clear();
    this.cookiesSet.length = 0;
    this.revalidated.length = 0;
  },
};

function cookieStore() {
  const all = () => [...requestContext.cookies].map(([name, value]) => ({ name, value }));
  return {
    get: (name: string) => all().find((c) => c.name === name),
    getAll: () => all(),
    has: (name: string) => requestContext.cookies.has(name),
    set: (name: string | { name: string; value: string }, value?: string) => {
      const cookie = typeof name === "string" ? { name, value: value ?? "" } : { name: name.name, value: name.value };
      requestContext.cookiesSet.push(cookie);
      requestContext.cookies.set(cookie.name, cookie.value);
    },
    delete: (name: string) => {
      requestContext.cookiesSet.push({ name, value: "" });
      requestContext.cookies.delete(name);
    },
  };
}

export const fakeHeaders = {
  cookies: async () => cookieStore(),
  headers: async () => new Headers(requestContext.headers),
  draftMode: async () => ({ isEnabled: false, enable() {}, disable() {} }),
};

export const fakeCache = {
  revalidatePath: (route: string, type?: string) =>
    void requestContext.revalidated.push(`path ${route}${type ? ` (${type})` : ""}`),
  revalidateTag: (tag: string) => void requestContext.revalidated.push(`tag ${tag}`),
  updateTag: (tag: string) => void requestContext.revalidated.push(`tag ${tag}`),
  refresh: () => void requestContext.revalidated.push("refresh"),
};

export const fakeNavigation = {
  redirect: (to: string): never => {
    throw new NavigationSignal("redirect", to);
  },
  permanentRedirect: (to: string): never => {
    throw new NavigationSignal("redirect", to);
  },
  notFound: (): never => {
    throw new NavigationSignal("notFound");
  },
  forbidden: (): never => {
    throw new NavigationSignal("forbidden");
  },
  unauthorized: (): never => {
    throw new NavigationSignal("unauthorized");
  },
};

/**
 * next-auth is CommonJS outside Vite's module graph and calls require("next/headers") itself,
 * which vi.mock does not reach: put the same stand-in in Node's require cache. Returns the undo.
 */
export function fakeHeadersForCommonJs(): () => void {
  const require = createRequire(path.resolve("node_modules/next-auth/package.json"));
  const file = require.resolve("next/headers");
  const previous = require.cache[file];
  require.cache[file] = {
    id: file,
    filename: file,
    loaded: true,
    exports: fakeHeaders,
    children: [],
    paths: [],
  } as unknown as NodeJS.Module;
  return () => {
    if (previous) require.cache[file] = previous;
    else delete require.cache[file];
  };
}
