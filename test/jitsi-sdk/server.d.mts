// Types of server.mjs for the project's TypeScript tests (this package itself is plain JavaScript).
export function startServer(options?: { port?: number; host?: string; quiet?: boolean; langDelayMs?: number }): Promise<{ url: string; close(): Promise<void> }>;
