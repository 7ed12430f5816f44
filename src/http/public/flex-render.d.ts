/** Types for flex-render.js (plain ES module shared by the demo page, the console's preview and Node tests). */
export declare function escapeHtml(value: unknown): string;
export declare function length(value: unknown, table?: Record<string, number>): string | null;
export declare function safeUrl(value: unknown): string | null;
export declare function actionAttrs(action: unknown): string;
export declare function renderFlex(container: unknown, options?: { unknown?: string[] }): string;
