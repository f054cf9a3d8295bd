import { parseArgs } from './args.js';
import { isAppError } from '../shared/errors.js';

const HELP = `samachar — newsroom platform for Hindi-first publishers

Usage:
  samachar serve [--port 3000] [--host 127.0.0.1] [--data ./data] [--no-demo] [--workers N]
  samachar import FILE [--format ndjson|wxr|ghost] [--media DIR] [--data DIR]
  samachar export FILE.ndjson [--data DIR]
  samachar user add --email E --name N --role reporter|editor|admin [--password P]
  samachar migrate [--data DIR]
  samachar backup FILE [--data DIR]
  samachar reindex [--data DIR]
  samachar cricket import FILE.json [--force] [--data DIR]
  samachar cricket export MATCH_ID FILE.json [--data DIR]

Every command takes --data DIR (env DATA_DIR, default ./data) and honours DATABASE_URL.
`;

type Command = (positional: string[], flags: Record<string, string | boolean>) => Promise<number>;

const commands: Record<string, () => Promise<Command>> = {
  serve: async () => (await import('./serve.js')).serveCommand,
  import: async () => (await import('./import.js')).importCommand,
  export: async () => (await import('./export.js')).exportCommand,
  user: async () => (await import('./user.js')).userCommand,
  migrate: async () => (await import('./migrate.js')).migrateCommand,
  backup: async () => (await import('./backup.js')).backupCommand,
  cricket: async () => (await import('./cricket.js')).cricketCommand,
  reindex: async () => (await import('./reindex.js')).reindexCommand,
};

export async function run(argv: string[]): Promise<number> {
  const { positional, flags } = parseArgs(argv);
  const [name, ...rest] = positional;
  if (!name || flags.help || name === 'help') {
    process.stdout.write(HELP);
    return name ? 0 : flags.help ? 0 : 2;
  }
  const load = commands[name];
  if (!load) {
    process.stderr.write(`samachar: unknown command "${name}"\n\n${HELP}`);
    return 2;
  }
  try {
    return await (await load())(rest, flags);
  } catch (e) {
    if (isAppError(e)) {
      process.stderr.write(`samachar ${name}: ${e.message}\n${e.issues.map((i) => `  ${i.field}: ${i.message}\n`).join('')}`);
      return 1;
    }
    process.stderr.write(`samachar ${name}: ${(e as Error).stack ?? String(e)}\n`);
    return 1;
  }
}

const code = await run(process.argv.slice(2));
// serve keeps running; every other command ends with its exit code.
if (code !== -1) process.exit(code);
