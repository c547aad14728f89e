// Types of server.mjs for the project's TypeScript tests (this package itself is plain JavaScript).
export function startSimulator(options?: { port?: number; host?: string; quiet?: boolean; tls?: { key: string; cert: string }; langDelayMs?: number }): Promise<{
  origin: string;
  roomUrl(room: string, params?: Record<string, string | number | boolean>, hash?: string): string;
  close(): Promise<void>;
}>;
