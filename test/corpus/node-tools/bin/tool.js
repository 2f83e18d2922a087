#!/usr/bin/env node
const { spawn, execSync } = require('child_process');
const fs = require('fs');
const { extractUnsafe, extractSafe, extractZip } = require('../lib/extract');
const { loadPlugin, loadBuiltin } = require('../lib/plugins');

const [, , command, arg, target] = process.argv;

switch (command) {
  case 'grep':
    spawn('grep', ['-r', arg, '.'], { shell: true }); // vuln: js/command-injection
    spawn('grep', ['-r', arg, '.']); // safe: js/command-injection
    break;
  case 'open':
    execSync('xdg-open ' + arg); // vuln: js/command-injection
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
    process.stdout.write(fs.readFileSync(arg)); // safe: js/path-traversal
    break;
  case 'env':
    execSync(`echo ${process.env.HOME}`); // vuln: js/command-injection
    break;
  default:
    console.log('usage: tool <command> [arg]');
}
