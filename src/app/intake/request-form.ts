import { emptyTexts, FORM_FIELDS, type RequestForm } from '../../domain/collaboration/description.js';
import type { StoredRequest } from '../ports.js';
import type { UnitDirectory } from '../../domain/units/unit-directory.js';

/** A fresh form: today, the worker's own unit and the worker's own contact details. */
export function newRequestForm(directory: UnitDirectory, workerId: string, today: string, teamsName?: string): RequestForm {
  const person = directory.person(workerId);
  const contact = [person?.name ?? teamsName, person?.email, person?.phone].filter(Boolean).join(', ');
  return {
    ...emptyTexts(),
    descriptionDate: today,
    sendingUnitId: directory.unitsOf(workerId)[0]?.id ?? '',
    senderContact: contact,
    collaborationUnitIds: [],
    consentRecorded: false,
    needConfirmedInTeam: false,
  };
}

export function formOf({ request, description }: StoredRequest): RequestForm {
  return {
    ...description.texts,
    descriptionDate: request.descriptionDate ?? '',
    sendingUnitId: request.sendingUnitId ?? '',
    collaborationUnitIds: request.collaborationUnitIds,
    consentRecorded: request.consentRecorded,
    needConfirmedInTeam: request.needConfirmedInTeam,
  };
}

export function sameForm(a: RequestForm, b: RequestForm): boolean {
  return FORM_FIELDS.every((field) =>
    field === 'collaborationUnitIds'
      ? [...a.collaborationUnitIds].sort().join(',') === [...b.collaborationUnitIds].sort().join(',')
      : a[field] === b[field],
  );
}
