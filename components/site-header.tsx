import Link from "next/link";
import { IdleKeepAlive } from "@/components/auth/idle-keep-alive";
import { RoleSwitcher } from "@/components/auth/role-switcher";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { unreadCount } from "@/lib/assessment/notifications";
import { queueCount } from "@/lib/assessment/queue";
import { getActor } from "@/lib/auth/session";
import { db } from "@/lib/db";
import { roleLabels } from "@/lib/authz/labels";

const roleNavigation = {
  CANDIDATE: [
    { href: "/candidate", label: "My units" },
    { href: "/candidate/evidence", label: "Evidence" },
    { href: "/candidate/credentials", label: "Credentials" },
  ],
  ASSESSOR: [
    { href: "/assessor", label: "My candidates" },
    { href: "/assessor/queue", label: "Review queue" },
    { href: "/assessor/qa-actions", label: "QA actions" },
  ],
  IQA: [
    { href: "/iqa", label: "My enrolments" },
    { href: "/iqa/plans", label: "Sampling plans" },
    { href: "/iqa/actions", label: "QA actions" },
    { href: "/iqa/strategy", label: "Strategy" },
    { href: "/iqa/report", label: "IQA report" },
  ],
  CENTRE_ADMIN: [
    { href: "/admin", label: "Centre" },
    { href: "/admin/people", label: "People" },
    { href: "/admin/enrolments", label: "Enrolments" },
    { href: "/admin/progress", label: "Progress" },
    { href: "/admin/visits", label: "EQA visits" },
    { href: "/admin/credentials", label: "Credentials" },
    { href: "/admin/audit", label: "Audit log" },
  ],
  EQA: [
    { href: "/eqa", label: "Shared portfolios" },
    { href: "/eqa/visits", label: "Visits" },
  ],
} as const;

export async function SiteHeader() {
  const actor = await getActor();
  const [waiting, unread] = actor
    ? await Promise.all([
        actor.active?.role === "ASSESSOR" ? queueCount(db, actor) : Promise.resolve(0),
        unreadCount(db, actor),
      ])
    : [0, 0];
  const navigation: { href: string; label: string; count?: number; countLabel?: string }[] = [
    ...(actor?.active ? roleNavigation[actor.active.role] : [{ href: "/", label: "Home" }]).map((item) =>
      item.href === "/assessor/queue" ? { ...item, count: waiting, countLabel: "waiting" } : item,
    ),
    ...(actor ? [{ href: "/notifications", label: "Notifications", count: unread, countLabel: "unread" }] : []),
    ...(actor?.isPlatformAdmin ? [{ href: "/platform/audit", label: "Platform audit log" }] : []),
    ...(actor?.isPlatformAdmin ? [{ href: "/platform/jobs", label: "Background jobs" }] : []),
    { href: "/standards", label: "Standards" },
    { href: "/verify", label: "Verify a credential" },
  ];
  return (
    <header className="border-b border-slate-200 bg-white">
      <a
        href="#main"
        className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2"
      >
        Skip to main content
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <Link href={actor ? "/home" : "/"} className="text-lg font-semibold text-slate-900">
          Competence Portfolio
        </Link>
        <nav aria-label="Main">
          <ul className="flex flex-wrap gap-4 text-sm">
            {navigation.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="text-brand-700 underline-offset-4 hover:underline">
                  {item.label}
                  {item.count ? (
                    <span className="ml-1 rounded-full bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white">
                      {item.count}
                      <span className="sr-only"> {item.countLabel}</span>
                    </span>
                  ) : null}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        {actor ? (
          <div className="flex flex-wrap items-center gap-3 text-sm">
            <IdleKeepAlive />
            <span>
              <span className="font-medium">{actor.name}</span>
              {actor.active && actor.roles.length === 1 ? (
                <span className="text-slate-700"> · {roleLabels[actor.active.role]}</span>
              ) : null}
            </span>
            <RoleSwitcher actor={actor} />
            <SignOutButton />
          </div>
        ) : (
          <Link
            href="/login"
            className="rounded border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100"
          >
            Sign in
          </Link>
        )}
      </div>
    </header>
  );
}
