/**
 * Entry of the task pane (webpack entry "taskpane"). The start-up rule — Excel inside an Office
 * client, the sample preview only in a plain browser — is in start.tsx and host.ts.
 */
import { start } from "./start";

const el = document.getElementById("root");
if (el) void start(el);
