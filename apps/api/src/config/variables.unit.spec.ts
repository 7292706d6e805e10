import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ALL_VARIABLES, readVariables } from './variables';

/** The rows of README's configuration table: variable name -> its whole row. */
function readmeRows(): Map<string, string> {
  const readme = readFileSync(join(__dirname, '..', '..', '..', '..', 'README.md'), 'utf8');
  const section = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('\n## ', readme.indexOf('## Configuration') + 1));
  const rows = new Map<string, string>();
  for (const line of section.split('\n')) {
    const name = /^\| `([A-Z_]+)` \|/.exec(line)?.[1];
    if (name) rows.set(name, line);
  }
  return rows;
}

describe('the declared variables', () => {
  it("are README's configuration table, each row showing the declared default", () => {
    const rows = readmeRows();
    expect([...rows.keys()].sort()).toEqual(Object.keys(ALL_VARIABLES).sort());
    for (const [name, variable] of Object.entries(ALL_VARIABLES)) {
      if ('default' in variable) expect(`${name}: ${rows.get(name)}`).toContain(`\`${variable.default}\``);
    }
  });

  it('every default passes its own rule', () => {
    expect(() => readVariables({}, ALL_VARIABLES)).not.toThrow();
  });
});
