import Link from "next/link";
import { IdleKeepAlive } from "@/components/auth/idle-keep-alive";
import { RoleSwitcher } from "@/components/auth/role-switcher";
import { SignOutButton } from "@/components/auth/sign-out-button";
import { getActor } from "@/lib/auth/session";
import { roleLabels } from "@/lib/authz/labels";

const roleNavigation = {
  CANDIDATE: [{ href: "/candidate", label: "My units" }],
  ASSESSOR: [{ href: "/assessor", label: "My candidates" }],
  IQA: [{ href: "/iqa", label: "Sampling" }],
  CENTRE_ADMIN: [
    { href: "/admin", label: "Centre" },
    { href: "/admin/people", label: "People" },
    { href: "/admin/enrolments", label: "Enrolments" },
  ],
  EQA: [{ href: "/eqa", label: "Shared portfolios" }],
} as const;

export async function SiteHeader() {
  const actor = await getActor();
  const navigation = [
    ...(actor?.active ? roleNavigation[actor.active.role] : [{ href: "/", label: "Home" }]),
    { href: "/standards", label: "Standards" },
  ];
  return (
    <header className="border-b border-slate-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
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
              {actor.active && actor.roles.length === 1 ? <span className="text-slate-700"> · {roleLabels[actor.active.role]}</span> : null}
            </span>
            <RoleSwitcher actor={actor} />
            <SignOutButton />
          </div>
        ) : (
          <Link href="/login" className="rounded border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
            Sign in
          </Link>
        )}
      </div>
    </header>
  );
}
