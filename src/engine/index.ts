/**
 * The scoring engine: pure functions over the scheme data. No Office, DOM or Node APIs here, so the
 * same code runs in the custom functions, the task pane, the templates' reader and the command line.
 */
export * from "./decimal";
export * from "./findings";
export * from "./input";
export * from "./service";
export * from "./maturity";
export * from "./grade";
export * from "./robustness";
export * from "./assessment";
export * from "./records";
export * from "./exchange";
export * from "./json";
export * from "./limits";
