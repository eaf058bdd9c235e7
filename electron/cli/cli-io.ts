/**
 * Where a command reads and writes, and the exit code it asks for. The real CLI passes the
 * process's streams; tests pass their own and run every command in-process.
 */
export interface CliIo {
  stdin: NodeJS.ReadableStream;
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream;
  /** The environment the command sees (DESKWATCH_DATABASE_URL, DESKWATCH_DATA_DIR…). */
  env: NodeJS.ProcessEnv;
  /** 0 unless a command sets it: 2 for input the user can fix, 1 for a failure. */
  exitCode: number;
}

export function processIo(): CliIo {
  return { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr, env: process.env, exitCode: 0 };
}
