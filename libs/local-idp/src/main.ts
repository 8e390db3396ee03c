import { parseLocalIdpCliOptions } from './local-idp-cli-options';
import { startLocalIdp } from './start-local-idp';

// Spawned by the local-mode launcher; speaks one JSON object per line on stdout.
function log(record: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...record })}\n`);
}

async function main(): Promise<void> {
  const options = parseLocalIdpCliOptions(process.argv[2]);
  const idp = await startLocalIdp(options);
  log({ msg: 'local-idp listening', issuer: idp.issuer });

  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    idp.close().then(
      () => {
        log({ msg: 'local-idp stopped', signal });
        process.exit(0);
      },
      (error: unknown) => {
        log({ msg: 'local-idp failed to stop cleanly', signal, error: String(error) });
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((error: unknown) => {
  log({ msg: 'local-idp failed to start', error: error instanceof Error ? error.message : String(error) });
  process.exit(1);
});
