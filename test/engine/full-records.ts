/** A test assessment with every optional record of RULES.md §6 filled (examples/13-full-records.json is this one). */
import { toExchange, uniform } from "../helpers";

/** An assessment with every optional record of RULES.md §6 filled. */
export function fullRecords(): Record<string, unknown> {
  const base = toExchange(uniform(0.9, 4, { raters: 2 }));
  const raters = (base.service as { raters: Record<string, unknown>[] }).raters;
  raters[0] = { ...raters[0], name: "张三", kind: "person", date: "2026-11-02", method: "现场", evidence: { "1.1": "前台接待规范", "7.1": "服务规范文件 QS-01" } };
  raters[1] = { ...raters[1], name: "第 2 次走访", kind: "visit", date: "2026-11-03", method: "神秘顾客" };
  return {
    ...base,
    organization: "某某服务有限公司",
    maturityEvidence: { "1.1": "内外部因素分析表", "7.2": "改进计划" },
    specificRequirements: {
      "1": { result: "conform", evidence: "管理手册 3.2" },
      "2.1": { result: "conform" },
      "2.2": { result: "conform" },
      "2.3": { result: "na" },
      "2.4": { result: "conform" },
      "2.5": { result: "conform" },
      "3": { result: "nonconform", evidence: "外包清洁未受控" },
    },
    conformity: { passed: true, date: "2026-11-05", note: "整改已验证" },
    nonconformities: [
      { clause: "4.2", description: "培训记录不全", severity: "minor", status: "closed" },
      { description: "外包控制", severity: "major", status: "open" },
    ],
    qms: { certified: true, certificateNo: "00123Q456", issuer: "某认证机构", accredited: true, validUntil: "2028-01-31", riskEvaluation: "低风险", exemption: "partial", scope: "4.1 至 4.3" },
    audit: { reportNo: "QCS-2026-001", from: "2026-11-01", to: "2026-11-04", leader: "李四", team: ["王五", "赵六"], reviewer: "钱七", decisionMaker: "孙八", decisionDate: "2026-11-20" },
  };
}

