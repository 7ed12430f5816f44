import type { FeatureRoute } from './feature.js';

/**
 * Addresses the app answers itself, which no public feature route may take or sit under:
 * LINE's webhook (src/line/webhook-route.ts), the health check (src/app.ts), the staff
 * console at /staff with the staff API at /staff/api (src/runtime.ts), the demo chat page
 * and its API (src/demo/demo-router.ts).
 */
export const RESERVED_PATHS: readonly string[] = ['/webhook', '/healthz', '/staff', '/demo'];

/** Where a staff-API route is served: the staff API's own prefix, then the route's path. */
const STAFF_API = '/staff/api';

/** A path as express mounts a feature's router: one or more lower-case segments, no trailing slash. */
const PATH_SHAPE = /^(\/[a-z0-9-]+)+$/;

/** A feature route the app could not serve as written: found at start, not by a 404 in production. */
export class BadFeatureRoute extends Error {
  override name = 'BadFeatureRoute';
  constructor(feature: string, route: FeatureRoute, why: string) {
    super(`feature "${feature}": the ${route.mount} route "${route.path}" ${why}`);
  }
}

/** The address a route is served at. */
export function addressOf(route: FeatureRoute): string {
  return route.mount === 'staff-api' ? `${STAFF_API}${route.path}` : route.path;
}

/** True when `inner` is `outer` or a path below it (segment by segment: /tips is not under /tip). */
export function isAtOrUnder(inner: string, outer: string): boolean {
  return inner === outer || inner.startsWith(`${outer}/`);
}

/**
 * The addresses of the bot's feature routes (the registry refuses two at one address). Refuses
 * a path of the wrong shape, a public route at or under a reserved address, and two routes (of
 * any mounts) of which one is under the other: express would hand the inner one's requests to
 * the outer router first, so one of them would silently never answer.
 */
export class RouteAddresses {
  private readonly claimed: Array<{ feature: string; address: string; route: FeatureRoute }> = [];

  /** Takes the route's address for the feature, or throws BadFeatureRoute saying why not. */
  claim(feature: string, route: FeatureRoute): void {
    if (!PATH_SHAPE.test(route.path)) throw new BadFeatureRoute(feature, route, 'is not a path like "/tip"');
    const address = addressOf(route);
    const reserved = RESERVED_PATHS.find((r) => route.mount === 'public' && isAtOrUnder(address, r));
    if (reserved) throw new BadFeatureRoute(feature, route, `is at or under "${reserved}", which the app serves`);
    const clash = this.claimed.find((c) => isAtOrUnder(address, c.address) || isAtOrUnder(c.address, address));
    // (The same address twice is the registry's DuplicateFeatureKey, checked before this.)
    if (clash)
      throw new BadFeatureRoute(
        feature,
        route,
        `(${address}) overlaps the ${clash.route.mount} route ${clash.address} of feature "${clash.feature}"`,
      );
    this.claimed.push({ feature, address, route });
  }
}
