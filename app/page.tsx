import Link from "next/link";

const roles = [
  {
    name: "Candidates",
    text: "upload evidence from real work once and map it to every criterion it proves, across all their units.",
  },
  {
    name: "Assessors",
    text: "review evidence, accept or reject each mapping with feedback, and sign criteria and units off.",
  },
  {
    name: "Quality assurers",
    text: "sample assessors' decisions; external quality assurers get scoped, read-only access.",
  },
  { name: "Centre admins", text: "enrol candidates, assign assessors and track progress against plan." },
];

export default function HomePage() {
  return (
    <div className="space-y-8">
      <section className="space-y-3">
        <h1 className="text-3xl font-bold">Competence evidence portfolio</h1>
        <p className="max-w-3xl text-lg text-slate-700">
          Run work-based qualifications from one place: evidence gathered at work, mapped to the units&apos; criteria,
          assessed, quality assured and tracked.
        </p>
        <div className="flex flex-wrap gap-3">
          <Link href="/login" className="rounded bg-brand-700 px-4 py-2 font-medium text-white hover:bg-brand-800">
            Sign in
          </Link>
          <Link
            href="/standards"
            className="rounded border border-slate-300 bg-white px-4 py-2 font-medium hover:bg-slate-100"
          >
            Browse the units
          </Link>
        </div>
      </section>
      <section aria-labelledby="who">
        <h2 id="who" className="mb-3 text-xl font-semibold">
          Who it is for
        </h2>
        <ul className="grid gap-4 sm:grid-cols-2">
          {roles.map((role) => (
            <li key={role.name} className="rounded border border-slate-200 bg-white p-4">
              <h3 className="font-semibold">{role.name}</h3>
              <p className="text-slate-700">{role.text}</p>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
