// Only a resolver's own wire keys are dispatched: @forge/resolver looks keys up with
// `functionKey in functions`, which inherited names (constructor, toString, __proto__) pass.
import * as app from '../../../src/index';

const resolvers = {
  panelResolver: app.panelResolver,
  gadgetResolver: app.gadgetResolver,
  adminResolver: app.adminResolver,
  validatorConfigResolver: app.validatorConfigResolver,
};

test.each(Object.entries(resolvers))('%s answers NOT_FOUND in the envelope for inherited and unknown names', async (_name, resolver) => {
  for (const functionKey of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'no/such-key', '']) {
    const answer = await resolver({ call: { functionKey, payload: {} }, context: {} }, {});
    expect(answer).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: expect.stringMatching(/^This app has no action "/) },
    });
  }
});
