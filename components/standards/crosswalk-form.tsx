import { Button } from "@/components/ui/button";
import { FilterSelect } from "@/components/ui/filters";

/** Two labelled unit selects and a button: a plain GET form, so a crosswalk view can be bookmarked. */
export function CrosswalkForm({ units, a, b }: { units: { code: string; title: string }[]; a: string; b: string }) {
  const choices = units.map((u) => ({ value: u.code, label: `${u.code} ${u.title}` }));
  return (
    <form method="get" action="/standards/crosswalk" aria-labelledby="choose-heading" className="space-y-3">
      <h2 id="choose-heading" className="text-xl font-semibold">
        Choose two units
      </h2>
      <div className="grid max-w-3xl gap-3 sm:grid-cols-2">
        <FilterSelect
          id="crosswalk-a"
          name="a"
          label="First unit"
          value={a}
          choices={choices}
          anyLabel="Choose a unit"
        />
        <FilterSelect
          id="crosswalk-b"
          name="b"
          label="Second unit"
          value={b}
          choices={choices}
          anyLabel="Choose a unit"
        />
      </div>
      <Button type="submit">Show crosswalk</Button>
    </form>
  );
}
