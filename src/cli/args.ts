/** A small, strict argument parser: flags with values, boolean flags, repeatable flags, positionals. */
export interface Parsed {
  flags: Record<string, string | true>;
  /** the values of each repeatable flag, in the order given */
  lists: Record<string, string[]>;
  positionals: string[];
  errors: string[];
}

export function parseArgs(
  argv: readonly string[],
  spec: { values: string[]; booleans: string[]; lists?: string[] }
): Parsed {
  const flags: Record<string, string | true> = {};
  const lists: Record<string, string[]> = {};
  const positionals: string[] = [];
  const errors: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--") {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!a.startsWith("--") || a === "-") {
      if (a.startsWith("-") && a !== "-" && a !== "-h") errors.push(`unknown option ${a}`);
      else if (a === "-h") flags.help = true;
      else positionals.push(a);
      continue;
    }
    const eq = a.indexOf("=");
    const name = a.slice(2, eq === -1 ? undefined : eq);
    if (spec.booleans.includes(name)) {
      if (eq !== -1) errors.push(`--${name} takes no value`);
      flags[name] = true;
    } else if (spec.values.includes(name) || spec.lists?.includes(name)) {
      const v = eq !== -1 ? a.slice(eq + 1) : argv[++i];
      if (v === undefined || (eq === -1 && v.startsWith("--"))) errors.push(`--${name} needs a value`);
      else if (spec.values.includes(name)) flags[name] = v;
      else (lists[name] ??= []).push(v);
    } else errors.push(`unknown option --${name}`);
  }
  return { flags, lists, positionals, errors };
}
