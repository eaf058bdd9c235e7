/**
 * SLA policy versions managed at the desk: supervisors draft a version (refused when the SLA engine
 * cannot compute it, naming the field), publish it with the instant it takes effect (never in the
 * past; never the same instant as another), and record the annual review. Published versions are
 * registered in the engine at core start, at once on publish, and when another console on the
 * same PostgreSQL database publishes one (`policy.changed` through the event relay).
 */
import { DateTime } from 'luxon';
import { In, type DataSource, type EntityManager } from 'typeorm';
import type { StaffMember } from '../../../shared/domain';
import {
  BUILT_IN_POLICY_VERSION,
  type PolicyBody,
  type PolicyOverview,
  type PolicyPerson,
  type PolicyReview,
  type PolicyVersionDetail,
  type PolicyVersionSummary,
} from '../../../shared/policy';
import type { Clock } from '../clock';
import { StaffEntity } from '../db/entities';
import { SlaPolicyReviewEntity, SlaPolicyVersionEntity, type SlaPolicyReviewRow, type SlaPolicyVersionRow } from '../db/policy-entities';
import { isUniqueViolation } from '../db/unique-violation';
import { writeTransaction } from '../db/write-transaction';
import { DomainError } from '../errors';
import type { EventBus } from '../event-bus';
import type { SlaFacade } from '../services/sla-facade';
import { BUILT_IN_BODY, slaPolicyOf } from './policy-body';

/**
 * With no review recorded, the built-in version counts as reviewed when it was adopted: the first
 * local day of 2026 (its name's year). The next review is due the same local date a year after
 * the last one (Feb 29 → Feb 28), not after 365 days, as "annually" reads on a calendar.
 */
export const BUILT_IN_REVIEWED_ON = '2026-01-01';
const REVIEWS_LISTED = 20;

/** A draft's body as given: the targets, and what else it changes (the rest comes from the version it is based on). */
export type DraftBody = Pick<PolicyBody, 'targets'> & { [K in Exclude<keyof PolicyBody, 'targets'>]?: PolicyBody[K] | undefined };

export interface SaveDraftInput {
  version?: string | undefined;
  basedOn?: string | null | undefined;
  body: DraftBody;
  note?: string | null | undefined;
}

export class PolicyService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly events: EventBus,
    private readonly sla: SlaFacade,
  ) {
    events.subscribe((name, payload) => {
      // Another console published (relayed from PostgreSQL), or live updates came back after an
      // outage: read the published versions again. A failed read (core closing) is retried at the next.
      if (name === 'policy.changed' && (payload as { policyChange?: string }).policyChange === 'published') this.load().catch(() => undefined);
      if (name === 'live.status' && (payload as { state?: string }).state === 'live') this.load().catch(() => undefined);
    });
  }

  /** Registers every published version in the engine (registering is idempotent). */
  async load(m: EntityManager = this.db.manager): Promise<void> {
    const rows = await m.getRepository(SlaPolicyVersionEntity).find({ where: { state: 'published' }, order: { effectiveFrom: 'ASC' } });
    for (const row of rows) this.sla.registerPolicy(slaPolicyOf(row.version, JSON.parse(row.body) as PolicyBody), row.effectiveFrom as number);
  }

  async list(): Promise<PolicyOverview> {
    // Cheap (one small table): a version another console published is in force here too, even if its event is still on its way.
    await this.load();
    const now = this.clock.now();
    const rows = await this.db.getRepository(SlaPolicyVersionEntity).find();
    const reviewRows = await this.db.getRepository(SlaPolicyReviewEntity).find({ order: { at: 'DESC', id: 'DESC' }, take: REVIEWS_LISTED });
    const people = await this.people([...rows.flatMap((r) => [r.createdById, r.publishedById]), ...reviewRows.map((r) => r.byId)]);
    const inForce = this.sla.policyInForce(now).version;
    const versions = [this.builtInSummary(inForce), ...rows.map((r) => this.summaryOf(r, inForce, now, people))];
    versions.sort(byNewest);
    const reviews = reviewRows.map((r) => reviewOf(r, people));
    const lastReview = reviews[0] ?? null;
    const zone = this.sla.timeZone;
    const reviewedAt = lastReview ? DateTime.fromISO(lastReview.at, { zone }) : DateTime.fromISO(BUILT_IN_REVIEWED_ON, { zone });
    const dueAt = reviewedAt.plus({ years: 1 }).toMillis();
    return { timeZone: zone, inForce, versions, lastReview, reviewDueAt: iso(dueAt), reviewOverdue: now >= dueAt, reviews };
  }

  async get(version: string): Promise<PolicyVersionDetail> {
    await this.load();
    const now = this.clock.now();
    const inForce = this.sla.policyInForce(now).version;
    if (version === BUILT_IN_POLICY_VERSION) return { ...this.builtInSummary(inForce), body: BUILT_IN_BODY, timeZone: this.sla.timeZone };
    const row = await this.db.getRepository(SlaPolicyVersionEntity).findOneBy({ version });
    if (!row) throw new DomainError('not_found', `There is no SLA policy version ${version}`, 'version');
    return this.detailOf(row, inForce, now, await this.people([row.createdById, row.publishedById]));
  }

  /** A new draft (no version: the next free name of this year) or a change to a draft. */
  async saveDraft(input: SaveDraftInput, actor: StaffMember): Promise<PolicyVersionDetail> {
    const now = this.clock.now();
    const repo = this.db.getRepository(SlaPolicyVersionEntity);
    const version = input.version ?? (await this.nextVersionName(now));
    if (version === BUILT_IN_POLICY_VERSION) throw new DomainError('conflict', `${version} is the built-in version and never changes: save your changes as a new version`, 'version');
    if (input.basedOn != null && input.basedOn !== BUILT_IN_POLICY_VERSION && !(await repo.existsBy({ version: input.basedOn }))) {
      throw new DomainError('invalid_input', `Based on: there is no SLA policy version ${input.basedOn}`, 'basedOn');
    }
    const full = await this.completed(input.body, input.basedOn ?? null, now);
    this.refuseUncomputable(version, full, now);
    const body = JSON.stringify(full);
    try {
      await writeTransaction(this.db, async (m) => {
        const r = m.getRepository(SlaPolicyVersionEntity);
        const existing = await r.findOneBy({ version });
        if (existing?.state === 'published') throw new DomainError('conflict', `Version ${version} is published and never changes: save your changes as a new version`, 'version');
        if (existing) {
          await r.update({ id: existing.id, state: 'draft' }, { body, note: input.note ?? null, ...(input.basedOn !== undefined ? { basedOn: input.basedOn } : {}), updatedAt: now });
        } else {
          await r.insert({ version, state: 'draft', effectiveFrom: null, body, basedOn: input.basedOn ?? null, note: input.note ?? null, createdById: actor.id, createdAt: now, publishedById: null, publishedAt: null, updatedAt: now });
        }
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw new DomainError('conflict', `Another supervisor just saved version ${version}: open it and save again`, 'version');
      throw error;
    }
    this.events.publish('policy.changed', { policyVersion: version, policyChange: 'draft' });
    return this.get(version);
  }

  async deleteDraft(version: string): Promise<{ version: string }> {
    const repo = this.db.getRepository(SlaPolicyVersionEntity);
    const result = await writeTransaction(this.db, (m) => m.getRepository(SlaPolicyVersionEntity).delete({ version, state: 'draft' }));
    if (!result.affected) {
      if (version === BUILT_IN_POLICY_VERSION || (await repo.existsBy({ version }))) throw new DomainError('conflict', `Version ${version} is published: published versions are kept, since cases are computed under them`, 'version');
      throw new DomainError('not_found', `There is no draft ${version}`, 'version');
    }
    this.events.publish('policy.changed', { policyVersion: version, policyChange: 'deleted' });
    return { version };
  }

  /** Publishes a draft in force from `effectiveFrom`; the publication is the review's record (who, when, note). */
  async publish(input: { version: string; effectiveFrom: string; note?: string | null | undefined }, actor: StaffMember): Promise<PolicyVersionDetail> {
    const now = this.clock.now();
    const effectiveFrom = Date.parse(input.effectiveFrom);
    if (Number.isNaN(effectiveFrom)) throw new DomainError('invalid_input', 'Effective from must be a date and time', 'effectiveFrom');
    if (effectiveFrom < now) {
      throw new DomainError('invalid_input', `Effective from must not be in the past (it is ${iso(now)} now): open cases keep their version, and cases already received keep theirs too`, 'effectiveFrom');
    }
    let body: PolicyBody | null = null;
    try {
      await writeTransaction(this.db, async (m) => {
        const r = m.getRepository(SlaPolicyVersionEntity);
        const row = await r.findOneBy({ version: input.version });
        if (!row) throw new DomainError(input.version === BUILT_IN_POLICY_VERSION ? 'conflict' : 'not_found', `There is no draft ${input.version} to publish`, 'version');
        if (row.state === 'published') throw new DomainError('conflict', `Version ${input.version} is already published`, 'version');
        const same = await r.findOneBy({ effectiveFrom });
        if (same) throw sameInstant(same.version, effectiveFrom);
        body = JSON.parse(row.body) as PolicyBody;
        // Checked again: the desk's calendar may have changed since the draft was saved.
        this.refuseUncomputable(row.version, body, now);
        await r.update({ id: row.id, state: 'draft' }, { state: 'published', effectiveFrom, publishedById: actor.id, publishedAt: now, updatedAt: now });
        await m.getRepository(SlaPolicyReviewEntity).insert({ at: now, byId: actor.id, version: row.version, kind: 'published', note: input.note ?? row.note });
      });
    } catch (error) {
      if (isUniqueViolation(error)) throw sameInstant(null, effectiveFrom);
      throw error;
    }
    this.sla.registerPolicy(slaPolicyOf(input.version, body as unknown as PolicyBody), effectiveFrom);
    this.events.publish('policy.changed', { policyVersion: input.version, policyChange: 'published' });
    return this.get(input.version);
  }

  /** "Reviewed, no change": the annual review of the version in force. */
  async markReviewed(input: { note?: string | null | undefined }, actor: StaffMember): Promise<PolicyReview> {
    const now = this.clock.now();
    const version = this.sla.policyInForce(now).version;
    await writeTransaction(this.db, (m) => m.getRepository(SlaPolicyReviewEntity).insert({ at: now, byId: actor.id, version, kind: 'reviewed', note: input.note ?? null }));
    this.events.publish('policy.changed', { policyVersion: version, policyChange: 'reviewed' });
    return { at: iso(now), by: { id: actor.id, name: actor.name }, version, kind: 'reviewed', note: input.note ?? null };
  }

  /** The body with what it left out taken from the version it is based on (the one in force when none). */
  private async completed(given: DraftBody, basedOn: string | null, now: number): Promise<PolicyBody> {
    const base = given.intakeCutoffPriorities && given.warnings && given.weeklyHours && given.intakeCutoff !== undefined ? null : (await this.get(basedOn ?? this.sla.policyInForce(now).version)).body;
    return {
      targets: given.targets,
      intakeCutoffPriorities: given.intakeCutoffPriorities ?? (base as PolicyBody).intakeCutoffPriorities,
      warnings: given.warnings ?? (base as PolicyBody).warnings,
      weeklyHours: given.weeklyHours ?? (base as PolicyBody).weeklyHours,
      intakeCutoff: given.intakeCutoff !== undefined ? given.intakeCutoff : (base as PolicyBody).intakeCutoff,
    };
  }

  private refuseUncomputable(version: string, body: PolicyBody, now: number): void {
    const [first] = this.sla.policyProblems(slaPolicyOf(version, body), now);
    if (first) throw new DomainError('invalid_input', first.message, `body.${first.field}`);
  }

  /** "2027.1" for the first draft of 2027, "2027.2" after it; by the desk's local year. */
  private async nextVersionName(now: number): Promise<string> {
    const year = DateTime.fromMillis(now, { zone: this.sla.timeZone }).year;
    const names = (await this.db.getRepository(SlaPolicyVersionEntity).find({ select: { version: true } })).map((r) => r.version);
    names.push(BUILT_IN_POLICY_VERSION);
    let n = 0;
    for (const name of names) {
      const m = /^(\d{4})\.(\d+)$/.exec(name);
      if (m && Number(m[1]) === year) n = Math.max(n, Number(m[2]));
    }
    return `${year}.${n + 1}`;
  }

  private builtInSummary(inForce: string): PolicyVersionSummary {
    return {
      version: BUILT_IN_POLICY_VERSION,
      state: 'published',
      effectiveFrom: null,
      builtIn: true,
      inForce: inForce === BUILT_IN_POLICY_VERSION,
      upcoming: false,
      basedOn: null,
      note: 'The agreement as built into Deskwatch, in force from the beginning.',
      createdAt: null,
      createdBy: null,
      publishedAt: null,
      publishedBy: null,
      updatedAt: null,
    };
  }

  private summaryOf(r: SlaPolicyVersionRow, inForce: string, now: number, people: Map<number, PolicyPerson>): PolicyVersionSummary {
    const person = (id: number | null) => (id === null ? null : (people.get(id) ?? { id, name: `Staff #${id}` }));
    return {
      version: r.version,
      state: r.state,
      effectiveFrom: r.effectiveFrom === null ? null : iso(r.effectiveFrom),
      builtIn: false,
      inForce: r.version === inForce,
      upcoming: r.state === 'published' && (r.effectiveFrom as number) > now,
      basedOn: r.basedOn,
      note: r.note,
      createdAt: iso(r.createdAt),
      createdBy: person(r.createdById),
      publishedAt: r.publishedAt === null ? null : iso(r.publishedAt),
      publishedBy: person(r.publishedById),
      updatedAt: iso(r.updatedAt),
    };
  }

  private detailOf(r: SlaPolicyVersionRow, inForce: string, now: number, people: Map<number, PolicyPerson>): PolicyVersionDetail {
    return { ...this.summaryOf(r, inForce, now, people), body: JSON.parse(r.body) as PolicyBody, timeZone: this.sla.timeZone };
  }

  private async people(ids: readonly (number | null)[]): Promise<Map<number, PolicyPerson>> {
    const wanted = [...new Set(ids.filter((id): id is number => id !== null))];
    if (!wanted.length) return new Map();
    const rows = await this.db.getRepository(StaffEntity).find({ select: { id: true, name: true }, where: { id: In(wanted) } });
    return new Map(rows.map((r) => [r.id, { id: r.id, name: r.name }]));
  }
}

function sameInstant(other: string | null, at: number): DomainError {
  return new DomainError('invalid_input', `Effective from: ${other ? `version ${other}` : 'another version'} already takes effect at ${iso(at)}; choose another instant`, 'effectiveFrom');
}

function reviewOf(r: SlaPolicyReviewRow, people: Map<number, PolicyPerson>): PolicyReview {
  return { at: iso(r.at), by: r.byId === null ? null : (people.get(r.byId) ?? { id: r.byId, name: `Staff #${r.byId}` }), version: r.version, kind: r.kind, note: r.note };
}

/** Drafts first (newest change first), then published versions by effective instant, latest first; the built-in last. */
function byNewest(a: PolicyVersionSummary, b: PolicyVersionSummary): number {
  const rank = (v: PolicyVersionSummary) => (v.state === 'draft' ? 0 : v.builtIn ? 2 : 1);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  const key = (v: PolicyVersionSummary) => (v.state === 'draft' ? (v.updatedAt ?? '') : (v.effectiveFrom ?? ''));
  return key(b).localeCompare(key(a));
}

const iso = (ms: number) => new Date(ms).toISOString();
