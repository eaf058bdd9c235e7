/**
 * What a case transition tells others inside its own transaction: another part of the core (the
 * caller's email) writes what follows from the change in the same transaction, so the change and
 * what it causes are saved together or not at all. An observer that throws rolls the transition
 * back: observers only write rows (an email is queued, never sent from here).
 */
import type { EntityManager } from 'typeorm';
import type { TransitionInput } from '../../../shared/contract';
import type { StaffMember } from '../../../shared/domain';
import type { CaseRow } from '../db/entities';

/** Why a transition was made, when it was not one person's single action. */
export interface TransitionCause {
  /**
   * Resolved with an outage (outage-resolution.ts). `notify`: the caller's cases this outage
   * resolved, this one included, to tell them about in one notice; null: tell nothing now (another
   * of the caller's cases follows and carries the notice).
   */
  outage: { id: number; title: string; notify: readonly number[] | null };
}

export interface CaseTransition {
  m: EntityManager;
  input: TransitionInput;
  before: CaseRow;
  after: CaseRow;
  actor: StaffMember | null;
  cause: TransitionCause | null;
}

export type TransitionObserver = (transition: CaseTransition) => Promise<void>;

export class TransitionObservers {
  private readonly observers: TransitionObserver[] = [];

  /** Answers a function that removes the observer again. */
  add(observer: TransitionObserver): () => void {
    this.observers.push(observer);
    return () => void this.observers.splice(this.observers.indexOf(observer), 1);
  }

  async notify(transition: CaseTransition): Promise<void> {
    for (const observer of this.observers) await observer(transition);
  }
}
