// CASE 1.0 types (the package form).

export type LinkURI = { title: string; identifier: string; uri: string };

export type CFDocument = {
  identifier: string;
  uri: string;
  creator: string;
  title: string;
  lastChangeDateTime: string;
  publisher?: string;
  description?: string;
  subject?: string[];
  language?: string;
  version?: string;
  adoptionStatus?: string;
  statusStartDate?: string;
  notes?: string;
  /** Only on the single-object form (GET /CFDocuments, /CFDocuments/{id}). */
  CFPackageURI?: LinkURI;
};

export type CFItem = {
  identifier: string;
  uri: string;
  fullStatement: string;
  humanCodingScheme?: string;
  listEnumeration?: string;
  CFItemType?: string;
  CFItemTypeURI?: LinkURI;
  notes?: string;
  lastChangeDateTime: string;
  /** Only on the single-object form (GET /CFItems/{id}). */
  CFDocumentURI?: LinkURI;
};

export type CFAssociation = {
  identifier: string;
  /** isChildOf: the tree. exactMatchOf / isRelatedTo: an exact / close crosswalk pair (ADR 0022). */
  associationType: "isChildOf" | "exactMatchOf" | "isRelatedTo";
  uri: string;
  originNodeURI: LinkURI;
  destinationNodeURI: LinkURI;
  /** Only on isChildOf. */
  sequenceNumber?: number;
  lastChangeDateTime: string;
  /** Only on the single-object form (GET /CFAssociations/{id}). */
  CFDocumentURI?: LinkURI;
};

export type CFItemTypeDefinition = {
  identifier: string;
  uri: string;
  title: string;
  description: string;
  hierarchyCode: string;
  typeCode: string;
  lastChangeDateTime: string;
};

export type CFPackage = {
  CFDocument: CFDocument;
  CFItems: CFItem[];
  CFAssociations: CFAssociation[];
  CFDefinitions: { CFItemTypes: CFItemTypeDefinition[] };
};
