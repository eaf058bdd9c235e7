/**
 * A search whose answers race (search as you type): what it shows is the answer to the latest
 * request only, with the request it answers, so a screen can say "No article matches “…”" for
 * the words really searched. A failed search keeps the last good answer on show beside its error.
 */
import { ref, type Ref } from 'vue';
import type { ContractError, Result } from '../../../shared/result';
import { latestOnly } from './latest-only';

/** One page of an answer: the hits shown and how many match in all. */
export interface SearchPage<Hit> {
  hits: Hit[];
  total: number;
}

export interface LatestSearch<Asked, Hit, None> {
  hits: Ref<Hit[]>;
  total: Ref<number>;
  /** The request the shown hits answer (`none` before the first answer). */
  answered: Ref<Asked | None>;
  /** True from a request until its answer; an answer that is no longer the latest leaves it on. */
  searching: Ref<boolean>;
  /** Why the latest search failed; null once one succeeds. */
  error: Ref<ContractError | null>;
  search(asked: Asked): Promise<void>;
  /** Back to nothing asked; answers still on their way are dropped. */
  clear(): void;
}

export function latestSearch<Asked, Hit, Value, None>(
  ask: (asked: Asked) => Promise<Result<Value>>,
  page: (value: Value) => SearchPage<Hit>,
  none: None,
): LatestSearch<Asked, Hit, None> {
  const hits = ref([]) as Ref<Hit[]>;
  const total = ref(0);
  const answered = ref(none) as Ref<Asked | None>;
  const searching = ref(false);
  const error = ref<ContractError | null>(null);
  const run = latestOnly(ask);

  async function search(asked: Asked): Promise<void> {
    searching.value = true;
    const result = await run(asked);
    // An answer to an earlier request is ignored: the person has typed on since.
    if (result === null) return;
    searching.value = false;
    if (!result.ok) {
      error.value = result.error;
      return;
    }
    error.value = null;
    const found = page(result.value);
    hits.value = found.hits;
    total.value = found.total;
    answered.value = asked;
  }

  function clear(): void {
    run.cancel();
    hits.value = [];
    total.value = 0;
    answered.value = none;
    searching.value = false;
    error.value = null;
  }

  return { hits, total, answered, searching, error, search, clear };
}
