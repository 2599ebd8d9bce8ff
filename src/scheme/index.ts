export * from "./types";
export { CTS_TBSC094_2026 } from "./cts-tbsc094-2026";
import { CTS_TBSC094_2026 } from "./cts-tbsc094-2026";
import type { RuleProfile, Scheme } from "./types";

/** The scheme every adapter uses unless told otherwise. */
export const DEFAULT_SCHEME: Scheme = CTS_TBSC094_2026;

/** The profile with this id, or undefined. */
export function findProfile(scheme: Scheme, id: string | undefined | null): RuleProfile | undefined {
  return scheme.profiles.find((p) => p.id === (id ?? scheme.defaultProfile));
}
