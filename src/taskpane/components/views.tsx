/** The summary's parts, one module per view. Every figure and sentence comes from the engine's result or the scheme. */
export { GradeCard } from "./GradeCard";
export { Overview } from "./Overview";
export { ServiceView } from "./ServiceView";
export { MaturityView } from "./MaturityView";
export { Findings } from "./Findings";
export { RobustnessView } from "./RobustnessView";
export { RecordsView } from "./RecordsView";
export { itemName, type ViewProps } from "./shared";
