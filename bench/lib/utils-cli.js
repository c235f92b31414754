// dockerfile-utils as a cold run: a Node process that loads its validator (from bench/.peers)
// and validates the files named on the command line, read from disk, each once.
import fs from 'node:fs';
import path from 'node:path';
import { peersDir } from './common.js';

const utils = await import(path.join(peersDir, 'node_modules/dockerfile-utils/lib/main.js'));
const validate = utils.validate ?? utils.default?.validate;
let problems = 0;
for (const file of process.argv.slice(2)) problems += validate(fs.readFileSync(file, 'utf8')).length;
if (problems < 0) console.log(problems);
