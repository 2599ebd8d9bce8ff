/**
 * Simplified Chinese descriptions of the QCS.* custom functions and their parameters: the ONE
 * translation source of dist/functions.zh-CN.json, which the manifest serves to Excel in zh-CN through
 * bt:Override. Keyed by function id and parameter name exactly as in dist/functions.json (generated from
 * the JSDoc in ./functions.ts). The build fails, and test/functions/metadata.test.ts fails, when a
 * function or parameter lacks a description here or there.
 *
 * Function names stay the same in both languages (QCS.CERT_GRADE …), so a workbook's formulas read the
 * same on every auditor's machine.
 */
export interface FunctionTexts {
  description: string;
  parameters: Record<string, string>;
}

export const ZH_CN: Readonly<Record<string, FunctionTexts>> = {
  LIKERT_BAND: {
    description: "体验系数 α 所在的李克特档位（1–5），按 5.1.1 2) 的区间划分。",
    parameters: { alpha: "体验系数 α，0 到 1 之间的数。" },
  },
  LIKERT_LABEL: {
    description: "体验系数 α 的李克特档位名称：远低于预期 … 远高于预期（或英文名称）。",
    parameters: {
      alpha: "体验系数 α，0 到 1 之间的数。",
      lang: '名称的语言："zh-CN"（默认）或 "en-US"。',
    },
  },
  ITEM_SCORE: {
    description: "单个服务项目的实际得分：单项分值 × α。",
    parameters: {
      weight: "附录 1 的单项分值，例如 5、7 或 8。",
      alpha: "该项目的体验系数 α，0 到 1 之间的数。",
    },
  },
  SERVICE_SCORE: {
    description: "一名评价人的服务特性测评得分（%）：100 × Σ(单项分值 × α) / Σ(单项分值)，只计适用项目。",
    parameters: {
      alphas:
        "按附录 1 顺序排列的 19 个 α 单元格（一列或一行）；给出 weights 时可为任意区域。不适用的项目填 N/A 或“不适用”。",
      weights: "单项分值，形状与 alphas 相同。默认为标准规定的分值。",
    },
  },
  PANEL_SCORE: {
    description:
      "评价组的服务特性测评得分：各评价人得分的算术平均，按证书显示方式四舍五入到 1 位小数。整列为空的评价人不计入。",
    parameters: {
      alphaMatrix: "α 单元格：19 行（附录 1 项目顺序）× 每名评价人（或每次走访）一列。",
      weights: "单项分值，alphaMatrix 每行一个。默认为标准规定的分值。",
    },
  },
  MATURITY_POINTS: {
    description: "单个管理要求条款的得分（附录 3）：成熟度等级 × 条款总分值 / 5。",
    parameters: {
      level: "该条款的成熟度等级，1–5 的整数。",
      weight: "附录 3 的条款总分值：5 或 10。",
    },
  },
  MATURITY_TOTAL: {
    description: "管理成熟度总分：附录 3 的 21 个条款得分之和。",
    parameters: { levels: "按附录 3 顺序排列的 21 个条款等级（1–5 的整数），一列或一行。" },
  },
  MATURITY_LEVEL: {
    description: "由管理成熟度总分得出的总体成熟度等级（1–5），按附录 3 的分档。",
    parameters: { total: "管理成熟度总分，20 到 145 之间的数。" },
  },
  CERT_GRADE: {
    description:
      "认证结果（5.3）：由服务特性测评得分、总体管理成熟度等级和管理要求符合性审查得出 AAAAA、AAAA、AAA、基本级（不定级）或不予认证；未给出审查结果时加注“（待符合性审查）”。",
    parameters: {
      serviceScore: "服务特性测评得分（0–100）；定级前先四舍五入到 1 位小数。",
      maturityLevel: "总体管理成熟度等级，1–5 的整数。",
      profile: '规则配置："table"（默认，按 5.3 表格各行）或 "paired"。',
      conformity: "管理要求符合性审查：TRUE 或“通过”；FALSE 或“未通过”（不予认证）；尚未审查时留空（结果为暂定）。",
    },
  },
  GRADE_REASON: {
    description: "用一两句话说明认证结果由什么决定，以及达到上一档还需要什么。",
    parameters: {
      serviceScore: "服务特性测评得分（0–100）。",
      maturityLevel: "总体管理成熟度等级 1–5，或管理成熟度总分 20–145（此时说明中给出还差的确切总分）。",
      profile: '规则配置："table"（默认）或 "paired"。',
      lang: '语言："zh-CN"（默认）或 "en-US"。',
      conformity: "管理要求符合性审查：TRUE 或“通过”；FALSE 或“未通过”；尚未审查时留空（结果为暂定）。",
    },
  },
  FLIP_COUNT: {
    description:
      "会使认证结果降低的单项变化个数（RULES §7）：某一评价人的某项 α 降低一个李克特档位、某一条款降低一级，或去掉一名评价人。0 表示结果稳健。",
    parameters: {
      alphaMatrix: "α 单元格：19 行（附录 1 项目顺序）× 每名评价人（或每次走访）一列。",
      levels: "按附录 3 顺序排列的 21 个条款等级（1–5 的整数），一列或一行。",
      profile: '规则配置："table"（默认）或 "paired"。',
    },
  },
  SERVICE_MARGIN: {
    description:
      "服务得分余量（RULES §7）：按定级方式修约到 1 位小数的服务得分，减去所达认证结果要求的最低服务得分（如 AAAA 为 90）。",
    parameters: {
      serviceScore: "服务特性测评得分（0–100），例如 QCS.PANEL_SCORE(...)。",
      maturityLevel: "总体管理成熟度等级 1–5，或管理成熟度总分 20–145。",
      profile: '规则配置："table"（默认）或 "paired"。',
    },
  },
  MATURITY_MARGIN: {
    description:
      "管理成熟度余量（RULES §7）：管理成熟度总分，减去所达认证结果要求的成熟度等级的最低总分（如 AAAA 要求四级，即 95）。",
    parameters: {
      serviceScore: "服务特性测评得分（0–100），例如 QCS.PANEL_SCORE(...)。",
      maturityTotal: "管理成熟度总分 20–145，例如 QCS.MATURITY_TOTAL(...)。",
      profile: '规则配置："table"（默认）或 "paired"。',
    },
  },
};
