/**
 * "导入回收的评分表 / Import returned forms": pick returned .xlsx forms, see each file's verdict
 * (intact / with findings / unreadable, with its rater, kind, form id and every finding with its cell),
 * see what the import will write (the plan, ../../workbook/import-plan.ts, on a fresh read of the open
 * workbook), then write — or cancel, which writes nothing. A conflict writes nothing and says why.
 * Loaded on demand (React.lazy): the reader, the verifier and the merge are not in the pane's first
 * bundle.
 */
import * as React from "react";
import { Button, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import type { Finding } from "../../engine";
import type { Lang, Scheme } from "../../scheme/types";
import { planImport, type ImportPlan, type OpenWorkbook } from "../../workbook/import-plan";
import type { WorkbookPort } from "../port";
import { checkFiles, type FileCheck, type PickedFile } from "./read-files";
import { IMPORT_STRINGS } from "./strings";

const useStyles = makeStyles({
  panel: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: "10px 12px 12px 12px",
    marginTop: "8px",
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  h: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: "0 0 6px 0" },
  p: { margin: "0 0 6px 0", color: tokens.colorNeutralForeground2 },
  own: {
    margin: "0 0 8px 0",
    padding: "6px 8px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
  },
  pick: { display: "flex", gap: "8px", alignItems: "center", flexWrap: "wrap", margin: "4px 0 8px 0" },
  chosen: { color: tokens.colorNeutralForeground2 },
  hidden: { position: "absolute", width: "1px", height: "1px", overflow: "hidden", opacity: 0, pointerEvents: "none" },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", gap: "6px" },
  file: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: "6px 8px", minWidth: 0 },
  fileHead: { display: "flex", justifyContent: "space-between", gap: "6px", alignItems: "baseline", flexWrap: "wrap" },
  name: { fontWeight: tokens.fontWeightSemibold, overflowWrap: "anywhere", minWidth: 0 },
  badge: { padding: "0 6px", borderRadius: tokens.borderRadiusCircular, fontWeight: tokens.fontWeightSemibold, whiteSpace: "nowrap" },
  intact: { backgroundColor: tokens.colorPaletteGreenBackground2, color: tokens.colorPaletteGreenForeground2 },
  findings: { backgroundColor: tokens.colorPaletteMarigoldBackground2, color: tokens.colorNeutralForeground1 },
  unreadable: { backgroundColor: tokens.colorPaletteRedBackground2, color: tokens.colorPaletteRedForeground2 },
  facts: { display: "grid", gridTemplateColumns: "auto 1fr", gap: "0 8px", margin: "4px 0 0 0" },
  dt: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0, overflowWrap: "anywhere", minWidth: 0 },
  details: { marginTop: "4px" },
  summary: { cursor: "pointer", color: tokens.colorNeutralForeground2 },
  fList: { margin: "4px 0 0 0", paddingLeft: "16px" },
  cell: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3, marginLeft: "4px" },
  check: { display: "flex", gap: "6px", alignItems: "flex-start", marginTop: "4px" },
  plan: { marginTop: "10px", borderTop: `1px solid ${tokens.colorNeutralStroke2}`, paddingTop: "8px" },
  conflict: {
    padding: "6px 8px",
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorPaletteRedBackground1,
    color: tokens.colorPaletteRedForeground1,
    margin: "4px 0",
  },
  ul: { margin: "2px 0", paddingLeft: "16px" },
  buttons: { display: "flex", gap: "6px", flexWrap: "wrap", marginTop: "10px" },
  status: { margin: "6px 0 0 0", color: tokens.colorNeutralForeground2, minHeight: "16px" },
  error: { color: tokens.colorPaletteRedForeground1 },
});

export interface ImportPanelProps {
  port: WorkbookPort;
  scheme: Scheme;
  lang: Lang;
  /** the import was written: the pane says `text` and refreshes */
  onDone: (text: string) => void;
  /** closed without writing */
  onCancel: (text: string) => void;
}

const pick = (t: { zh: string; en: string }, lang: Lang) => (lang === "zh-CN" ? t.zh : t.en);

function FindingList(props: { findings: Finding[]; lang: Lang }) {
  const s = useStyles();
  const shown = props.findings.slice(0, 50);
  return (
    <ul className={s.fList}>
      {shown.map((f, i) => (
        <li key={i}>
          {pick(f.message, props.lang)}
          {f.cell && <span className={s.cell}>{f.cell}</span>}
        </li>
      ))}
      {props.findings.length > shown.length && <li>… +{props.findings.length - shown.length}</li>}
    </ul>
  );
}

export default function ImportPanel(props: ImportPanelProps) {
  const { port, scheme, lang } = props;
  const T = IMPORT_STRINGS[lang];
  const s = useStyles();
  const [checks, setChecks] = React.useState<FileCheck[] | null>(null);
  const [include, setInclude] = React.useState<boolean[]>([]);
  const [progress, setProgress] = React.useState<string>("");
  const [refused, setRefused] = React.useState<Finding | null>(null);
  const [open, setOpen] = React.useState<OpenWorkbook | null>(null);
  const [busy, setBusy] = React.useState<"" | "checking" | "reading" | "writing">("");
  const [error, setError] = React.useState<string>("");
  const [late, setLate] = React.useState<Finding[]>([]);
  const heading = React.useRef<HTMLHeadingElement>(null);
  const input = React.useRef<HTMLInputElement>(null);
  const [chosen, setChosen] = React.useState(0);
  const alive = React.useRef(true);
  React.useEffect(() => {
    heading.current?.focus();
    return () => {
      alive.current = false;
    };
  }, []);

  const onFiles = async (list: FileList | null) => {
    const files: PickedFile[] = list ? Array.from(list) : [];
    setChecks(null);
    setOpen(null);
    setError("");
    setLate([]);
    setRefused(null);
    if (!files.length) return;
    setBusy("checking");
    try {
      const r = await checkFiles(files, scheme, (n, of) => alive.current && setProgress(T.checking(Math.min(n + 1, of), of)));
      if (!alive.current) return;
      setRefused(r.refused);
      setChecks(r.checks);
      setInclude(r.checks.map((c) => c.verdict === "intact"));
      setProgress("");
      if (r.refused) return;
      setBusy("reading");
      const o = await port.readForImport();
      if (alive.current) setOpen(o);
    } catch (e) {
      if (alive.current) setError(T.error + (e instanceof Error ? e.message : String(e)));
    } finally {
      if (alive.current) setBusy("");
    }
  };

  const request = React.useMemo(() => {
    const chosen = (checks ?? []).filter((c, i) => include[i] && c.returned);
    return { files: chosen.map((c) => c.returned as NonNullable<FileCheck["returned"]>), force: chosen.some((c) => c.verdict === "findings") };
  }, [checks, include]);
  const plan: ImportPlan | null = React.useMemo(() => (open && request.files.length ? planImport(open, request, scheme) : null), [open, request, scheme]);
  const canWrite = !!plan && plan.refusals.length === 0 && busy === "" && !!open;

  const write = async () => {
    if (!open || !plan) return;
    setBusy("writing");
    setError("");
    setLate([]);
    try {
      const out = await port.importForms(request, open);
      if (!alive.current) return;
      if (out.written) props.onDone(T.done(out.plan.columns.imported, request.files.length, out.plan.columns.after));
      else setLate(out.plan.refusals);
    } catch (e) {
      if (alive.current) setError(T.error + (e instanceof Error ? e.message : String(e)));
    } finally {
      if (alive.current) setBusy("");
    }
  };

  const verdictClass = (v: string) => (v === "intact" ? s.intact : v === "findings" ? s.findings : s.unreadable);
  const fact = (label: string, value: string | null | undefined) => (
    <>
      <dt className={s.dt}>{label}</dt>
      <dd className={s.dd}>{value || T.none}</dd>
    </>
  );

  return (
    <section className={s.panel} aria-labelledby="qcs-import-title" data-testid="import-panel">
      <h2 className={s.h} id="qcs-import-title" tabIndex={-1} ref={heading}>
        {T.title}
      </h2>
      <p className={s.p}>{T.intro}</p>
      <p className={s.own} data-testid="import-own">
        {T.own}
      </p>
      <div className={s.pick}>
        {/* the browser's own file button speaks the browser's language: a button in the pane's opens it */}
        <input
          ref={input}
          id="qcs-import-files"
          className={s.hidden}
          type="file"
          multiple
          accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(e) => {
            setChosen(e.target.files?.length ?? 0);
            void onFiles(e.target.files);
          }}
          data-testid="import-input"
        />
        <Button size="small" appearance="outline" onClick={() => input.current?.click()} disabled={busy === "checking" || busy === "writing"} aria-describedby="qcs-import-chosen" data-testid="import-choose">
          {T.choose}
        </Button>
        <span id="qcs-import-chosen" className={s.chosen}>
          {chosen ? T.chosen(chosen) : T.noneChosen}
        </span>
      </div>
      <p className={s.status} role="status" aria-live="polite" data-testid="import-progress">
        {busy === "checking" ? progress : busy === "reading" ? T.reading : busy === "writing" ? T.writing : ""}
      </p>
      {refused && (
        <div className={s.conflict} role="alert" data-testid="import-refused">
          {pick(refused.message, lang)}
        </div>
      )}

      {checks && checks.length > 0 && (
        <ul className={s.list} data-testid="import-files">
          {checks.map((c, i) => (
            <li key={`${c.file}-${i}`} className={s.file} data-testid="import-file" data-verdict={c.verdict}>
              <div className={s.fileHead}>
                <span className={s.name}>{c.file}</span>
                <span className={mergeClasses(s.badge, verdictClass(c.verdict))}>{T.verdict[c.verdict]}</span>
              </div>
              {c.verdict !== "unreadable" && (
                <dl className={s.facts}>
                  {fact(T.rater, c.rater ? `${c.rater}${c.raterKind ? T.paren(T.raterKinds[c.raterKind] ?? c.raterKind) : ""}` : null)}
                  {fact(T.kind, c.kind ? (T.kinds[c.kind] ?? c.kind) : null)}
                  {fact(T.formId, c.formId)}
                  {fact(T.issued, c.issued)}
                  {c.organization ? fact(T.organization, c.organization) : null}
                  {fact(T.columns, String(c.columns))}
                </dl>
              )}
              {c.findings.length > 0 && (
                <details className={s.details} open={c.verdict !== "intact"}>
                  <summary className={s.summary}>{T.findings(c.findings.length)}</summary>
                  <FindingList findings={c.findings} lang={lang} />
                </details>
              )}
              {c.returned ? (
                <label className={s.check}>
                  <input
                    type="checkbox"
                    checked={!!include[i]}
                    onChange={(e) => setInclude((prev) => prev.map((x, j) => (j === i ? e.target.checked : x)))}
                    data-testid="import-include"
                  />
                  <span>{c.verdict === "intact" ? T.include : T.includeWithFindings}</span>
                </label>
              ) : (
                <p className={s.p}>{T.unreadableNote}</p>
              )}
            </li>
          ))}
        </ul>
      )}

      {checks && open && (
        <div className={s.plan} data-testid="import-plan">
          <h3 className={s.h}>{T.plan}</h3>
          {!plan ? (
            <p className={s.p}>{T.nothing}</p>
          ) : plan.refusals.length ? (
            <div className={s.conflict} role="alert" data-testid="import-conflict">
              {T.conflict}
              <ul className={s.ul}>
                {plan.refusals.map((f, i) => (
                  <li key={i}>{pick(f.message, lang)}</li>
                ))}
              </ul>
            </div>
          ) : (
            <ul className={s.ul} data-testid="import-summary">
              <li>{T.planColumns(plan.columns.imported, plan.columns.used, plan.columns.after)}</li>
              {plan.organization.note === "written" && <li>{T.orgWritten(plan.organization.value ?? "")}</li>}
              {plan.notes.map((n, i) => (
                <li key={i}>{pick(n, lang)}</li>
              ))}
              <li>{T.sources(plan.sources.length)}</li>
            </ul>
          )}
        </div>
      )}
      {late.length > 0 && (
        <div className={s.conflict} role="alert" data-testid="import-late-conflict">
          {T.refusedNow}
          <ul className={s.ul}>
            {late.map((f, i) => (
              <li key={i}>{pick(f.message, lang)}</li>
            ))}
          </ul>
        </div>
      )}
      {error && (
        <p className={mergeClasses(s.status, s.error)} role="alert" data-testid="import-error">
          {error}
        </p>
      )}
      <div className={s.buttons}>
        <Button appearance="primary" size="small" disabled={!canWrite} onClick={() => void write()} data-testid="import-write">
          {busy === "writing" ? T.writing : T.write(plan?.columns.imported ?? 0)}
        </Button>
        <Button size="small" disabled={busy === "writing"} onClick={() => props.onCancel(T.cancelled)} data-testid="import-cancel">
          {T.cancel}
        </Button>
      </div>
    </section>
  );
}
