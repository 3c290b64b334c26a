// `npm start` uses four ports: PORT (the site), PORT+1 (Custom UI, a separate origin), and the
// upstream emulators on PORT+2 (Gerrit, GERRIT_PORT) and PORT+3 (Launchpad, LAUNCHPAD_PORT). Two
// sandboxes PORT=8080 and PORT=8082 collide on the emulators only; the message says which port,
// what it was for and which variable moves it.

export interface SandboxPorts {
  port: number;
  gerritPort?: number | undefined;
  launchpadPort?: number | undefined;
}

/** The sentence for a port already in use, from the listen error (Node's EADDRINUSE carries `port`). */
export function portInUseMessage(error: { port?: unknown }, ports: SandboxPorts): string {
  const gerrit = ports.gerritPort ?? ports.port + 2;
  const launchpad = ports.launchpadPort ?? ports.port + 3;
  const all = `The sandbox uses ${ports.port} (site), ${ports.port + 1} (Custom UI), ${gerrit} (Gerrit emulator) and ${launchpad} (Launchpad emulator).`;
  const failed = typeof error.port === 'number' ? error.port : undefined;
  if (failed === launchpad && failed !== gerrit)
    return `Port ${failed} is in use (the Launchpad emulator${ports.launchpadPort ? ', LAUNCHPAD_PORT' : `, PORT+3`}), perhaps by another sandbox. Choose a free one with LAUNCHPAD_PORT, e.g. LAUNCHPAD_PORT=${failed + 100} npm start, or move them all with PORT. ${all}`;
  if (failed === gerrit)
    return `Port ${failed} is in use (the Gerrit emulator${ports.gerritPort ? ', GERRIT_PORT' : ', PORT+2'}), perhaps by another sandbox. Choose a free one with GERRIT_PORT, e.g. GERRIT_PORT=${failed + 100} npm start, or move them all with PORT. ${all}`;
  if (failed === ports.port || failed === ports.port + 1)
    return `Port ${failed} is in use (${failed === ports.port ? 'the site, PORT' : 'the Custom UI, PORT+1'}); start with another, e.g. PORT=${ports.port + 10} npm start. ${all}`;
  return `A port the sandbox needs is in use; start with another PORT (e.g. PORT=${ports.port + 10} npm start), or set GERRIT_PORT / LAUNCHPAD_PORT. ${all}`;
}
