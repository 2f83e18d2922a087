#!/usr/bin/env node
const { spawn, execSync } = require('child_process');
const fs = require('fs');
const { extractUnsafe, extractSafe, extractZip } = require('../lib/extract');
const { loadPlugin, loadBuiltin } = require('../lib/plugins');

const [, , command, arg, target] = process.argv;

switch (command) {
  case 'grep':
    spawn('grep', ['-r', arg, '.'], { shell: true }); // vuln: js/tainted-command
    spawn('grep', ['-r', arg, '.']); // safe: js/tainted-command
    break;
  case 'open':
    execSync('xdg-open ' + arg); // vuln: js/tainted-command
    break;
  case 'extract':
    extractUnsafe(arg, target);
    extractSafe(arg, target);
    extractZip(arg, target);
    break;
  case 'plugin':
    loadPlugin(arg).run(); // safe: js/tainted-require
    loadBuiltin(arg); // safe: js/tainted-require
    require('./version.js'); // safe: js/tainted-require
    break;
  case 'cat':
    process.stdout.write(fs.readFileSync(arg)); // safe: js/tainted-path
    break;
  case 'env':
    execSync(`echo ${process.env.HOME}`); // vuln: js/tainted-command
    break;
  default:
    console.log('usage: tool <command> [arg]');
}
