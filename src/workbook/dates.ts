/**
 * Dates in spreadsheet cells: a date is a serial number (days since 1899-12-30 in the 1900 date system
 * every template uses) shown with a date format, or text a person typed. One conversion each way.
 */
import { isIsoDate } from "../engine";

const EPOCH_1900 = Date.UTC(1899, 11, 30);
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const DAY = 86_400_000;

/** "2026-11-26" → its serial number (1900 system). */
export function isoToSerial(iso: string): number {
  const [y, m, d] = iso.split("-").map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - EPOCH_1900) / DAY);
}

/** A serial number (a whole day, in range) → "YYYY-MM-DD"; undefined when it is not a plausible date. */
export function serialToIso(serial: number, date1904 = false): string | undefined {
  if (!Number.isFinite(serial) || serial < 1 || serial > 2_958_465 || Math.floor(serial) !== serial) return undefined;
  const dt = new Date((date1904 ? EPOCH_1904 : EPOCH_1900) + serial * DAY);
  return dt.toISOString().slice(0, 10);
}

/**
 * A date cell's value as "YYYY-MM-DD": a serial number, a Date, or text already written as a date
 * ("2026-11-26", also "2026/11/26" and "2026.11.26"). Anything else is undefined.
 */
export function cellDate(v: unknown, date1904 = false): string | undefined {
  if (typeof v === "number") return serialToIso(v, date1904);
  if (v instanceof Date && !Number.isNaN(v.getTime())) return v.toISOString().slice(0, 10);
  if (typeof v === "string") {
    // a reader that turned a date cell into an ISO timestamp at midnight UTC
    const ts = /^(\d{4}-\d{2}-\d{2})T00:00:00(?:\.000)?Z$/.exec(v.trim());
    if (ts) return isIsoDate(ts[1]) ? ts[1] : undefined;
    const m = /^\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?\s*$/.exec(v);
    if (!m) return undefined;
    const iso = `${m[1]}-${m[2].padStart(2, "0")}-${m[3].padStart(2, "0")}`;
    return isIsoDate(iso) ? iso : undefined;
  }
  return undefined;
}
