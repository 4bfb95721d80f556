/** What a worker's card sends for a complete description, beyond the prefilled date, unit and contact. */
export const COMPLETE_FORM_EDITS = {
  collaborationUnitIds: 'lastenpsykiatria,terveysasemat',
  wantedServices: 'Lastenpsykiatrialta arvio lapsen unihäiriöistä, terveysasemalta tukea vanhemman jaksamiseen.',
  receivedServices: 'Perhetyötä kaksi kertaa viikossa syksystä alkaen.',
  whatWorked: 'Kotikäynnit ovat toimineet, vastaanottoajat eivät.',
  assessmentHighlights: 'Perhe tarvitsee koordinoitua tukea usealta taholta.',
  consentRecorded: 'true',
  needConfirmedInTeam: 'true',
} as const;

/** The same, with the prefilled fields as the worker Wilma's card shows them. */
export const COMPLETE_FORM = {
  sendingUnitId: 'perhesosiaalityo',
  senderContact: 'Wilma Työntekijä, wilma.tyontekija@hyvinvointialue.example, +358 29 000 0101',
  ...COMPLETE_FORM_EDITS,
} as const;
