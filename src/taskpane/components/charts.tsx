/** Lean charts in plain SVG/CSS, coloured with the Fluent theme's tokens (so dark themes work). */
import * as React from "react";
import { makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  barRow: {
    display: "grid",
    gridTemplateColumns: "minmax(0, 1fr) auto",
    columnGap: "8px",
    rowGap: "2px",
    alignItems: "baseline",
    marginBottom: "6px",
  },
  label: {
    fontSize: tokens.fontSizeBase200,
    color: tokens.colorNeutralForeground2,
    overflow: "hidden",
    textOverflow: "ellipsis",
    whiteSpace: "nowrap",
  },
  value: {
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
    fontVariantNumeric: "tabular-nums",
  },
  track: {
    gridColumn: "1 / span 2",
    height: "6px",
    borderRadius: "3px",
    backgroundColor: tokens.colorNeutralBackground5,
    overflow: "hidden",
  },
  fill: {
    height: "100%",
    borderRadius: "3px",
    backgroundColor: tokens.colorBrandBackground,
  },
  fillMuted: { backgroundColor: tokens.colorNeutralStroke1 },
  radar: { display: "block", margin: "8px auto 0 auto", maxWidth: "300px", width: "100%", height: "auto" },
  scale: { display: "block", width: "100%", height: "auto", overflow: "visible" },
});

/** A labelled horizontal bar: value of max. */
export function Bar(props: { label: string; value: number | null; max: number; text: string; title?: string }) {
  const s = useStyles();
  const pct = props.value === null ? 0 : Math.max(0, Math.min(100, (100 * props.value) / props.max));
  return (
    <div className={s.barRow} title={props.title}>
      <span className={s.label}>{props.label}</span>
      <span className={s.value}>{props.text}</span>
      <div
        className={s.track}
        role="meter"
        aria-label={props.label}
        aria-valuemin={0}
        aria-valuemax={props.max}
        aria-valuenow={props.value ?? 0}
        aria-valuetext={props.text}
      >
        <div className={props.value === null ? `${s.fill} ${s.fillMuted}` : s.fill} style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** A radar of values 0…100, one axis per label. */
export function Radar(props: { labels: string[]; values: (number | null)[]; title: string }) {
  const s = useStyles();
  const n = props.labels.length;
  const size = 240;
  const c = size / 2;
  const r = 78;
  const pt = (i: number, v: number) => {
    const a = -Math.PI / 2 + (2 * Math.PI * i) / n;
    return [c + Math.cos(a) * r * v, c + Math.sin(a) * r * v] as const;
  };
  const ring = (v: number) =>
    props.labels.map((_, i) => pt(i, v).map((x) => x.toFixed(1)).join(",")).join(" ");
  const data = props.values.map((v, i) => pt(i, v === null ? 0 : Math.max(0, Math.min(1, v / 100))));
  return (
    <svg className={s.radar} viewBox={`-36 0 ${size + 72} ${size}`} role="img" aria-label={props.title}>
      <title>{props.title}</title>
      {[0.25, 0.5, 0.75, 1].map((v) => (
        <polygon key={v} points={ring(v)} fill="none" stroke={tokens.colorNeutralStroke2} strokeWidth={1} />
      ))}
      {props.labels.map((_, i) => {
        const [x, y] = pt(i, 1);
        return <line key={i} x1={c} y1={c} x2={x} y2={y} stroke={tokens.colorNeutralStroke2} strokeWidth={1} />;
      })}
      <polygon
        points={data.map(([x, y]) => `${x.toFixed(1)},${y.toFixed(1)}`).join(" ")}
        fill={tokens.colorBrandBackground}
        fillOpacity={0.25}
        stroke={tokens.colorBrandStroke1}
        strokeWidth={2}
      />
      {data.map(([x, y], i) => (
        <circle key={i} cx={x} cy={y} r={2.5} fill={tokens.colorBrandForeground1} />
      ))}
      {props.labels.map((l, i) => {
        const [x, y] = pt(i, 1.22);
        const anchor = Math.abs(x - c) < 8 ? "middle" : x > c ? "start" : "end";
        return (
          <text key={l} x={x} y={y} dy="0.35em" textAnchor={anchor} fontSize={11} fill={tokens.colorNeutralForeground2}>
            {l}
          </text>
        );
      })}
    </svg>
  );
}

/** The maturity band edges on one axis, with the total marked. */
export function BandScale(props: {
  bands: { level: number; min: number; max: number; label: string }[];
  total: number | null;
  title: string;
  activeLevel: number | null;
}) {
  const s = useStyles();
  const lo = props.bands[0].min;
  const hi = props.bands[props.bands.length - 1].max;
  const W = 300;
  const x = (v: number) => 4 + ((v - lo) / (hi - lo)) * (W - 8);
  return (
    <svg className={s.scale} viewBox={`0 0 ${W} 58`} role="img" aria-label={props.title}>
      <title>{props.title}</title>
      {props.bands.map((b) => {
        const active = b.level === props.activeLevel;
        return (
          <g key={b.level}>
            <rect
              x={x(b.min)}
              y={16}
              width={Math.max(1, x(b.max) - x(b.min) - 1)}
              height={12}
              rx={2}
              fill={active ? tokens.colorBrandBackground : tokens.colorNeutralBackground5}
            />
            <text x={(x(b.min) + x(b.max)) / 2} y={11} textAnchor="middle" fontSize={10} fill={tokens.colorNeutralForeground2}>
              {b.label}
            </text>
            <text x={x(b.min)} y={42} textAnchor="middle" fontSize={9} fill={tokens.colorNeutralForeground3}>
              {b.min}
            </text>
          </g>
        );
      })}
      <text x={x(hi)} y={42} textAnchor="end" fontSize={9} fill={tokens.colorNeutralForeground3}>
        {hi}
      </text>
      {props.total !== null && (
        <g>
          <path
            d={`M${x(props.total)},30 l-5,8 h10 z`}
            fill={tokens.colorNeutralForeground1}
          />
          <text x={x(props.total)} y={54} textAnchor="middle" fontSize={10} fontWeight={600} fill={tokens.colorNeutralForeground1}>
            {props.total}
          </text>
        </g>
      )}
    </svg>
  );
}
