/**
 * The demo's shared password. DEMO ONLY: a real deployment creates accounts with `xinyong user create`.
 * A module of its own, importing nothing, so the browser tests sign in with it without the platform's
 * code in their type check (web/tsconfig.json).
 */
export const DEMO_PASSWORD = 'Huaian-Demo-2026!';
