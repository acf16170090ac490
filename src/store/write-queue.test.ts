import { describe, expect, it } from 'vitest';
import { WriteQueue } from './write-queue.js';

/** A commit that records the groups it saw and sums each call's items. */
function recordingCommit(fail: (item: number) => boolean = () => false) {
  const groups: number[][][] = [];
  const commit = async (calls: readonly (readonly number[])[]) => {
    groups.push(calls.map((call) => [...call]));
    await new Promise((resolve) => setTimeout(resolve, 5));
    if (calls.some((call) => call.some(fail))) throw new Error('bad item');
    return calls.map((call) => call.reduce((sum, item) => sum + item, 0));
  };
  return { groups, commit };
}

describe('WriteQueue', () => {
  it('merges calls that arrive during a commit into the next commit', async () => {
    const { groups, commit } = recordingCommit();
    const queue = new WriteQueue(commit);
    const results = await Promise.all([[1], [2, 3], [4], [5, 6, 7]].map((c) => queue.enqueue(c)));
    expect(results).toEqual([1, 5, 4, 18]);
    expect(groups).toEqual([[[1]], [[2, 3], [4], [5, 6, 7]]]);
  });

  it('fails only the bad call of a merged group', async () => {
    const { commit } = recordingCommit((item) => item === 13);
    const queue = new WriteQueue(commit);
    const settled = await Promise.allSettled([[1], [2], [13], [4]].map((c) => queue.enqueue(c)));
    expect(settled.map((s) => s.status)).toEqual([
      'fulfilled',
      'fulfilled',
      'rejected',
      'fulfilled',
    ]);
  });

  it('bounds a merged group by maxItems but commits a larger single call whole', async () => {
    const { groups, commit } = recordingCommit();
    const queue = new WriteQueue(commit, 3);
    await Promise.all([[0], [1, 1], [2, 2], [3, 3, 3, 3]].map((c) => queue.enqueue(c)));
    expect(groups.map((group) => group.length)).toEqual([1, 1, 1, 1]);
    expect(groups[3]).toEqual([[3, 3, 3, 3]]);
  });

  it('reports idle only after every queued call has settled', async () => {
    const { groups, commit } = recordingCommit();
    const queue = new WriteQueue(commit);
    void queue.enqueue([1]);
    void queue.enqueue([2]);
    await queue.idle();
    expect(groups.flat()).toEqual([[1], [2]]);
  });
});
