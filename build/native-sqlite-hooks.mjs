/**
 * electron-builder hooks (build/electron-builder.yml: beforeBuild, afterPack) that give
 * node_modules/better-sqlite3 back its Node build after packaging.
 *
 * Why: with `npmRebuild: true`, electron-builder rebuilds better-sqlite3 for Electron *in place*
 * in node_modules, so after `npm run dist` the tests, the CLI and the browser mode (all plain
 * Node) could no longer load it. beforeBuild keeps a copy of the Node build in .native/; once the
 * app's files are copied into the package, afterPack puts that copy back and removes the marker
 * that would make the next architecture's rebuild think it was already done.
 *
 * Both hooks only warn on trouble: keeping node_modules tidy must never fail a release build.
 * The manual fix, if a packaging run is interrupted in between: `npm rebuild better-sqlite3`.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function paths(root) {
  const release = path.join(root, 'node_modules', 'better-sqlite3', 'build', 'Release');
  return {
    nodeBuild: path.join(release, 'better_sqlite3.node'),
    // @electron/rebuild's "already built for this platform, arch and ABI" marker.
    rebuildMarker: path.join(release, '.forge-meta'),
    backup: path.join(root, '.native', 'node-build', 'better_sqlite3.node'),
  };
}

/** Whether this Node can load the binary, i.e. it is the Node build (checked in a child: a foreign binary may crash the loader). */
function loadsInNode(file) {
  const probe = 'try { process.dlopen({ exports: {} }, process.argv[1]); console.log("loaded"); } catch (e) { console.log("refused"); }';
  const run = spawnSync(process.execPath, ['-e', probe, file], { encoding: 'utf8' });
  return /^loaded$/m.test(run.stdout || '');
}

export function createHooks(root, log = (message) => console.warn(`deskwatch native-sqlite-hooks: ${message}`)) {
  const files = paths(root);
  return {
    async beforeBuild() {
      try {
        if (fs.existsSync(files.nodeBuild) && loadsInNode(files.nodeBuild)) {
          fs.mkdirSync(path.dirname(files.backup), { recursive: true });
          fs.copyFileSync(files.nodeBuild, files.backup);
        } else if (!fs.existsSync(files.backup)) {
          log('node_modules/better-sqlite3 is not a Node build and no copy is kept; after packaging run "npm rebuild better-sqlite3".');
        }
        // Otherwise an earlier run was interrupted after the rebuild: the kept copy is still the Node build.
      } catch (error) {
        log(`could not keep a copy of the Node build: ${error.message}`);
      }
      // true: electron-builder goes on to rebuild for Electron (false would skip it).
      return true;
    },

    async afterPack() {
      try {
        if (!fs.existsSync(files.backup)) return;
        const partial = `${files.nodeBuild}.partial`;
        fs.copyFileSync(files.backup, partial);
        fs.renameSync(partial, files.nodeBuild);
        fs.rmSync(files.rebuildMarker, { force: true });
      } catch (error) {
        log(`could not put the Node build back: ${error.message}; run "npm rebuild better-sqlite3".`);
      }
    },
  };
}

const hooks = createHooks(fileURLToPath(new URL('..', import.meta.url)));

// electron-builder import()s this file and takes the export named after each hook.
export const beforeBuild = hooks.beforeBuild;
export const afterPack = hooks.afterPack;
