import type { RuleCases } from '../../src/sast/rule.ts';

export default {
  valid: [
    {
      name: 'origin compared before the data is used',
      code: `window.addEventListener('message', (event) => {
  if (event.origin !== 'https://app.example.com') return;
  render(event.data);
});`,
    },
    {
      name: 'destructured origin, and a handler that checks the source window',
      code: `window.addEventListener('message', ({ data, origin }) => { if (ALLOWED.has(origin)) apply(data); });
window.onmessage = function (e) { if (e.source === frame.contentWindow) show(e.data); };`,
    },
    {
      name: "a worker's own channel and a port",
      code: `self.addEventListener('message', (e) => { postMessage(compute(e.data)); });
worker.addEventListener('message', (e) => update(e.data));
channel.port1.onmessage = (e) => log(e.data);`,
    },
    {
      name: 'a handler that ignores the payload, or hands the event to a checker',
      code: `window.addEventListener('message', () => refresh());
window.addEventListener('message', (e) => dispatch(e));
window.addEventListener('resize', (e) => layout(e.data));`,
    },
    {
      name: 'a handler that only logs what it hears',
      code: `window.addEventListener('message', (msg) => {
  console.debug('frame said', msg.data.kind, 'from', msg.origin);
});
window.onmessage = (ev) => logger.info(\`message \${JSON.stringify(ev.data)}\`);`,
    },
    {
      name: 'origin compared after being lowered into a variable',
      code: `window.addEventListener('message', (ev) => {
  const from = ev.origin.toLowerCase();
  if (!TRUSTED.includes(from)) return;
  store.dispatch(ev.data);
});`,
    },
  ],
  invalid: [
    {
      name: 'data used with no origin check',
      code: `window.addEventListener('message', (event) => { // vigil-expect
  document.getElementById('out').textContent = event.data.text;
});`,
    },
    {
      name: 'a named handler and an onmessage property',
      code: `function onMessage(e) { localStorage.setItem('token', e.data.token); }
window.addEventListener('message', onMessage, false); // vigil-expect
window.onmessage = (e) => { state.user = e.data; }; // vigil-expect`,
    },
    {
      name: 'destructured data, bare registration in a page script',
      code: `const title = document.title;
addEventListener('message', ({ data }) => { applySettings(data); }); // vigil-expect`,
    },
    {
      name: 'the origin only logged, or only used to answer whoever sent it',
      code: `window.addEventListener('message', (ev) => { // vigil-expect
  console.log('message from', ev.origin);
  router.push(ev.data.path);
});
window.addEventListener('message', (ev) => { // vigil-expect
  const answer = lookup(ev.data.key);
  ev.source.postMessage({ answer }, ev.origin);
});`,
    },
    {
      name: 'logged, then used',
      code: `window.addEventListener('message', (ev) => { // vigil-expect
  console.log(apply(ev.data));
});`,
    },
  ],
} satisfies RuleCases;
