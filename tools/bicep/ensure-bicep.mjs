#!/usr/bin/env node
// Makes the real Bicep CLI available and prints the path of its binary.
//
// The CLI comes from the NuGet package Azure.Bicep.CommandLine.linux-x64, restored with the machine's
// .NET SDK from tools/bicep/bicep.csproj into tools/bicep/packages (git-ignored). The package carries a
// self-contained `bicep` executable, so nothing else is downloaded and no .NET runtime is needed to run it.
// Idempotent: when the binary is already there and runs, this only checks it (well under a second).
//
//   node tools/bicep/ensure-bicep.mjs          → prints /abs/path/to/bicep
//   BICEP_BIN=/path/to/bicep node ...          → uses that binary instead (e.g. on a non-linux-x64 machine)
import { execFileSync } from 'node:child_process';
import { accessSync, chmodSync, constants, existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const csproj = join(here, 'bicep.csproj');
const packagesDir = join(here, 'packages');
const PACKAGE_ID = 'Azure.Bicep.CommandLine.linux-x64';

/** The version pinned in bicep.csproj (single source of truth). */
export function pinnedBicepVersion() {
  const text = readFileSync(csproj, 'utf8');
  const match = text.match(/PackageReference\s+Include="Azure\.Bicep\.CommandLine\.linux-x64"\s+Version="([^"]+)"/);
  if (!match) throw new Error(`No ${PACKAGE_ID} PackageReference with a Version in ${csproj}`);
  return match[1];
}

function binaryPath(version) {
  return join(packagesDir, PACKAGE_ID.toLowerCase(), version, 'tools', 'bicep');
}

function runs(bin, version) {
  try {
    const out = execFileSync(bin, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return version === undefined || out.includes(`version ${version} `) || out.includes(`version ${version}\n`) || out.includes(`version ${version} (`);
  } catch {
    return false;
  }
}

/** Returns the absolute path of a working bicep binary, restoring the NuGet package if needed. */
export function ensureBicep({ quiet = false } = {}) {
  if (process.env.BICEP_BIN) {
    const bin = resolve(process.env.BICEP_BIN);
    if (!runs(bin)) throw new Error(`BICEP_BIN=${bin} does not run`);
    return bin;
  }
  const version = pinnedBicepVersion();
  const bin = binaryPath(version);
  if (existsSync(bin)) {
    makeExecutable(bin);
    if (runs(bin, version)) return bin;
  }
  if (process.platform !== 'linux' || process.arch !== 'x64') {
    throw new Error(
      `The pinned package ${PACKAGE_ID} only runs on linux-x64 (this is ${process.platform}-${process.arch}). ` +
        'Set BICEP_BIN to a Bicep CLI of the same version.',
    );
  }
  const log = (msg) => quiet || process.stderr.write(`${msg}\n`);
  log(`Restoring ${PACKAGE_ID} ${version} with dotnet restore (tools/bicep/bicep.csproj → tools/bicep/packages)…`);
  const started = Date.now();
  try {
    execFileSync('dotnet', ['restore', csproj, '--packages', packagesDir, '--nologo', '--verbosity', 'quiet'], {
      stdio: ['ignore', quiet ? 'ignore' : 'inherit', 'inherit'],
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', DOTNET_SKIP_FIRST_TIME_EXPERIENCE: '1' },
    });
  } catch (err) {
    throw new Error(`dotnet restore failed (is the .NET SDK on PATH?): ${err.message}`);
  }
  if (!existsSync(bin)) throw new Error(`Restore finished but ${bin} is missing`);
  makeExecutable(bin);
  if (!runs(bin, version)) throw new Error(`${bin} does not report version ${version}`);
  log(`Restored in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  return bin;
}

function makeExecutable(bin) {
  try {
    accessSync(bin, constants.X_OK);
  } catch {
    chmodSync(bin, 0o755); // NuGet extracts without the executable bit
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    process.stdout.write(`${ensureBicep()}\n`);
  } catch (err) {
    process.stderr.write(`ensure-bicep: ${err.message}\n`);
    process.exit(1);
  }
}
