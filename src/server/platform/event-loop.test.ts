import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { nextSliceSize, yieldToEventLoop } from './event-loop.ts';

const options = { targetMs: 100, min: 200, max: 5000 };

describe('nextSliceSize', () => {
  it('shrinks a slice that took too long in proportion', () => {
    assert.equal(nextSliceSize(1000, 400, options), 250);
  });

  it('grows a quick slice, at most doubling it', () => {
    assert.equal(nextSliceSize(1000, 80, options), 1250);
    assert.equal(nextSliceSize(1000, 10, options), 2000);
    assert.equal(nextSliceSize(1000, 0, options), 2000);
  });

  it('stays within its bounds', () => {
    assert.equal(nextSliceSize(300, 10_000, options), 200);
    assert.equal(nextSliceSize(4000, 10, options), 5000);
  });
});

describe('yieldToEventLoop', () => {
  it('lets a timer that is already due run before it resolves', async () => {
    const order: string[] = [];
    setTimeout(() => order.push('timer'), 0);
    await new Promise((r) => setTimeout(r, 5));
    setImmediate(() => order.push('immediate'));
    await yieldToEventLoop();
    order.push('after');
    assert.deepEqual(order, ['timer', 'immediate', 'after']);
  });
});
