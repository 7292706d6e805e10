import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

// The WASM is committed as generated code so the runtime needs no compiler; this recompiles the
// AssemblyScript source and fails when the committed bytes are not what it compiles to.
describe('committed keccak WASM (libs/merkle/src/keccak-wasm.generated.ts)', () => {
  it('is exactly what libs/merkle/assembly/keccak.as compiles to', () => {
    const root = join(__dirname, '..', '..', '..');
    const out = execFileSync(process.execPath, [join(root, 'scripts', 'build-keccak.mjs'), '--check'], { cwd: root, encoding: 'utf8' });
    expect(out).toMatch(/matches the source/);
  });
});
