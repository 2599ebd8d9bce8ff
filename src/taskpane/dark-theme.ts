/** Loaded on demand when Office (or the browser) uses a dark theme. */
export { webDarkTheme as darkTheme } from "@fluentui/react-components";
