"use client";

import { relationWords } from "@/components/standards/crosswalk-relation";
import type { ClaimOffer, CriterionOffers } from "@/lib/mapping/claim-offers";
import { alsoField, alsoRangeItemField, alsoRangeItemValue, alsoValue } from "@/lib/mapping/claims-form";
import { mappingStatusLabel } from "@/lib/mapping/status-words";
import { RangeFieldset } from "./range-checkboxes";

// The equivalents of the criterion being mapped in the candidate's other units (issue #18),
// inside the same form, so one "Map" claims them all. Each is a checkbox with its own range
// items; the relation is in words beside it. An equivalent the assessor has accepted already
// cannot be claimed again, so it is shown without a checkbox.

export type OfferChoices = {
  /** `alsoValue` of each ticked equivalent. */
  ticked: ReadonlySet<string>;
  /** The range items ticked for each equivalent, by `alsoValue`. */
  ranges: Readonly<Record<string, ReadonlySet<string>>>;
};

/** What the form starts with: exact equivalents ticked, each with the range items already claimed for it. */
export function initialOfferChoices(offers: CriterionOffers): OfferChoices {
  const ticked = new Set<string>();
  const ranges: Record<string, Set<string>> = {};
  for (const offer of offers.equivalents) {
    const key = alsoValue(offer.enrolmentId, offer.criterion.id);
    if (offer.ticked) ticked.add(key);
    ranges[key] = new Set(offer.mapping?.rangeItemIds ?? []);
  }
  return { ticked, ranges };
}

/** "Same requirement." or "Close: <why the pair holds>". */
function RelationInWords({ id, offer }: { id: string; offer: ClaimOffer }) {
  return (
    <p id={id} className="text-sm">
      {offer.relation === "exact" ? (
        <strong>{relationWords("exact")}.</strong>
      ) : (
        <>
          <strong>{relationWords("close")}:</strong> {offer.rationale}
        </>
      )}
    </p>
  );
}

/** An equivalent's own range items, ticked for it alone; usable once the equivalent is ticked. */
function OfferRange({
  offer,
  id,
  ticked,
  choices,
  onChange,
}: {
  offer: ClaimOffer;
  id: string;
  ticked: boolean;
  choices: OfferChoices;
  onChange: (next: OfferChoices) => void;
}) {
  if (offer.criterion.rangeItems.length === 0) return null;
  const key = alsoValue(offer.enrolmentId, offer.criterion.id);
  return (
    <div className="pl-6">
      <RangeFieldset
        criterionRef={`${offer.unitCode} ${offer.criterion.ref}`}
        idPrefix={id}
        range={offer.criterion}
        checked={choices.ranges[key] ?? new Set()}
        onChange={(next) => onChange({ ...choices, ranges: { ...choices.ranges, [key]: next } })}
        disabled={!ticked}
        name={alsoRangeItemField}
        valueFor={(rangeItemId) => alsoRangeItemValue(offer.enrolmentId, offer.criterion.id, rangeItemId)}
      />
      {!ticked && (
        <p className="text-sm text-slate-700">
          Tick {offer.unitCode} {offer.criterion.ref} above to choose its range items.
        </p>
      )}
    </div>
  );
}

function Offer({
  idPrefix,
  offer,
  choices,
  onChange,
}: {
  idPrefix: string;
  offer: ClaimOffer;
  choices: OfferChoices;
  onChange: (next: OfferChoices) => void;
}) {
  const key = alsoValue(offer.enrolmentId, offer.criterion.id);
  const id = `${idPrefix}-also-${offer.enrolmentId}-${offer.criterion.id}`;
  const ticked = choices.ticked.has(key);
  const name = (
    <>
      <span className="font-mono font-semibold">
        {offer.unitCode} {offer.criterion.ref}
      </span>{" "}
      {offer.criterion.text}
    </>
  );
  const relation = <RelationInWords id={`${id}-relation`} offer={offer} />;
  if (offer.mapping?.status === "ACCEPTED")
    return (
      <li className="space-y-1">
        <p>
          {name}: already accepted by your assessor for {offer.unitCode}, so it is not claimed again.
        </p>
        {relation}
      </li>
    );
  function tick(on: boolean) {
    const next = new Set(choices.ticked);
    if (on) next.add(key);
    else next.delete(key);
    onChange({ ...choices, ticked: next });
  }
  return (
    <li className="space-y-2">
      <div className="flex items-start gap-2">
        <input
          id={id}
          type="checkbox"
          name={alsoField}
          value={key}
          checked={ticked}
          onChange={(e) => tick(e.target.checked)}
          aria-describedby={`${id}-relation${offer.mapping ? ` ${id}-mapped` : ""}`}
          className="mt-1 h-4 w-4"
        />
        <label htmlFor={id}>{name}</label>
      </div>
      {relation}
      {offer.mapping && (
        <p id={`${id}-mapped`} className="text-sm">
          Already mapped for {offer.unitCode}: <strong>{mappingStatusLabel(offer.mapping.status)}</strong>. Ticking it
          maps it again{offer.criterion.rangeItems.length > 0 ? ", with the range items ticked below" : ""}.
        </p>
      )}
      <OfferRange offer={offer} id={id} ticked={ticked} choices={choices} onChange={onChange} />
    </li>
  );
}

/** The equivalents to claim with `criterionRef`, and the units where none is offered and why; nothing when there are neither. */
export function ClaimOffersFieldset({
  idPrefix,
  criterionRef,
  offers,
  choices,
  onChange,
}: {
  idPrefix: string;
  criterionRef: string;
  offers: CriterionOffers;
  choices: OfferChoices;
  onChange: (next: OfferChoices) => void;
}) {
  if (offers.equivalents.length === 0 && offers.noEquivalent.length === 0) return null;
  return (
    <fieldset className="space-y-3 rounded border border-slate-300 p-3" aria-describedby={`${idPrefix}-also-hint`}>
      <legend className="px-1 font-medium">Claim it in your other units too</legend>
      <p id={`${idPrefix}-also-hint`} className="text-sm text-slate-700">
        {offers.equivalents.length > 0
          ? `The crosswalk between the units pairs ${criterionRef} with these criteria. The ticked ones are mapped with it when you press Map. Each unit applies its own rules: if one refuses this evidence, the others are still mapped.`
          : `The crosswalk between the units offers no equivalent of ${criterionRef} in your other units.`}
      </p>
      {offers.equivalents.length > 0 && (
        <ul className="space-y-3">
          {offers.equivalents.map((offer) => (
            <Offer
              key={`${offer.enrolmentId}-${offer.criterion.id}`}
              idPrefix={idPrefix}
              offer={offer}
              choices={choices}
              onChange={onChange}
            />
          ))}
        </ul>
      )}
      {offers.noEquivalent.map((note) => (
        <p key={note.enrolmentId} className="text-sm">
          {note.reason}
        </p>
      ))}
    </fieldset>
  );
}
