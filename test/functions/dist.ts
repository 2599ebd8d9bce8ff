/** Access to the built add-in (dist/), with a clear failure when it has not been built. */
import * as fs from "fs";
import * as path from "path";

export const DIST = path.resolve(__dirname, "../../dist");

/** The path of a built file; throws (so the test fails, not skips) when it is missing. */
export function distFile(name: string): string {
  const file = path.join(DIST, name);
  if (!fs.existsSync(file)) {
    throw new Error(
      `dist/${name} is missing: build first with \`npm run build\` ` +
        `(or \`QCS_OFFICE_JS=local npx webpack --mode production\`); \`npm test\` does this itself.`
    );
  }
  return file;
}

export function readDistJson<T = unknown>(name: string): T {
  return JSON.parse(fs.readFileSync(distFile(name), "utf8")) as T;
}

export interface ParamMeta {
  name: string;
  description?: string;
  type?: string;
  dimensionality?: string;
  optional?: boolean;
}
export interface FunctionMeta {
  id: string;
  name: string;
  description?: string;
  parameters: ParamMeta[];
  result: { type?: string; dimensionality?: string };
}
export interface Metadata {
  allowErrorForDataTypeAny?: boolean;
  functions: FunctionMeta[];
}
