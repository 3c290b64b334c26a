// `npm start` names the port already in use, what it is for and the variable that moves it.
import { portInUseMessage } from '../../../sandbox/port-in-use';

describe('a port already in use', () => {
  test("the Launchpad emulator's default port (PORT+3), taken by another sandbox", () => {
    const m = portInUseMessage({ port: 8233 }, { port: 8230 });
    expect(m).toMatch(
      /^Port 8233 is in use \(the Launchpad emulator, PORT\+3\), perhaps by another sandbox\. Choose a free one with LAUNCHPAD_PORT, e\.g\. LAUNCHPAD_PORT=8333 npm start/,
    );
    expect(m).toContain('The sandbox uses 8230 (site), 8231 (Custom UI), 8232 (Gerrit emulator) and 8233 (Launchpad emulator).');
  });
  test("Gerrit's, set by GERRIT_PORT", () => {
    expect(portInUseMessage({ port: 9000 }, { port: 8230, gerritPort: 9000 })).toMatch(
      /^Port 9000 is in use \(the Gerrit emulator, GERRIT_PORT\).*GERRIT_PORT=9100 npm start/,
    );
  });
  test("the site's or the Custom UI's: PORT", () => {
    expect(portInUseMessage({ port: 8231 }, { port: 8230 })).toMatch(
      /^Port 8231 is in use \(the Custom UI, PORT\+1\); start with another, e\.g\. PORT=8240/,
    );
    expect(portInUseMessage({ port: 8230 }, { port: 8230, launchpadPort: 8236 })).toContain('8236 (Launchpad emulator)');
  });
  test('an error without its port still says what to set', () => {
    expect(portInUseMessage({}, { port: 8080 })).toMatch(/set GERRIT_PORT \/ LAUNCHPAD_PORT/);
  });
});
