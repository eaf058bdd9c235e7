import type { Caller } from '../../../shared/domain';
import type { CallerRow } from '../db/entities';

export function toCaller(row: CallerRow, buildingName: string | null): Caller {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    phone: row.phone,
    extension: row.extension,
    buildingId: row.buildingId,
    buildingName,
    room: row.room,
    department: row.department,
    role: row.callerRole,
    notes: row.notes,
    employeeId: row.employeeId,
  };
}
