export interface RenderOptions {
  /** ANSI colours; only the table uses them. */
  color: boolean;
  /** Terminal columns the table fits its messages into; no limit when absent. */
  width?: number;
}
