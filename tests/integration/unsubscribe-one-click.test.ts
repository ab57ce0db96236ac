import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { POST as UnsubscribePost } from "@/app/api/unsubscribe/route";
import type { SmtpMailer as SmtpMailerClass } from "@/lib/mail/smtp-mailer";
import { emailNotification } from "@/lib/notify/email";
import { notify } from "@/lib/notify";
import { fakeHeadersForCommonJs } from "../helpers/next-request";
import { provider, useMigratedDb } from "../helpers/test-db";
import { releaseAppModules } from "../helpers/app-modules";

// One-click unsubscribe (RFC 8058): a notification email carries List-Unsubscribe and
// List-Unsubscribe-Post headers, and a mail program's POST to that address turns the person's
// notification emails off without signing in; a forged or edited token changes nothing.

vi.mock("server-only", () => ({}));
vi.mock("next/headers", async () => (await import("../helpers/next-request")).fakeHeaders);

const state = useMigratedDb();
const savedEnv = { ...process.env };
const secret = "one-click-unsubscribe-secret-0123456789abcdef";
const links = { baseUrl: "https://portfolio.example", secret };
let undoCommonJs: (() => void) | undefined;
let post: typeof UnsubscribePost;
let SmtpMailer: typeof SmtpMailerClass;

beforeAll(async () => {
  // lib/env is read when first imported (the route and the mailer import it): they are loaded
  // only once the test database and the secret are set.
  Object.assign(process.env, { DATABASE_URL: state.url, NEXTAUTH_SECRET: secret, NEXTAUTH_URL: links.baseUrl });
  delete process.env.SMTP_URL;
  undoCommonJs = fakeHeadersForCommonJs();
  ({ POST: post } = await import("@/app/api/unsubscribe/route"));
  ({ SmtpMailer } = await import("@/lib/mail/smtp-mailer"));
}, 120_000);

afterAll(async () => {
  undoCommonJs?.();
  await releaseAppModules(savedEnv);
});

/** An immediate notification email for a new person, delivered through a transport that keeps what it is given. */
async function deliveredEmail(email: string) {
  const user = await state.db.user.create({ data: { email, name: "Ivy", notificationEmail: "immediate" } });
  await state.db.$transaction((tx) =>
    notify(tx, {
      userId: user.id,
      kind: "comment.added",
      title: "A new comment",
      body: "On your evidence.",
      link: "/",
    }),
  );
  const notification = await state.db.notification.findFirstOrThrow({ where: { userId: user.id } });
  await emailNotification(state.db, notification.id, links, new Date());
  const message = await state.db.outboxMessage.findFirstOrThrow({ where: { to: email } });
  const sent: { headers?: Record<string, string> }[] = [];
  const smtp = new SmtpMailer({
    url: "smtp://localhost:2525",
    from: "portfolio@example.org",
    client: state.db,
    transport: { sendMail: async (mail) => void sent.push(mail) },
  });
  expect(await smtp.deliverOne(state.db, message.id)).toBe(true);
  return { user, headers: sent[0]?.headers ?? {} };
}

const choiceOf = async (userId: string) =>
  (await state.db.user.findUniqueOrThrow({ where: { id: userId } })).notificationEmail;

function oneClick(url: string) {
  return post(
    new Request(url, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    }),
    {},
  );
}

describe(`one-click unsubscribe on ${provider}`, () => {
  it("sends List-Unsubscribe headers whose address turns notification emails off with one POST", async () => {
    const { user, headers } = await deliveredEmail("ivy-one-click@example.org");
    expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const url = /^<(https:\/\/portfolio\.example\/api\/unsubscribe\?token=[^>]+)>$/.exec(
      headers["List-Unsubscribe"] ?? "",
    )?.[1];
    expect(url, headers["List-Unsubscribe"]).toBeDefined();

    const response = await oneClick(url!);
    expect(response.status).toBe(200);
    expect(await choiceOf(user.id)).toBe("none");
  });

  it("refuses an edited or missing token and changes nobody's choice", async () => {
    const { user, headers } = await deliveredEmail("ivy-forged@example.org");
    const url = /<([^>]+)>/.exec(headers["List-Unsubscribe"] ?? "")![1]!;
    const edited = await oneClick(url.slice(0, -2) + (url.endsWith("AA") ? "BB" : "AA"));
    expect(edited.status).toBe(400);
    expect(((await edited.json()) as { message: string }).message).toMatch(/not valid/);
    expect((await oneClick("https://portfolio.example/api/unsubscribe")).status).toBe(400);
    expect(await choiceOf(user.id)).toBe("immediate");
  });
});
