import type { CallerInput } from '../../../shared/contract';
import type { CallerRow } from '../db/entities';
import { callerSearchText } from './search-text';

/** The stored form of a caller's fields, with the search text kept in step with them. */
export function callerRowFields(input: CallerInput, buildingName: string | null): Omit<CallerRow, 'id' | 'createdAt' | 'updatedAt'> {
  const email = input.email ? input.email.toLowerCase() : null;
  const fields = {
    name: input.name,
    email,
    phone: input.phone ?? null,
    extension: input.extension ? input.extension.replace(/^x/i, '') : null,
    buildingId: input.buildingId ?? null,
    room: input.room ?? null,
    department: input.department ?? null,
    callerRole: input.role ?? null,
    notes: input.notes ?? null,
    employeeId: input.employeeId ?? null,
  };
  return {
    ...fields,
    searchText: callerSearchText({
      name: fields.name,
      email,
      phone: fields.phone,
      extension: fields.extension,
      buildingName,
      department: fields.department,
      employeeId: fields.employeeId,
    }),
  };
}
