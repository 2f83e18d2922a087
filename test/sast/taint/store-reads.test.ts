/**
 * Database reads give back the database's rows, not the keys they were given (models/databases.ts):
 * by the module a call's path starts from, by an SQL builder's chain, or, for Prisma's model
 * finders, by the method's name alone, since a workspace package often builds the client.
 */
import { describe, expect, it } from 'vitest';
import { defaultModels } from '../../../src/sast/taint/models.ts';

describe('store reads', () => {
  const models = defaultModels();
  const none = () => [];

  it("knows a database module's reads by the module", () => {
    expect(models.storeRead('pg.Pool().query', 'query', none)).toBeDefined();
    expect(models.storeRead('mongoose.model().findOne', 'findOne', none)).toEqual({});
    expect(models.storeRead('lodash.find', 'find', none)).toBeUndefined();
  });

  it("knows Prisma's model finders on any receiver the program does not define", () => {
    for (const method of ['findFirst', 'findUnique', 'findMany', 'findFirstOrThrow', 'findUniqueOrThrow'])
      expect(models.storeRead(undefined, method, none)).toEqual({});
    // Not a name any list or store uses for something else: `find` alone stays tied to its module.
    expect(models.storeRead(undefined, 'find', none)).toBeUndefined();
  });
});
