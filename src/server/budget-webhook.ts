/** Posts one budget alert as JSON, retrying with exponential backoff until a 2xx or the attempts run out. */

export interface WebhookPolicy {
  attempts: number;
  retryBaseMs: number;
  timeoutMs: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** True when the webhook answered 2xx within the policy's attempts. */
export async function postWebhook(
  url: string,
  payload: unknown,
  policy: WebhookPolicy,
): Promise<boolean> {
  const body = JSON.stringify(payload);
  for (let attempt = 0; attempt < policy.attempts; attempt++) {
    if (attempt > 0) await sleep(policy.retryBaseMs * 2 ** (attempt - 1));
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body,
        signal: AbortSignal.timeout(policy.timeoutMs),
      });
      await response.arrayBuffer();
      if (response.ok) return true;
    } catch {
      // A refused connection or a timeout is retried like a 5xx.
    }
  }
  return false;
}
