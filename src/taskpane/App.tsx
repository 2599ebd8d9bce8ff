/** The task pane: actions, the live result, why it is what it is, and what would raise it. */
import * as React from "react";
import { Button, FluentProvider, makeStyles, tokens, webLightTheme, type Theme } from "@fluentui/react-components";
import type { Lang, Scheme } from "../scheme/types";
import type { WorkbookPort } from "./port";
import type { MemoryPort } from "./memory-port";
import { STRINGS } from "./strings";
import { summarize, type Summary } from "./summary";
import { Findings, GradeCard, MaturityView, Overview, RecordsView, ServiceView } from "./components/views";
import { sampleAssessment } from "./sample";
import { Tabs, type TabItem } from "./components/Tabs";
import { DEFAULT_RATERS, MAX_RATERS, MIN_RATERS } from "../workbook/model/types";
import type { FormulaCheck } from "../workbook/snapshot";

const PreviewEditor = React.lazy(() => import(/* webpackChunkName: "preview-editor" */ "./components/PreviewEditor"));
// the import of returned forms brings the .xlsx reader, the verifier and the merge: loaded when opened
const ImportPanel = React.lazy(() => import(/* webpackChunkName: "import-panel" */ "./import/ImportPanel"));

const useStyles = makeStyles({
  root: {
    minHeight: "100vh",
    boxSizing: "border-box",
    padding: "12px",
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
    maxWidth: "720px",
    margin: "0 auto",
    overflowWrap: "anywhere",
  },
  header: { display: "flex", alignItems: "flex-start", justifyContent: "space-between", gap: "8px", marginBottom: "10px" },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase400 },
  subtitle: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  banner: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    backgroundColor: tokens.colorNeutralBackground4,
    borderRadius: tokens.borderRadiusMedium,
    padding: "6px 8px",
    marginBottom: "10px",
    color: tokens.colorNeutralForeground2,
  },
  actions: {
    display: "flex",
    flexDirection: "column",
    gap: "8px",
    marginBottom: "4px",
    fontSize: tokens.fontSizeBase200,
  },
  jump: { flexGrow: 1, flexBasis: "120px" },
  actionRow: { display: "flex", gap: "6px", flexWrap: "wrap", alignItems: "center", minWidth: 0 },
  label: { color: tokens.colorNeutralForeground2, whiteSpace: "nowrap" },
  status: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, minHeight: "16px", margin: "0 0 6px 0" },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  empty: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: "16px",
    fontSize: tokens.fontSizeBase300,
  },
  tabs: { marginTop: "12px" },
  select: {
    minWidth: 0,
    maxWidth: "100%",
    height: "26px",
    padding: "0 4px",
    fontFamily: "inherit",
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderBottomColor: tokens.colorNeutralStrokeAccessible,
    borderRadius: tokens.borderRadiusMedium,
    ":focus-visible": { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: "1px" },
  },
  panel: {
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusLarge,
    padding: "0 12px 12px 12px",
    marginTop: "6px",
  },
  count: {
    marginLeft: "4px",
    padding: "0 6px",
    borderRadius: tokens.borderRadiusCircular,
    backgroundColor: tokens.colorPaletteRedBackground2,
    color: tokens.colorPaletteRedForeground2,
    fontSize: tokens.fontSizeBase100,
    fontWeight: tokens.fontWeightSemibold,
  },
});

/** A performance mark, where the environment has them. */
export function mark(name: string): void {
  if (typeof performance !== "undefined" && typeof performance.mark === "function") performance.mark(name);
}

type TabId = "overview" | "service" | "maturity" | "records" | "findings" | "input";

export interface AppProps {
  port: WorkbookPort;
  scheme: Scheme;
  initialLang: Lang;
  dark: boolean;
  /** a summary to show at once (the preview computes it before the first render) */
  initialSummary?: Summary;
  /** called once when the first summary has been painted */
  onFirstPaint?: () => void;
}

const RATER_CHOICES = Array.from({ length: MAX_RATERS - MIN_RATERS + 1 }, (_, i) => MIN_RATERS + i);

export function App(props: AppProps) {
  const { port, scheme } = props;
  const s = useStyles();
  const [lang, setLang] = React.useState<Lang>(props.initialLang);
  const S = STRINGS[lang];
  const [summary, setSummary] = React.useState<Summary | null>(props.initialSummary ?? null);
  const [raters, setRaters] = React.useState(DEFAULT_RATERS);
  const [busy, setBusy] = React.useState<"" | "insert" | "refresh">("");
  const [importing, setImporting] = React.useState(false);
  const [status, setStatus] = React.useState<{ text: string; error?: boolean; warning?: boolean } | null>(null);
  const [tab, setTab] = React.useState<TabId>("overview");
  const [generation, setGeneration] = React.useState(0);
  const preview = port.kind === "preview";
  const reads = React.useRef(0);
  // the dark theme is loaded only when needed (it is half of the theme tokens' weight)
  const [theme, setTheme] = React.useState<Theme>(webLightTheme);
  React.useEffect(() => {
    if (!props.dark) return;
    void import(/* webpackChunkName: "dark-theme" */ "./dark-theme").then((m) => setTheme(m.darkTheme));
  }, [props.dark]);
  const painted = React.useRef(false);
  // Comparing the output formulas with the template model needs the model, a third of the pane's
  // code: it is loaded beside the first read, and the summary is made again once it is there.
  const check = React.useRef<FormulaCheck | null>(null);

  const refresh = React.useCallback(async () => {
    const n = ++reads.current;
    try {
      const snap = await port.read();
      if (n !== reads.current) return; // a newer read is under way
      const sum = summarize(snap, scheme, check.current);
      if (!painted.current) mark("qcs-summary-ready");
      setSummary(sum);
      // a successful refresh clears an earlier error (e.g. a refresh refused while a cell was edited)
      setStatus((prev) => (prev?.error ? null : prev));
    } catch (e) {
      setStatus({ text: STRINGS[lang].error + (e instanceof Error ? e.message : String(e)), error: true });
    }
  }, [port, scheme, lang]);

  React.useEffect(() => {
    let live = true;
    void import(/* webpackChunkName: "model" */ "../workbook/snapshot-model").then((m) => {
      if (!live) return;
      check.current = m.formulaFindings;
      void refresh();
    });
    return () => {
      live = false;
    };
  }, [refresh]);

  const initial = React.useRef(!!props.initialSummary);
  React.useEffect(() => {
    if (initial.current) initial.current = false; // already summarized
    else void refresh();
    return port.onChanged(() => void refresh());
  }, [port, refresh]);

  React.useEffect(() => {
    document.documentElement.lang = lang;
    (port as Partial<MemoryPort>).setLang?.(lang);
  }, [lang, port]);

  React.useEffect(() => {
    if (summary && !painted.current) {
      painted.current = true;
      requestAnimationFrame(() => props.onFirstPaint?.());
    }
  }, [summary, props]);

  const insert = async () => {
    setBusy("insert");
    setStatus({ text: S.inserting });
    try {
      const sheets = await port.insertTemplates(raters);
      const warnings = (sheets.warnings ?? []).map((w) => (lang === "zh-CN" ? w.zh : w.en));
      setStatus({
        text: [S.inserted + sheets.map((x) => x.name + (x.renamed ? S.renamedNote : "")).join("、"), ...warnings].join(" "),
        warning: warnings.length > 0,
      });
      setGeneration((g) => g + 1);
      await refresh();
    } catch (e) {
      setStatus({ text: S.error + (e instanceof Error ? e.message : String(e)), error: true });
    } finally {
      setBusy("");
    }
  };

  const doRefresh = async () => {
    setBusy("refresh");
    await refresh();
    setBusy("");
  };

  const loadSample = () => {
    const mem = port as MemoryPort;
    const sample = sampleAssessment(scheme);
    void mem.insertTemplates(sample.raters.length).then(() => {
      mem.fill(sample);
      setRaters(sample.raters.length);
      setGeneration((g) => g + 1);
    });
  };

  const importDone = (text: string) => {
    setImporting(false);
    setStatus({ text });
    setGeneration((g) => g + 1);
    void refresh();
  };

  const selectCell = async (cell: string) => {
    // preview: the cell is an input of the editor, on its tab (focused once the editor is there)
    if (preview) setTab("input");
    try {
      await port.select(cell);
    } catch (e) {
      setStatus({ text: S.error + (e instanceof Error ? e.message : String(e)), error: true });
    }
  };

  const result = summary?.result ?? null;
  const findings = summary?.findings ?? [];
  const errors = findings.filter((f) => f.severity === "error").length;
  const tabs: TabItem<TabId>[] = [
    { value: "overview", label: S.tabOverview },
    { value: "service", label: S.tabService },
    { value: "maturity", label: S.tabMaturity },
    { value: "records", label: S.tabRecords },
    {
      value: "findings",
      label: (
        <>
          {S.tabFindings}
          {findings.length > 0 && <span className={s.count}>{errors || findings.length}</span>}
        </>
      ),
    },
    ...(preview ? [{ value: "input" as const, label: S.tabInput }] : []),
  ];
  const badCells = React.useMemo(() => new Set(findings.filter((f) => f.severity === "error" && f.cell).map((f) => f.cell as string)), [findings]);

  return (
    <FluentProvider theme={theme} lang={lang}>
      <div className={s.root}>
        <header className={s.header}>
          <div>
            <h1 className={s.title}>{S.appTitle}</h1>
            <p className={s.subtitle}>{S.appSubtitle}</p>
          </div>
          <Button
            size="small"
            appearance="outline"
            onClick={() => setLang(lang === "zh-CN" ? "en-US" : "zh-CN")}
            aria-label={S.switchLanguage}
            lang={lang === "zh-CN" ? "en" : "zh-CN"}
            data-testid="lang-switch"
          >
            {S.otherLang}
          </Button>
        </header>

        {preview && (
          <p className={s.banner} role="note" data-testid="preview-banner">
            {S.previewBanner}
          </p>
        )}

        <section className={s.actions} aria-label={S.actions}>
          <div className={s.actionRow}>
            <label className={s.label} htmlFor="qcs-raters">
              {S.raterCount}
            </label>
            <select
              id="qcs-raters"
              className={s.select}
              value={String(raters)}
              onChange={(e) => setRaters(Number(e.target.value))}
              data-testid="rater-count"
            >
              {RATER_CHOICES.map((n) => (
                <option key={n} value={String(n)}>
                  {n}
                </option>
              ))}
            </select>
            <Button size="small" appearance="primary" onClick={insert} disabled={busy !== ""} data-testid="insert">
              {busy === "insert" ? S.inserting : S.insertTemplates}
            </Button>
          </div>
          <div className={s.actionRow}>
            <Button size="small" onClick={doRefresh} disabled={busy !== ""} data-testid="refresh">
              {busy === "refresh" ? S.refreshing : S.refresh}
            </Button>
            {preview && (
              <Button size="small" onClick={loadSample} data-testid="load-sample">
                {S.loadSample}
              </Button>
            )}
            <Button
              size="small"
              onClick={() => setImporting((x) => !x)}
              disabled={busy !== "" || !summary?.hasTemplates}
              aria-expanded={importing}
              aria-controls="qcs-import"
              data-testid="import-open"
            >
              {S.importForms}
            </Button>
            {summary && summary.sheets.length > 0 && (
              <select
                id="qcs-jump"
                className={`${s.select} ${s.jump}`}
                value=""
                aria-label={S.jumpTo}
                onChange={(e) => e.target.value && void port.activate(e.target.value)}
                data-testid="jump"
              >
                <option value="">{S.jumpPlaceholder}</option>
                {summary.sheets.map((sh) => (
                  <option key={sh.name} value={sh.name}>
                    {sh.name}
                  </option>
                ))}
              </select>
            )}
          </div>
        </section>

        {importing && (
          <div id="qcs-import">
            <React.Suspense fallback={<p className={s.status}>{S.loading}</p>}>
              <ImportPanel
                port={port}
                scheme={scheme}
                lang={lang}
                onDone={importDone}
                onCancel={(text) => {
                  setImporting(false);
                  setStatus({ text });
                }}
              />
            </React.Suspense>
          </div>
        )}

        <p className={status?.error ? `${s.status} ${s.error}` : status?.warning ? `${s.status} ${s.warning}` : s.status} role="status" aria-live="polite" data-testid="status">
          {status?.text ?? ""}
        </p>

        {summary === null ? (
          <p className={s.status}>{S.loading}</p>
        ) : !summary.hasTemplates ? (
          <div className={s.empty} data-testid="no-templates">
            {S.noTemplates}
          </div>
        ) : (
          <>
            <GradeCard result={result} scheme={scheme} lang={lang} S={S} />
            <div className={s.tabs}>
              <Tabs items={tabs} selected={tab} onSelect={setTab} label={S.sections} idPrefix="qcs" />
            </div>
            <div className={s.panel} role="tabpanel" id="qcs-panel" aria-labelledby={`qcs-tab-${tab}`} data-testid={`panel-${tab}`} tabIndex={0}>
              {tab === "overview" &&
                (result ? (
                  <Overview result={result} scheme={scheme} lang={lang} S={S} stepCells={summary.stepCells} onSelect={selectCell} />
                ) : (
                  <Findings findings={findings} lang={lang} S={S} onSelect={selectCell} />
                ))}
              {tab === "service" && result && <ServiceView result={result} scheme={scheme} lang={lang} S={S} />}
              {tab === "maturity" && result && <MaturityView result={result} scheme={scheme} lang={lang} S={S} />}
              {tab === "records" && result && <RecordsView result={result} lang={lang} S={S} cells={preview ? {} : summary.recordCells} onSelect={selectCell} />}
              {tab === "findings" && (
                <div style={{ paddingTop: 10 }}>
                  <Findings findings={findings} lang={lang} S={S} onSelect={selectCell} />
                </div>
              )}
              {tab === "input" && preview && (
                <React.Suspense fallback={<p className={s.status}>{S.loading}</p>}>
                  <PreviewEditor
                    port={port as MemoryPort}
                    scheme={scheme}
                    lang={lang}
                    S={S}
                    generation={generation}
                    badCells={badCells}
                  />
                </React.Suspense>
              )}
            </div>
          </>
        )}
      </div>
    </FluentProvider>
  );
}
