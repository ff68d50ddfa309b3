/** The Chromium flags used for tests and CI. */
export declare const CHROMIUM_ARGS: string[]
/** Candidates in order: $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser, Playwright's own. */
export declare function chromiumCandidates(): string[]
/** The first Chromium found, or undefined. */
export declare function findChromium(): string | undefined
