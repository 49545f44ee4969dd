/**
 * Who may call a route, declared next to it (`config: { access }`, decision 0006):
 * - public: anyone, with the reason it is safe to be public;
 * - signed_in: any signed-in person (own password, sign-out), never a system key;
 * - permission: a signed-in account whose role grants it, or a system whose API key carries it;
 *   `purpose: true` makes a stated purpose mandatory for staff and systems; `systems: false` refuses
 *   system keys.
 *
 * The permission names are the application's (the access module's role table); the server is told
 * them (`HttpServerOptions.permissions`) and refuses to register a route naming one it does not know.
 */
export type RouteAccess<Permission extends string = string> =
  | { kind: 'public'; reason: string }
  | { kind: 'signed_in' }
  | { kind: 'permission'; permission: Permission; purpose?: boolean; systems?: boolean };
