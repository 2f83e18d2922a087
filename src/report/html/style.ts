/** The page's stylesheet: light and dark themes from the system setting, and a print layout. */
export const STYLE = `
:root { color-scheme: light dark; --bg: #fff; --fg: #1b1f24; --muted: #57606a; --line: #d0d7de;
  --panel: #f6f8fa; --accent: #0550ae; --mark: #fff1b8;
  --critical: #a40e26; --high: #bc4c00; --medium: #7d5a00; --low: #0a5aa8; --info: #57606a; }
@media (prefers-color-scheme: dark) {
  :root { --bg: #0d1117; --fg: #e6edf3; --muted: #9da7b3; --line: #30363d; --panel: #161b22;
    --accent: #79c0ff; --mark: #4d3b00;
    --critical: #ff7b72; --high: #ffa657; --medium: #e3b341; --low: #79c0ff; --info: #9da7b3; }
}
* { box-sizing: border-box; }
[hidden] { display: none !important; }
body { margin: 0; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; background: var(--bg); color: var(--fg); }
header, main { max-width: 1200px; margin: 0 auto; padding: 16px 24px; }
h1 { font-size: 1.5rem; margin: 0 0 4px; }
h2 { font-size: 1.15rem; margin: 24px 0 8px; }
a { color: var(--accent); }
.meta { color: var(--muted); margin: 0; }
.verdict { display: inline-block; margin: 12px 0 0; padding: 6px 12px; border: 2px solid var(--line); border-radius: 6px; font-weight: 600; }
.verdict.fail { border-color: var(--critical); }
.verdict.pass { border-color: #1a7f37; }
.verdict.incomplete { border-color: var(--high); }
.charts { display: flex; flex-wrap: wrap; gap: 16px; }
.chart { margin: 0; padding: 8px 12px; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; }
.chart figcaption { font-weight: 600; margin-bottom: 4px; }
.chart svg text { fill: var(--fg); font-size: 12px; }
.chart .bar { fill: var(--accent); }
.chart .bar.critical { fill: var(--critical); } .chart .bar.high { fill: var(--high); }
.chart .bar.medium { fill: var(--medium); } .chart .bar.low { fill: var(--low); } .chart .bar.info { fill: var(--info); }
.controls { display: flex; flex-wrap: wrap; gap: 8px 16px; align-items: end; padding: 12px; background: var(--panel); border: 1px solid var(--line); border-radius: 6px; }
.controls label { display: flex; flex-direction: column; font-size: 0.85rem; color: var(--muted); }
.controls input, .controls select, button { font: inherit; color: var(--fg); background: var(--bg); border: 1px solid var(--line); border-radius: 4px; padding: 4px 6px; }
button { cursor: pointer; }
:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
#count { margin: 8px 0; color: var(--muted); }
ol#findings { list-style: none; padding: 0; margin: 0; }
li.finding { border: 1px solid var(--line); border-radius: 6px; margin: 6px 0; }
li.finding > button.toggle { width: 100%; display: grid; grid-template-columns: 6.5rem 1fr; gap: 8px; text-align: left; border: 0; background: none; padding: 8px 10px; }
.sev { display: inline-block; font-size: 0.8rem; font-weight: 700; text-transform: uppercase; padding: 1px 6px; border-radius: 4px; border: 1px solid currentColor; }
.sev.critical { color: var(--critical); } .sev.high { color: var(--high); } .sev.medium { color: var(--medium); }
.sev.low { color: var(--low); } .sev.info { color: var(--info); }
.where { color: var(--muted); font-size: 0.9rem; display: block; }
.tag { font-size: 0.8rem; border: 1px solid var(--line); border-radius: 10px; padding: 0 6px; margin-left: 6px; color: var(--muted); }
.detail { padding: 4px 14px 12px; border-top: 1px solid var(--line); }
.detail h3 { font-size: 0.95rem; margin: 12px 0 4px; }
pre { background: var(--panel); border: 1px solid var(--line); border-radius: 4px; padding: 8px; overflow-x: auto; margin: 4px 0; }
pre mark { background: var(--mark); color: inherit; display: block; }
ol.flow { padding-left: 1.4rem; } ol.flow li { margin: 6px 0; }
ul.tree { list-style: none; padding-left: 1rem; margin: 2px 0; } ul.tree li::before { content: "└ "; color: var(--muted); }
#more { margin: 10px 0; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
table.diag { border-collapse: collapse; width: 100%; } table.diag td, table.diag th { border: 1px solid var(--line); padding: 4px 6px; text-align: left; vertical-align: top; }
@media print {
  :root { --bg: #fff; --fg: #000; --panel: #fff; --muted: #333; }
  .controls, #more, button.toggle::after { display: none; }
  li.finding { break-inside: avoid; }
}
`;
