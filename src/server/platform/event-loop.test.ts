import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { yieldToEventLoop } from './event-loop.ts';

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
