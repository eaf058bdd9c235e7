/**
 * The keys of a search box with a list of options (the ARIA 1.2 combobox pattern): the arrows move
 * through the options and wrap around, Enter chooses the highlighted one, Escape closes the list and
 * a second Escape clears the box. Only an empty, closed box lets Escape through, so a dialog or a
 * screen that discards on Escape sees it only then.
 */
import { computed, ref, type ComputedRef, type Ref } from 'vue';

export interface ComboboxOptions {
  /** How many options the list holds now. */
  count: () => number;
  /** The DOM id of the option at `index` (for `aria-activedescendant` and scrolling it into view). */
  optionId: (index: number) => string;
  /** Chooses the option at `index`. */
  pick: (index: number) => void;
  /** Whether the box holds text a second Escape would clear. */
  hasText: () => boolean;
  /** Empties the box (a second Escape). */
  clear: () => void;
  /**
   * Whether Enter is kept from the form even with no option highlighted (the person is still
   * searching and results may not have arrived). Default: no.
   */
  holdEnter?: () => boolean;
}

export interface ComboboxKeys {
  open: Ref<boolean>;
  /** The highlighted option's index; -1 for none. */
  active: Ref<number>;
  /** Open with something in it: the value of `aria-expanded`. */
  expanded: ComputedRef<boolean>;
  /** The highlighted option's id while the list shows (`aria-activedescendant`). */
  activeId: ComputedRef<string | undefined>;
  close(): void;
  onKeydown(event: KeyboardEvent): void;
}

export function useComboboxKeys(options: ComboboxOptions): ComboboxKeys {
  const open = ref(false);
  const active = ref(-1);
  const expanded = computed(() => open.value && options.count() > 0);
  const activeId = computed(() => (expanded.value && active.value >= 0 ? options.optionId(active.value) : undefined));

  function close(): void {
    open.value = false;
    active.value = -1;
  }

  function move(step: 1 | -1): void {
    open.value = true;
    const count = options.count();
    if (count === 0) return;
    active.value = active.value < 0 ? (step === 1 ? 0 : count - 1) : (active.value + step + count) % count;
    document.getElementById(options.optionId(active.value))?.scrollIntoView({ block: 'nearest' });
  }

  function onKeydown(event: KeyboardEvent): void {
    if (event.ctrlKey || event.altKey || event.metaKey) return;
    switch (event.key) {
      case 'ArrowDown':
        event.preventDefault();
        move(1);
        break;
      case 'ArrowUp':
        event.preventDefault();
        move(-1);
        break;
      case 'Enter':
        if (expanded.value && active.value >= 0) {
          event.preventDefault();
          options.pick(active.value);
        } else if (options.holdEnter?.()) {
          event.preventDefault();
        }
        break;
      case 'Escape':
        if (expanded.value) {
          event.preventDefault();
          event.stopPropagation();
          close();
        } else if (options.hasText()) {
          event.preventDefault();
          event.stopPropagation();
          options.clear();
        }
        break;
    }
  }

  return { open, active, expanded, activeId, close, onKeydown };
}
