// The argv model on real command lines: scripts copied from the handed cases (test/fixtures/argv/real),
// parsed with the shell carrier, then split into options, filter rules, sources and destination.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseShellScript } from '../src/shell/index.js';
import { effectiveFlags, parseRsyncArgv, splitSourcesAndDest } from '../src/rsync/options.js';
import { filterOptions } from '../src/rsync/model.js';

const dir = path.resolve('test/fixtures/argv/real');

async function firstCommand(file: string): Promise<string[]> {
  const script = await parseShellScript(fs.readFileSync(path.join(dir, file), 'utf8'));
  const inv = script.invocations[0];
  return [inv.program.text, ...inv.args.map((w) => w.text)];
}

interface Expect {
  sources: string[];
  dest: string | undefined;
  rules: string[];
  flags?: Partial<ReturnType<typeof effectiveFlags>>;
}

const CASES: Record<string, Expect> = {
  '001-cmd.sh': { sources: ['root@oldmail.example.net:/'], dest: '/mnt/newvm/', rules: ['tmp', 'proc', 'sys', 'dev', 'run'], flags: { recursive: true } },
  '002-cmd.sh': { sources: ['/'], dest: '/mnt/target/', rules: ['/tmp', '/proc', '/sys', '/dev', '/run', '/mnt'] },
  '004-cmd.sh': { sources: ['/home/user'], dest: 'home-user/', rules: ['/home/user/build/', '/home/user/.ccache'] },
  // bash brace expansion of {'landing', 'studio'}: the space splits the word, so `studio}` becomes a source
  '005-cmd.sh': { sources: ['studio}', './site/'], dest: 'deploy@web.example.org:/var/www/site/', rules: ['{landing,'] },
  '007-cmd.sh': { sources: ['/root/'], dest: '/root/backup/', rules: ['/root/backup'], flags: { deleteExcluded: true, deleteMode: true } },
  '008-cmd.sh': { sources: ['/var/www/project/'], dest: '/var/www/.staging/project/', rules: ['src', 'vendor'], flags: { deleteTiming: 'after' } },
  '013-cmd.sh': { sources: ['./htdocs/'], dest: 'www@web.example.org:/var/www/blog/', rules: [], flags: { cvsExclude: true } },
  '015-cmd.sh': { sources: ['./'], dest: 'deploy@app.example.net:/srv/app/', rules: ['.git/', '__pycache__/'] },
  '024-cmd.sh': { sources: ['./'], dest: 'gpu01.example.edu:/scratch/user/project/', rules: ['file:.rsyncignore'] },
  '026-cmd.sh': { sources: ['/data/source/./a/?'], dest: '/data/destination', rules: ['b/'], flags: { relative: true } },
  '032-cmd.sh': { sources: ['/'], dest: '/timeshift/snapshots/new/localhost/', rules: ['file:exclude.list'], flags: { relative: true, deleteExcluded: true } },
  '037-cmd.sh': { sources: ['~/src/project/'], dest: 'build.example.org:/home/build/project/', rules: [], flags: { cvsExclude: true } },
  '038-cmd.sh': { sources: ['/srv/projects/'], dest: '/backup/projects/', rules: ['core'], flags: { deleteExcluded: true } },
  '042-backup.sh': { sources: ['pi@pi.example.lan:'], dest: './', rules: ['file:rsync_excludes'], flags: { filesFrom: 'rsync_sources', recursive: true, relative: true } },
  '050-deploy.sh': { sources: ['./site/'], dest: 'app@www.example.net:/home/app/production/site', rules: ['pyc', '__pycache__', '.git', 'bundle.min.js', 'vendors.min.js', '.env.dev', '.env.stage', '.idea', '*.log', 'venv'] },
  '058-deploy.sh': {
    sources: ['./'], dest: 'explorer-host:/var/www/explorer/',
    rules: ['.git*', 'docker/**/*.service', 'cache', 'vendor/ezyang/htmlpurifier/library/HTMLPurifier/DefinitionCache/Serializer/', 'vendor', 'app/config', 'app/storage/views/*.php'],
  },
  '060-template-deploy.sh': { sources: ['site/'], dest: 'user@www.example.com:/path/to/switchboard', rules: ['.DS_Store', '.git', '.gitignore', 'template-CONFIG.php', 'template-htaccess'] },
};

describe('argv model on real command lines', () => {
  it('has a dozen or more fixtures, each with an expectation', () => {
    const files = fs.readdirSync(dir).sort();
    expect(files.length).toBeGreaterThanOrEqual(12);
    expect(files).toEqual(Object.keys(CASES).sort());
  });
  for (const [file, want] of Object.entries(CASES)) {
    it(file, async () => {
      const words = await firstCommand(file);
      const argv = parseRsyncArgv(words);
      expect(argv.errors).toEqual([]);
      const { sources, dest } = splitSourcesAndDest(argv);
      expect(sources.map((s) => s.text)).toEqual(want.sources);
      expect(dest?.text).toEqual(want.dest);
      const rules = filterOptions(argv).map((o) => (o.type === 'rule' ? Buffer.from(o.text, 'latin1').toString('utf8') : o.type === 'file' ? `file:${o.path}` : o.type));
      expect(rules.filter((r) => r !== 'cvs-exclude')).toEqual(want.rules);
      if (want.flags) expect(effectiveFlags(argv)).toMatchObject(want.flags);
    });
  }
});
