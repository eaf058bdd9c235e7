/**
 * The case search's words on PostgreSQL, held in memory: for every lexeme (as the `kb_english`
 * configuration makes it, so a word means here exactly what it means to the database's own
 * search) the ids of the cases holding it in their text or in a work note.
 *
 * Why: PostgreSQL's GIN indexes find a word's cases, but counting them visits the row of each,
 * and the search shows an exact total: a word a tenth of a million cases hold took 400 ms and
 * more. Here the same answer is a pass over sorted id arrays. SQLite's FTS5 counts from its own
 * index in milliseconds and needs none of this.
 *
 * Read once, a range of cases at a time, after the report facts. From then on the cases the fact
 * keeper names as changed (every case change writes an event, notes included) are read again
 * before the next search; their words are held apart from the arrays read at the start and
 * folded into them once there are many.
 */
import type { DataSource } from 'typeorm';
import { IN_CHUNK } from '../db/in-chunks';
import { yieldToEventLoop } from '../yield';
import { CASE_TEXT_VECTOR, NOTE_VECTOR } from './case-search-sql';

/** Cases read per statement at the start: under a second of PostgreSQL's work, and tens of milliseconds of the event loop's. */
const RANGE = 10_000;
/** Statements in flight at once while reading: PostgreSQL computes the vectors on two backends. */
const IN_FLIGHT = 2;
/** Cases read again since the start past which their words are folded into the arrays. */
const FOLD_AT = 50_000;

/** Array entries merged between two looks at the event loop while folding. */
const FOLD_SLICE = 1_000_000;

/** Words one search may hold here: the marks below count them in a byte. */
const MAX_TERMS = 250;

/** One term of a word's query: a lexeme, or every lexeme it begins (`'print':*`). */
interface Term {
  lexeme: string;
  prefix: boolean;
}

interface LexemeRow {
  id: number | string;
  w: string[] | null;
}

export class CaseWordIndex {
  private readonly codes = new Map<string, number>();
  private readonly lexemes: string[] = [];
  /** By lexeme code: the ids of the cases holding it as read at the start (ascending); a case marked in `apart` is answered from `moved` instead. */
  private postings: Int32Array[] = [];
  /** Cases read again since the start: their lexeme codes now. */
  private readonly changed = new Map<number, Int32Array>();
  /** By case id: 1 for the cases in `changed` (what the arrays say of them no longer counts). */
  private apart: Uint8Array = new Uint8Array(0);
  /** By lexeme code: the cases in `changed` holding it now. */
  private readonly moved = new Map<number, Set<number>>();
  private readonly pending = new Set<number>();
  private catching: Promise<void> | null = null;
  /** Lexeme codes in lexeme order, for prefixes (null when a new lexeme came since). */
  private inOrder: Int32Array | null = null;
  private topId = 0;
  private stopped = false;

  private readonly foldAt: number;
  private readonly range: number;

  /** `tuning`: how many cases read again are held apart before they are folded in, and cases per statement at the start (tests take fewer). */
  constructor(
    private readonly db: DataSource,
    tuning: { foldAt?: number; range?: number } = {},
  ) {
    this.foldAt = tuning.foldAt ?? FOLD_AT;
    this.range = tuning.range ?? RANGE;
  }

  /** Cases whose words may have changed: read again before the next answer. */
  markChanged(caseIds: Iterable<number>): void {
    for (const id of caseIds) this.pending.add(id);
  }

  /** Ends a read under way (the database is closing). */
  stop(): void {
    this.stopped = true;
  }

  /** Reads every case's words; cases written meanwhile come through `markChanged`. */
  async read(): Promise<void> {
    const [row] = await this.db.query('SELECT max(id) AS top FROM help_case');
    const top = Number(row?.top ?? 0);
    const lists: IdList[] = [];
    const ranges: Promise<LexemeRow[][]>[] = [];
    let next = 0;
    const ask = () => {
      if (next < top) {
        const range = this.lexemeRows(`id > ${next} AND id <= ${next + this.range}`, `case_id > ${next} AND case_id <= ${next + this.range}`);
        // A read that ends early (stopped, or a range failed) leaves the next range unawaited: its failure is not an error of its own.
        range.catch(() => undefined);
        ranges.push(range);
      }
      next += this.range;
    };
    for (let i = 0; i < IN_FLIGHT; i++) ask();
    while (ranges.length) {
      const rows = await (ranges.shift() as Promise<LexemeRow[][]>);
      if (this.stopped) throw new Error('The case word index was closed while it was read');
      ask();
      // Ranges come in ascending order and each one's cases in ascending order: every list stays sorted.
      for (const [id, codes] of this.casesOf(rows)) {
        for (const code of codes) (lists[code] ??= new IdList()).push(id);
      }
      await yieldToEventLoop();
    }
    this.postings = this.lexemes.map((_, code) => lists[code]?.done() ?? new Int32Array(0));
    this.topId = Math.max(this.topId, top);
    this.apart = grown(this.apart, this.topId + 1);
  }

  /**
   * The ids of the cases holding every word (ascending), the last a prefix when `lastIsPrefix`,
   * as the SQL search matches them (case-search-sql.ts); undefined when PostgreSQL makes of the
   * words a query this index does not answer (then the database does).
   */
  async casesHolding(words: readonly string[], lastIsPrefix: boolean): Promise<Int32Array | undefined> {
    const [terms] = await Promise.all([this.termsOf(words, lastIsPrefix), this.catchUp()]);
    // A word PostgreSQL parses into several lexemes must find them all in one text (as `@@` does there): the database answers that.
    if (terms === undefined || terms.length > MAX_TERMS || terms.some((t) => t.length > 1)) return undefined;
    // A word the configuration drops (a stop word of its own) matches no case, as `@@` an empty query.
    if (terms.length === 0 || terms.some((t) => t.length === 0)) return new Int32Array(0);
    const flat = terms.flat();
    const marks = new Uint8Array(this.topId + 1);
    const apart = this.apart;
    // A case holds the first k terms when its mark is k: each term moves on only the cases that held every one before it.
    flat.forEach((term, k) => {
      for (const code of this.codesOf(term)) {
        const ids = this.postings[code] as Int32Array;
        for (let i = 0; i < ids.length; i++) {
          const id = ids[i] as number;
          if (marks[id] === k && apart[id] !== 1) marks[id] = k + 1;
        }
        // Cases read again answer from their words now, whatever the arrays said of them.
        for (const id of this.moved.get(code) ?? []) if (marks[id] === k) marks[id] = k + 1;
      }
    });
    let n = 0;
    for (let id = 0; id < marks.length; id++) if (marks[id] === flat.length) n++;
    const found = new Int32Array(n);
    n = 0;
    for (let id = 0; id < marks.length; id++) if (marks[id] === flat.length) found[n++] = id;
    return found;
  }

  /** Each word's terms as PostgreSQL parses it (all must hold); undefined for a query of another form. */
  private async termsOf(words: readonly string[], lastIsPrefix: boolean): Promise<Term[][] | undefined> {
    const params = words.map((w, i) => `${w}${lastIsPrefix && i === words.length - 1 ? ':*' : ''}`);
    const [row] = await this.db.query(`SELECT ${params.map((_, i) => `to_tsquery('kb_english', $${i + 1})::text AS q${i}`).join(', ')}`, params);
    const terms: Term[][] = [];
    for (let i = 0; i < params.length; i++) {
      const parsed = parseTsquery(String(row?.[`q${i}`] ?? ''));
      if (parsed === undefined) return undefined;
      terms.push(parsed);
    }
    return terms;
  }

  /** The lexeme codes a term matches. */
  private codesOf(term: Term): number[] {
    if (!term.prefix) {
      const code = this.codes.get(term.lexeme);
      return code === undefined ? [] : [code];
    }
    const order = (this.inOrder ??= Int32Array.from(this.lexemes.keys()).sort((a, b) => compare(this.lexemes[a] as string, this.lexemes[b] as string)));
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (compare(this.lexemes[order[mid] as number] as string, term.lexeme) < 0) lo = mid + 1;
      else hi = mid;
    }
    const codes: number[] = [];
    for (let i = lo; i < order.length && (this.lexemes[order[i] as number] as string).startsWith(term.lexeme); i++) codes.push(order[i] as number);
    return codes;
  }

  /** Reads again the cases marked changed; concurrent searches share one read. */
  private async catchUp(): Promise<void> {
    while (this.pending.size || this.catching) {
      this.catching ??= this.readChanged().finally(() => {
        this.catching = null;
      });
      await this.catching;
    }
  }

  private async readChanged(): Promise<void> {
    while (this.pending.size) {
      const ids = [...this.pending].slice(0, IN_CHUNK).map((id) => Math.floor(id));
      for (const id of ids) this.pending.delete(id);
      const list = ids.join(', ');
      const found = this.casesOf(await this.lexemeRows(`id IN (${list})`, `case_id IN (${list})`));
      for (const id of ids) this.setApart(id, Int32Array.from(found.get(id) ?? []));
    }
    if (this.changed.size >= this.foldAt) await this.fold();
  }

  /** The lexemes of the cases a condition picks (help_case's) and of their work notes. */
  private lexemeRows(caseWhere: string, noteWhere: string): Promise<LexemeRow[][]> {
    return Promise.all([
      this.db.query(`SELECT id, tsvector_to_array(${CASE_TEXT_VECTOR}) AS w FROM help_case WHERE ${caseWhere} ORDER BY id`),
      this.db.query(`SELECT case_id AS id, tsvector_to_array(${NOTE_VECTOR}) AS w FROM case_event WHERE kind = 'note' AND ${noteWhere}`),
    ]);
  }

  /** Each case's lexeme codes (its text's and its notes', each once), in the order of the case rows. */
  private casesOf([cases, notes]: LexemeRow[][]): Map<number, number[]> {
    const noted = new Map<number, string[]>();
    for (const note of notes ?? []) {
      const id = Number(note.id);
      noted.set(id, [...(noted.get(id) ?? []), ...(note.w ?? [])]);
    }
    const found = new Map<number, number[]>();
    for (const row of cases ?? []) {
      const id = Number(row.id);
      const own = row.w ?? [];
      const extra = noted.get(id);
      found.set(id, (extra ? [...new Set([...own, ...extra])] : own).map((lexeme) => this.codeOf(lexeme)));
    }
    return found;
  }

  private codeOf(lexeme: string): number {
    let code = this.codes.get(lexeme);
    if (code === undefined) {
      code = this.lexemes.push(lexeme) - 1;
      this.codes.set(lexeme, code);
      this.postings[code] = new Int32Array(0);
      this.inOrder = null;
    }
    return code;
  }

  /** Holds a case's words as read again, apart from the arrays. */
  private setApart(id: number, codes: Int32Array): void {
    for (const code of this.changed.get(id) ?? []) this.moved.get(code)?.delete(id);
    this.changed.set(id, codes);
    for (const code of codes) {
      let cases = this.moved.get(code);
      if (!cases) this.moved.set(code, (cases = new Set()));
      cases.add(id);
    }
    if (id >= this.apart.length) this.apart = grown(this.apart, Math.max(id + 1, this.apart.length * 2));
    this.apart[id] = 1;
    this.topId = Math.max(this.topId, id);
  }

  /**
   * Moves the words of the cases read again into the arrays: one merge of two sorted lists per
   * lexeme, a slice at a time (a million cases' arrays take most of a second). No search reads the
   * arrays meanwhile: each waits for the catch-up this runs in.
   */
  private async fold(): Promise<void> {
    const apart = this.apart;
    let work = 0;
    for (let code = 0; code < this.postings.length; code++) {
      const ids = this.postings[code] as Int32Array;
      const more = Int32Array.from(this.moved.get(code) ?? []).sort();
      let kept = 0;
      for (let i = 0; i < ids.length; i++) if (apart[ids[i] as number] !== 1) kept++;
      const merged = new Int32Array(kept + more.length);
      let j = 0;
      let n = 0;
      for (let i = 0; i < ids.length; i++) {
        const id = ids[i] as number;
        if (apart[id] === 1) continue;
        while (j < more.length && (more[j] as number) < id) merged[n++] = more[j++] as number;
        merged[n++] = id;
      }
      while (j < more.length) merged[n++] = more[j++] as number;
      this.postings[code] = merged;
      work += ids.length;
      if (work >= FOLD_SLICE) {
        work = 0;
        await yieldToEventLoop();
      }
    }
    this.changed.clear();
    this.moved.clear();
    this.apart.fill(0);
  }
}

/** `'print':* & 'jam'` as terms; '' (no lexeme) as none; undefined for any other form (or, not, phrases). */
export function parseTsquery(text: string): Term[] | undefined {
  if (text.trim() === '') return [];
  const terms: Term[] = [];
  for (const part of text.split(' & ')) {
    const m = /^'((?:[^'\\]|'')*)'(:\*)?$/.exec(part.trim());
    if (!m) return undefined;
    terms.push({ lexeme: (m[1] as string).replace(/''/g, "'"), prefix: m[2] !== undefined });
  }
  return terms;
}

/** Code-unit order: every lexeme a prefix begins lies in one run of it. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `array` copied into a longer one (zeros after it). */
function grown(array: Uint8Array, length: number): Uint8Array {
  if (length <= array.length) return array;
  const longer = new Uint8Array(length);
  longer.set(array);
  return longer;
}

/** A growing list of ids, 4 bytes each. */
class IdList {
  private ids = new Int32Array(4);
  private n = 0;
  push(id: number): void {
    if (this.n === this.ids.length) {
      const grown = new Int32Array(this.n * 2);
      grown.set(this.ids);
      this.ids = grown;
    }
    this.ids[this.n++] = id;
  }
  done(): Int32Array {
    return this.ids.slice(0, this.n);
  }
}
