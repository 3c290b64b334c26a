import { RELEASES, findRelease, hasSlipped, releaseById, releaseLabel, releasesOpenForTargeting } from '../../../src/domain';
import { FIXED_NOW } from '../../fixtures/builders';

describe('OpenStack releases', () => {
  it('lists every series from Austin to 2027.1 Indri in order, with unique ids', () => {
    expect(RELEASES[0]).toMatchObject({ id: 'austin', name: 'Austin', firstReleaseDate: '2010-10-21', slurp: false });
    expect(RELEASES.at(-1)).toMatchObject({ id: 'indri', version: '2027.1', slurp: true, status: 'development' });
    expect(RELEASES).toHaveLength(35);
    expect(new Set(RELEASES.map((r) => r.id)).size).toBe(RELEASES.length);
    const dates = RELEASES.map((r) => r.firstReleaseDate);
    expect([...dates].sort()).toEqual(dates);
    // Alphabetical code names, A..Z then A..I again.
    const letters = RELEASES.map((r) => r.name[0]).join('');
    expect(letters).toBe('ABCDEFGHIJKLMNOPQRSTUVWXYZABCDEFGHI');
  });

  it('has the published dates and SLURP flags', () => {
    expect(releaseById('ocata')?.firstReleaseDate).toBe('2017-02-22');
    expect(releaseById('gazpacho')).toMatchObject({ version: '2026.1', firstReleaseDate: '2026-04-01', slurp: true });
    expect(releaseById('hibiscus')).toMatchObject({ version: '2026.2', firstReleaseDate: '2026-09-30', slurp: false });
    expect(releaseById('antelope')).toMatchObject({ version: '2023.1', slurp: true });
    expect(RELEASES.filter((r) => r.slurp).map((r) => r.id)).toEqual(['antelope', 'caracal', 'epoxy', 'gazpacho', 'indri']);
    expect(RELEASES.filter((r) => !r.version).every((r) => !r.slurp)).toBe(true);
  });

  it('finds a release by id, version, name or label', () => {
    expect(findRelease('Pike')?.id).toBe('pike');
    expect(findRelease('2026.1')?.id).toBe('gazpacho');
    expect(findRelease('2026.1 gazpacho')?.id).toBe('gazpacho');
    expect(findRelease('R')).toBeUndefined();
    expect(releaseLabel(releaseById('indri')!)).toBe('2027.1 Indri');
    expect(releaseLabel(releaseById('queens')!)).toBe('Queens');
  });

  it('offers only releases that have not shipped for targeting', () => {
    expect(releasesOpenForTargeting(FIXED_NOW).map((r) => r.id)).toEqual(['indri']);
    expect(releasesOpenForTargeting(new Date('2026-09-29T23:59:59Z')).map((r) => r.id)).toEqual(['hibiscus', 'indri']);
    // A release is shipped from 00:00 UTC on its release day.
    expect(releasesOpenForTargeting(new Date('2026-09-30T00:00:00Z')).map((r) => r.id)).not.toContain('hibiscus');
    expect(
      releasesOpenForTargeting(new Date('2016-12-01T00:00:00Z'))
        .map((r) => r.id)
        .slice(0, 3),
    ).toEqual(['ocata', 'pike', 'queens']);
    expect(releasesOpenForTargeting(new Date('2028-01-01'))).toEqual([]);
    expect(releasesOpenForTargeting('not a date')).toEqual([]);
  });

  it('defines slipping: release shipped and the item is not Development Ready / Delivered', () => {
    expect(hasSlipped('gazpacho', 'prioritized', FIXED_NOW)).toBe(true);
    expect(hasSlipped('gazpacho', 'development-ready', FIXED_NOW)).toBe(false);
    expect(hasSlipped('gazpacho', 'code-committed', FIXED_NOW)).toBe(true);
    expect(hasSlipped('gazpacho', 'delivered', FIXED_NOW)).toBe(false);
    expect(hasSlipped('indri', 'vetting-backlog', FIXED_NOW)).toBe(false);
    expect(hasSlipped('no-such-release', 'backlog', FIXED_NOW)).toBe(false);
  });
});
