/**
 * Measures what the add-in sends to Excel, without Excel: Microsoft's own office.js runtime
 * (`@microsoft/office-js/dist/excel-web-16.00.debug.js`, the Excel on the web build) is loaded into a
 * jsdom window, and a request context is given a request executor that captures each batch.
 *
 * How office.js sends a batch (read in the debug source): `ClientRequestContext.syncPrivate` builds
 * `{ Actions, ObjectPaths, … }` (ClientRequestBase.buildRequestMessageBodyAndRequestFlags) and hands
 * `{ Url, Headers, Body }` to `this._requestExecutor.executeAsync(customData, flags, message)`; it only
 * creates its own executor (OfficeJsRequestExecutor, or HttpRequestExecutor) when none is set. The
 * host executors serialise the body with `JSON.stringify(message.Body)`
 * (RichApiMessageUtility.buildMessageArrayForIRequestExecutor), so the UTF-8 length of that string is
 * the request size. The fake response `{ Body: { Results: [{ ActionId, Value }] } }` is what
 * `processRequestExecutorResponseMessage` reads; query actions get the values the caller supplies.
 *
 * Test and bench helper only: needs jsdom (present through jest-environment-jsdom).
 */
import * as fs from "fs";
import * as path from "path";

const OFFICE_JS = path.join(__dirname, "..", "..", "node_modules", "@microsoft", "office-js", "dist", "excel-web-16.00.debug.js");

/** One captured batch (one context.sync()). */
export interface CapturedBatch {
  /** UTF-8 bytes of the serialised request body, as office.js sends it */
  bytes: number;
  /** entries of the request's Actions array */
  actions: number;
  /** entries of the request's ObjectPaths map */
  objectPaths: number;
  /** the parsed body, for assertions */
  body: RequestBody;
  /** office.js's request flags (64: delay the batch while the user edits a cell) */
  flags: number;
  /** only releases of tracked objects (_RemoveReference): Excel.run's clean-up after the batch */
  cleanup: boolean;
}

export interface RequestAction {
  Id: number;
  ActionType: number;
  Name: string;
  ObjectPathId: number;
  ArgumentInfo?: { Arguments?: unknown[] };
}

export interface RequestObjectPath {
  Id: number;
  ObjectPathType: number;
  Name: string;
  ParentObjectPathId?: number;
  ArgumentInfo?: { Arguments?: unknown[] };
}

export interface RequestBody {
  Actions: RequestAction[];
  ObjectPaths: Record<string, RequestObjectPath>;
}

/** Answers a query action: the object path it loads (its Name, e.g. "Worksheets") → the result value. */
export type Responder = (objectPath: RequestObjectPath | undefined, action: RequestAction, body: RequestBody) => unknown;

type OfficeWindow = Window & { Excel: typeof Excel; OfficeExtension: typeof OfficeExtension };

let cached: OfficeWindow | undefined;

/** A jsdom window with office.js's Excel web runtime loaded (once per process). */
export function officeJsWindow(): OfficeWindow {
  if (cached) return cached;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { JSDOM } = require("jsdom") as typeof import("jsdom");
  const dom = new JSDOM("<!doctype html><html><head></head><body></body></html>", { runScripts: "outside-only", url: "https://localhost/" });
  const w = dom.window as unknown as OfficeWindow & { eval(src: string): unknown };
  w.eval(fs.readFileSync(OFFICE_JS, "utf8"));
  if (typeof w.Excel?.RequestContext !== "function") throw new Error("office.js did not define Excel.RequestContext");
  cached = w;
  return w;
}

/** Default answers: a workbook with one sheet "Sheet1" and no names. */
export const emptyWorkbook: Responder = (op) => {
  if (op?.Name === "Worksheets") return { _Items: [{ Name: "Sheet1", Id: "{00000000-0001-0000-0000-000000000000}" }] };
  if (op?.Name === "Names") return { _Items: [] };
  return {};
};

/**
 * A real office.js Excel.RequestContext whose batches are captured instead of sent. `fail(batch, n)`
 * may return an error to answer batch n (0-based) with, as Excel would (the batch then rejects).
 */
export function capturingContext(respond: Responder = emptyWorkbook, fail?: (body: RequestBody, n: number) => { code: string; message: string; location?: string } | null) {
  const w = officeJsWindow();
  const batches: CapturedBatch[] = [];
  const context = new w.Excel.RequestContext();
  const executor = {
    executeAsync(_customData: unknown, flags: number, message: { Body: RequestBody }) {
      const text = JSON.stringify(message.Body);
      const body = JSON.parse(text) as RequestBody;
      const n = batches.length;
      const cleanup = body.Actions.length > 0 && body.Actions.every((a) => a.ActionType === 1 || (a.ActionType === 3 && a.Name === "_RemoveReference"));
      batches.push({ bytes: Buffer.byteLength(text, "utf8"), actions: body.Actions.length, objectPaths: Object.keys(body.ObjectPaths).length, body, cleanup, flags });
      const error = fail?.(body, n);
      // objects Excel.run tracks (a _KeepReference call) get a reference id in the answer to their
      // instantiation, as Excel gives one; office.js then keeps them valid across syncs and releases
      // them in a clean-up request after the run
      const kept = new Set(body.Actions.filter((a) => a.ActionType === 3 && a.Name === "_KeepReference").map((a) => a.ObjectPathId));
      const Results = [
        ...body.Actions.filter((a) => a.ActionType === 1 && kept.has(a.ObjectPathId)).map((a) => ({ ActionId: a.Id, Value: { _ReferenceId: `ref:${n}:${a.ObjectPathId}` } })),
        ...body.Actions.filter((a) => a.ActionType === 2).map((a) => ({ ActionId: a.Id, Value: respond(body.ObjectPaths[String(a.ObjectPathId)], a, body) })),
      ];
      const Body = error ? { Results: [], Error: { Code: error.code, Message: error.message, HttpStatusCode: 400, ActionIndex: -1, Location: error.location } } : { Results };
      return Promise.resolve({ HttpStatusCode: 200, ErrorCode: "", ErrorMessage: "", Headers: {}, Body });
    },
  };
  (context as unknown as { _requestExecutor: unknown })._requestExecutor = executor;
  /**
   * Runs `batch` the way the add-in does, through office.js's own Excel.run (with the add-in's
   * options), on this capturing context: Excel.run tracks the objects a batch creates (a
   * _KeepReference action each) and releases them in a clean-up request after the batch — both are
   * part of what Excel receives, so both are captured.
   */
  const run = <T>(batchFn: (ctx: Excel.RequestContext) => Promise<T>, options: Excel.RunOptions = { delayForCellEdit: true }): Promise<T> =>
    (w.Excel.run as unknown as (o: object, f: typeof batchFn) => Promise<T>)({ ...options, previousObjects: context }, batchFn);
  return { context: context as unknown as Excel.RequestContext, batches, window: w, run };
}

/** Sum of a list of batches; `syncs` counts the add-in's own batches (not Excel.run's clean-up). */
export function totals(batches: CapturedBatch[]): { bytes: number; actions: number; syncs: number; largest: number } {
  return {
    bytes: batches.reduce((n, b) => n + b.bytes, 0),
    actions: batches.reduce((n, b) => n + b.actions, 0),
    syncs: batches.filter((b) => !b.cleanup).length,
    largest: Math.max(0, ...batches.map((b) => b.bytes)),
  };
}

/** Waits until office.js has sent Excel.run's clean-up request (it is not awaited by Excel.run). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((r) => setTimeout(r, 0));
}
