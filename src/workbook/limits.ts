/** The bounds on everything read from outside: defined once in the engine (../engine/limits.ts), used by every reader. */
export { LIMITS, type Limits } from "../engine/limits";
