// Constants that vite.config.ts fills in at build time.

/** The page's own leave question (message leaveGuardFallback) in English: the page script has no i18n API. */
declare const __LEAVE_FALLBACK_EN__: string;

/** True in the dev build only (FLAVOUR=dev: tests and the bench); release code under it is removed. */
declare const __DEV_FLAVOUR__: boolean;
