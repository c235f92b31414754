// The floor of a cold run: a Node process that loads dockerfile-ast and parses the files named
// on the command line (read from disk), and nothing else.
import fs from 'node:fs';
import { DockerfileParser } from 'dockerfile-ast';

let instructions = 0;
for (const file of process.argv.slice(2)) instructions += DockerfileParser.parse(fs.readFileSync(file, 'utf8')).getInstructions().length;
if (instructions < 0) console.log(instructions);
