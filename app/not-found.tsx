import Link from "next/link";

export default function NotFound() {
  return (
    <div className="space-y-3">
      <h1 className="text-2xl font-bold">Page not found</h1>
      <p>We could not find that page. It may have moved, or the address may be mistyped.</p>
      <p>
        <Link href="/" className="text-brand-700 underline">Go to the home page</Link> or{" "}
        <Link href="/standards" className="text-brand-700 underline">browse the units</Link>.
      </p>
    </div>
  );
}
