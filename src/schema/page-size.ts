export const DEFAULT_PAGE_SIZE = 20;
/** Like GitHub's API: `first` is 0–100; anything else is refused, never silently clamped. */
export const MAX_PAGE_SIZE = 100;
