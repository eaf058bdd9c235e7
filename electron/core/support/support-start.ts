/** Who is signed in, and what the request form needs: buildings, the questions, how to reach the desk. */
import type { DataSource } from 'typeorm';
import { EMPLOYEE_WIZARD_QUESTIONS, SCREENSHOT_LIMITS, type EmployeeProfile, type SupportStart } from '../../../shared/support';
import { BuildingEntity } from '../db/entities';
import { deskHoursWords } from './desk-hours-words';
import { employeeCaller } from './own-request';

export class SupportStartReader {
  constructor(
    private readonly db: DataSource,
    private readonly deskPhone: string,
    private readonly deskHours: string = deskHoursWords(),
  ) {}

  async me(callerId: number): Promise<EmployeeProfile> {
    const caller = await employeeCaller(this.db, callerId);
    return { callerId: caller.id, name: caller.name, email: caller.email, phone: caller.phone, buildingId: caller.buildingId, room: caller.room };
  }

  async start(callerId: number): Promise<SupportStart> {
    const [employee, buildings] = await Promise.all([
      this.me(callerId),
      this.db.getRepository(BuildingEntity).find({ where: { active: true }, order: { name: 'ASC' } }),
    ]);
    return {
      employee,
      buildings: buildings.map((b) => ({ id: b.id, name: b.name })),
      questions: EMPLOYEE_WIZARD_QUESTIONS,
      deskPhone: this.deskPhone,
      deskHours: this.deskHours,
      screenshots: SCREENSHOT_LIMITS,
    };
  }
}
