// Builds Tessera once before the suite (npm's "pretest"). Skipped when TESSERA_BIN or TESSERA_DLL names a build.
import { buildTessera } from './server.mjs';

if (process.env.TESSERA_BIN || process.env.TESSERA_DLL) {
  console.log('sdk: using ' + (process.env.TESSERA_BIN || process.env.TESSERA_DLL));
} else {
  buildTessera();
}
