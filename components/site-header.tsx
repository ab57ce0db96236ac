import Link from "next/link";

const navigation = [
  { href: "/", label: "Home" },
  { href: "/standards", label: "Standards" },
];

export function SiteHeader() {
  return (
    <header className="border-b border-slate-200 bg-white">
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:bg-white focus:p-2">
        Skip to main content
      </a>
      <div className="mx-auto flex max-w-6xl flex-wrap items-center justify-between gap-4 px-4 py-3">
        <Link href="/" className="text-lg font-semibold text-slate-900">
          Competence Portfolio
        </Link>
        <nav aria-label="Main">
          <ul className="flex gap-4 text-sm">
            {navigation.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="text-brand-700 underline-offset-4 hover:underline">
                  {item.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <Link href="/login" className="rounded border border-slate-300 px-3 py-1.5 text-sm font-medium hover:bg-slate-100">
          Sign in
        </Link>
      </div>
    </header>
  );
}
