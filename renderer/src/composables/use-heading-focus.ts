import { onMounted, ref } from 'vue';
import { useRouter } from 'vue-router';

/**
 * Moves focus to a screen's main heading when the screen is reached by navigation, so a screen
 * reader announces where the person arrived. The first screen after a page load keeps the
 * browser's own focus.
 */
export function useHeadingFocus() {
  const heading = ref<HTMLElement | null>(null);
  const router = useRouter();
  onMounted(() => {
    const arrivedByNavigation = router.options.history.state.back !== null;
    if (arrivedByNavigation) heading.value?.focus({ preventScroll: false });
  });
  return heading;
}
