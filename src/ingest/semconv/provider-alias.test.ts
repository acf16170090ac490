import { describe, expect, it } from 'vitest';
import { normalizeProvider } from './provider-alias.js';

describe('normalizeProvider', () => {
  it.each([
    ['openai.chat', 'openai'],
    ['openai.responses', 'openai'],
    ['anthropic.messages', 'anthropic'],
    ['amazon-bedrock', 'aws.bedrock'],
    ['bedrock', 'aws.bedrock'],
    ['aws', 'aws.bedrock'],
    ['google.generative-ai', 'gcp.gemini'],
    ['gemini', 'gcp.gemini'],
    ['google.vertex.anthropic', 'gcp.vertex_ai'],
    ['vertexai', 'gcp.vertex_ai'],
    ['azure_openai', 'azure.ai.openai'],
    ['az.ai.openai', 'azure.ai.openai'],
    ['azure-openai', 'azure.ai.openai'],
    ['mistralai', 'mistral_ai'],
    ['xai', 'x_ai'],
    ['Anthropic', 'anthropic'],
    ['fireworks', 'fireworks'],
  ])('%s → %s', (raw, expected) => {
    expect(normalizeProvider(raw)).toBe(expected);
  });

  it('treats empty as unknown', () => {
    expect(normalizeProvider('  ')).toBeNull();
    expect(normalizeProvider(null)).toBeNull();
  });
});
