import { defineTaintRule } from '../../src/sast/taint/rule.ts';

const WRITES = [
  'create',
  'insert',
  'insertMany',
  'update',
  'updateOne',
  'updateMany',
  'upsert',
  'build',
  'save',
  'bulkCreate',
  'findOrCreate',
  'merge',
];

export default defineTaintRule(
  {
    id: 'js/mass-assignment',
    kind: 'sast',
    title: 'Mass assignment: the whole request body is written to a model',
    severity: 'medium',
    cwe: ['CWE-915'],
    owasp: ['A08:2021-Software and Data Integrity Failures'],
    help:
      'The request body object itself goes to an ORM write (`User.create(req.body)`, ' +
      '`repo.update(id, req.body)`, `Object.assign(user, req.body)`), so the client sets fields it must ' +
      'not — `isAdmin`, `role`, `ownerId`, `balance`. Pick the fields you accept: ' +
      '`const { name, email } = req.body; await User.create({ name, email });`',
    fixHint: 'Copy only the allowed fields from the body (destructure or pick) before writing.',
  },
  {
    sources: ['remote'],
    sinks: [
      {
        call: WRITES.map((m) => `*.${m}`),
        args: [0, 1],
        wholeObject: true,
        // A model class (`User.update`), or an instance named for a store (`userRepository`, `db`).
        receiver:
          '^([A-Z]\\w*|\\w*([Rr]epo|[Rr]epository|[Mm]odel|[Pp]risma|[Dd]b|DB|[Cc]ollection|[Mm]anager)\\w*|user|users|account)$',
        receiverCaseSensitive: true,
        label: 'a model write',
      },
      {
        call: ['Object.assign'],
        args: [1, 2, 3],
        wholeObject: true,
        intoExisting: true,
        label: 'an object assignment',
      },
      {
        call: ['*.findByIdAndUpdate', '*.findOneAndUpdate'],
        args: [1],
        wholeObject: true,
        label: 'a model write',
      },
    ],
    // Text and numbers carry no fields to set.
    sanitisedBy: ['numeric', 'string'],
    guards: [],
  },
);
