/**
 * The real-client scenarios for end-to-end tests: each sends real OTLP/HTTP to `otlpUrl` and
 * returns its trace ids and exactly what the OpenAI stub answered.
 */

export {
  callAt,
  onlySpan,
  scenarioSpans,
  spanForCall,
  usageKeys,
} from './captured-spans.js';
export {
  OPENAI_CLIENT_BUSINESS,
  type OpenAiClientScenarioOptions,
  openinferenceScenario,
  openllmetryScenario,
  stackedScenario,
} from './openai-client-scenarios.js';
export {
  type OpenAiStub,
  type StubRequest,
  type StubScript,
  scriptStub,
  startOpenAiStub,
} from './openai-stub-server.js';
export {
  type CapturedSpan,
  type OtlpCaptureServer,
  startOtlpCaptureServer,
} from './otlp-capture-server.js';
export { PLAIN_SDK_BUSINESS, plainSdkScenario } from './plain-sdk-scenario.js';
export type { OffSpanFact, ScenarioCall, ScenarioResult } from './scenario-result.js';
export type { ScenarioOptions, TelemetryOptions } from './scenario-telemetry.js';
export type { StubReply } from './stub-reply.js';
export {
  VERCEL_AI_BUSINESS,
  type VercelAiScenarioOptions,
  vercelAiScenario,
} from './vercel-ai-scenario.js';
