/**
 * Preview only: the template's input cells (α per item × rater, a level per clause) as a compact
 * grid, writing into the in-memory workbook. Loaded on demand (dynamic import), never in Excel.
 */
import * as React from "react";
import { Button, makeStyles, tokens } from "@fluentui/react-components";
import { NAMES } from "../../workbook/contract";
import type { Lang, Scheme } from "../../scheme/types";
import type { MemoryPort } from "../memory-port";
import { cellIn } from "../port";
import { pick, type Strings } from "../strings";

const useStyles = makeStyles({
  wrap: { marginTop: "12px" },
  h: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: "12px 0 6px 0" },
  scroller: { overflowX: "auto", maxWidth: "100%" },
  table: { borderCollapse: "collapse", width: "100%", fontSize: tokens.fontSizeBase200 },
  th: {
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
    padding: "2px 4px",
    whiteSpace: "nowrap",
  },
  group: {
    textAlign: "left",
    fontWeight: tokens.fontWeightSemibold,
    padding: "6px 4px 2px 4px",
    color: tokens.colorNeutralForeground1,
    borderBottom: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  rowLabel: {
    padding: "2px 4px",
    whiteSpace: "nowrap",
    overflow: "hidden",
    textOverflow: "ellipsis",
    maxWidth: "150px",
    color: tokens.colorNeutralForeground2,
  },
  td: { padding: "2px" },
  input: {
    width: "100%",
    minWidth: "44px",
    boxSizing: "border-box",
    padding: "3px 4px",
    fontSize: tokens.fontSizeBase200,
    fontFamily: "inherit",
    fontVariantNumeric: "tabular-nums",
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    ":focus": { outline: `2px solid ${tokens.colorBrandStroke1}`, outlineOffset: "-1px" },
  },
  bad: { border: `1px solid ${tokens.colorPaletteRedBorder2}`, backgroundColor: tokens.colorPaletteRedBackground1 },
  tools: { display: "flex", gap: "6px", alignItems: "center", flexWrap: "wrap", marginBottom: "6px", fontSize: tokens.fontSizeBase200 },
  toolInput: { width: "64px" },
  select: { minWidth: "56px" },
});

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/** What a typed α or level becomes in the cell: a number when it reads as one, else the text; blank is null. */
export function cellValue(text: string): unknown {
  const t = text.trim();
  if (t === "") return null;
  return NUMBER.test(t) ? Number(t) : text;
}

const show = (v: unknown) => (v === null || v === undefined ? "" : String(v));

export default function PreviewEditor(props: { port: MemoryPort; scheme: Scheme; lang: Lang; S: Strings; generation: number; badCells: Set<string> }) {
  const s = useStyles();
  const { port, scheme, lang, S } = props;
  const alphaAddr = port.addressOf(NAMES.alpha);
  const levelsAddr = port.addressOf(NAMES.levels);
  const raters = port.raterCount();
  const [fillRater, setFillRater] = React.useState("all");
  const [fillAlpha, setFillAlpha] = React.useState("0.9");
  const [fillLevel, setFillLevel] = React.useState("4");
  const [fills, force] = React.useReducer((x: number) => x + 1, 0);

  React.useEffect(() => {
    port.focusCell = (address: string) => {
      const el = document.querySelector<HTMLElement>(`[data-cell="${CSS.escape(address)}"]`);
      if (el) {
        el.scrollIntoView({ block: "center" });
        el.focus();
      }
    };
    const pending = port.pendingFocus;
    port.pendingFocus = undefined;
    if (pending) port.focusCell(pending);
    return () => {
      port.focusCell = undefined;
    };
  }, [port]);

  if (!alphaAddr || !levelsAddr) return null;

  const applyAlpha = () => {
    const cols = fillRater === "all" ? Array.from({ length: raters }, (_, j) => j) : [Number(fillRater) - 1];
    const v = cellValue(fillAlpha);
    const writes: [string, unknown][] = [];
    for (const j of cols) scheme.items.forEach((_, i) => writes.push([cellIn(alphaAddr, i, j), v]));
    writes.forEach(([a, val]) => port.write(a, val));
    force();
  };
  const applyLevels = () => {
    const v = cellValue(fillLevel);
    scheme.clauses.forEach((_, i) => port.write(cellIn(levelsAddr, i, 0), v));
    force();
  };

  const key = `${props.generation}`;
  return (
    <div className={s.wrap} key={key}>
      <h3 className={s.h} id="qcs-in-alpha">
        {S.inputAlpha}
      </h3>
      <div className={s.tools}>
        <select
          aria-label={S.fillWhich}
          className={mergeInput(s.input, s.select)}
          style={{ width: "auto" }}
          value={fillRater}
          onChange={(e) => setFillRater(e.target.value)}
          data-testid="fill-rater"
        >
          <option value="all">{S.allRaters}</option>
          {Array.from({ length: raters }, (_, j) => (
            <option key={j} value={String(j + 1)}>
              {S.rater(j + 1)}
            </option>
          ))}
        </select>
        <span aria-hidden="true">{S.setAlpha}</span>
        <input
          className={mergeInput(s.input, s.toolInput)}
          aria-label={S.setAlpha}
          value={fillAlpha}
          inputMode="decimal"
          onChange={(e) => setFillAlpha(e.target.value)}
          data-testid="fill-alpha"
        />
        <Button size="small" onClick={applyAlpha} data-testid="fill-alpha-apply">
          {S.apply}
        </Button>
      </div>
      <div className={s.scroller}>
        <table className={s.table} aria-labelledby="qcs-in-alpha">
          <thead>
            <tr>
              <th className={s.th} scope="col">
                {S.item}
              </th>
              {Array.from({ length: raters }, (_, j) => (
                <th key={j} className={s.th} scope="col">
                  {S.rater(j + 1)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {scheme.characteristics.map((c) => (
              <React.Fragment key={c.id}>
                <tr>
                  <th className={s.group} colSpan={raters + 1} scope="colgroup">
                    {c.id} {pick(c.name, lang)}
                  </th>
                </tr>
                {scheme.items.map((it, i) =>
                  it.characteristic !== c.id ? null : (
                    <tr key={it.id}>
                      <th className={s.rowLabel} scope="row" title={pick(it.criterion, lang)}>
                        {it.id} {pick(scheme.dimensions[it.dimension], lang)}
                      </th>
                      {Array.from({ length: raters }, (_, j) => {
                        const addr = cellIn(alphaAddr, i, j);
                        return (
                          <td key={j} className={s.td}>
                            <input
                              className={props.badCells.has(addr) ? mergeInput(s.input, s.bad) : s.input}
                              defaultValue={show(port.get(addr))}
                              key={`${key}-${fills}`}
                              inputMode="decimal"
                              aria-label={S.alphaLabel(it.id, j + 1)}
                              aria-invalid={props.badCells.has(addr) || undefined}
                              data-cell={addr}
                              data-testid={`alpha-${it.id}-${j + 1}`}
                              onChange={(e) => port.write(addr, cellValue(e.target.value))}
                            />
                          </td>
                        );
                      })}
                    </tr>
                  )
                )}
              </React.Fragment>
            ))}
          </tbody>
        </table>
      </div>

      <h3 className={s.h} id="qcs-in-levels">
        {S.inputLevels}
      </h3>
      <div className={s.tools}>
        <span>{S.fillLevels}</span>
        <select
          className={mergeInput(s.input, s.select)}
          style={{ width: "auto" }}
          aria-label={S.fillLevels}
          value={fillLevel}
          onChange={(e) => setFillLevel(e.target.value)}
          data-testid="fill-level"
        >
          {scheme.maturityBands.map((b) => (
            <option key={b.level} value={String(b.level)}>
              {b.level}
            </option>
          ))}
        </select>
        <Button size="small" onClick={applyLevels} data-testid="fill-level-apply">
          {S.apply}
        </Button>
      </div>
      <table className={s.table} aria-labelledby="qcs-in-levels">
        <tbody>
          {scheme.groups.map((g) => (
            <React.Fragment key={g.id}>
              <tr>
                <th className={s.group} colSpan={2} scope="colgroup">
                  {g.id} {pick(g.name, lang)}
                </th>
              </tr>
              {scheme.clauses.map((c, i) => {
                if (c.group !== g.id) return null;
                const addr = cellIn(levelsAddr, i, 0);
                const v = show(port.get(addr));
                return (
                  <tr key={c.id}>
                    <th className={s.rowLabel} scope="row" title={pick(c.title, lang)}>
                      {c.id} {pick(c.title, lang)}
                    </th>
                    <td className={s.td} style={{ width: 72 }}>
                      <select
                        className={props.badCells.has(addr) ? mergeInput(s.input, s.bad) : s.input}
                        value={v}
                        aria-label={S.levelLabel(c.id)}
                        data-cell={addr}
                        data-testid={`level-${c.id}`}
                        onChange={(e) => {
                          port.write(addr, cellValue(e.target.value));
                          force();
                        }}
                      >
                        <option value="">{S.blank}</option>
                        {Array.from({ length: scheme.maxClauseLevel - scheme.minClauseLevel + 1 }, (_, k) => scheme.minClauseLevel + k).map(
                          (l) => (
                            <option key={l} value={String(l)}>
                              {l}
                            </option>
                          )
                        )}
                        {v !== "" && !/^[1-9]$/.test(v) && <option value={v}>{v}</option>}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </React.Fragment>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function mergeInput(...cls: string[]): string {
  return cls.join(" ");
}
