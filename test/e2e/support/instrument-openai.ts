/**
 * Applies the real OpenLLMetry and OpenInference OpenAI instrumentations to the `openai` module
 * (the documented `manuallyInstrument` path for ESM) and restores the pristine module afterwards.
 */
import { OpenAIInstrumentation as OpenInferenceInstrumentation } from '@arizeai/openinference-instrumentation-openai';
import type { TracerProvider } from '@opentelemetry/api';
import { OpenAIInstrumentation as OpenLlmetryInstrumentation } from '@traceloop/instrumentation-openai';
import OpenAI from 'openai';

export type OpenAiInstrumentationName = 'openllmetry' | 'openinference';

type Patchable = Record<string, unknown>;

/** Every method either library wraps; restoring them all undoes what `disable()` leaves behind. */
const PATCH_POINTS: ReadonlyArray<readonly [Patchable, string]> = [
  [OpenAI.Chat.Completions.prototype as unknown as Patchable, 'create'],
  [OpenAI.Completions.prototype as unknown as Patchable, 'create'],
  [OpenAI.Embeddings.prototype as unknown as Patchable, 'create'],
  [OpenAI.Responses.prototype as unknown as Patchable, 'create'],
  [OpenAI.Images.prototype as unknown as Patchable, 'generate'],
  [OpenAI.Images.prototype as unknown as Patchable, 'edit'],
  [OpenAI.Images.prototype as unknown as Patchable, 'createVariation'],
];

function instrument(name: OpenAiInstrumentationName, provider: TracerProvider): () => void {
  if (name === 'openllmetry') {
    // Disabled so no require hook is installed; the manual wrap below is the whole patch.
    const instrumentation = new OpenLlmetryInstrumentation({ enabled: false });
    instrumentation.setTracerProvider(provider);
    instrumentation.manuallyInstrument(OpenAI);
    return () => instrumentation.disable();
  }
  const instrumentation = new OpenInferenceInstrumentation({
    instrumentationConfig: { enabled: false },
    tracerProvider: provider,
  });
  // OpenInference reads `module.OpenAI.*`; the class carries itself as the static `OpenAI`.
  instrumentation.manuallyInstrument(OpenAI);
  // Clears OpenInference's module-level "already patched" registry so a later scenario can patch.
  return () => instrumentation.disable();
}

/**
 * Instruments `openai` with the named libraries in order; a later one wraps the earlier ones (its
 * span is the parent), except that OpenLLMetry displaces earlier wrappers of what it patches.
 * Returns the function that removes every wrapper again; call it in `finally`.
 */
export function instrumentOpenAi(
  names: OpenAiInstrumentationName[],
  provider: TracerProvider,
): () => void {
  const pristine = PATCH_POINTS.map(([target, method]) => target[method]);
  const disablers = names.map((name) => instrument(name, provider));
  return () => {
    for (const disable of disablers.reverse()) disable();
    PATCH_POINTS.forEach(([target, method], index) => {
      target[method] = pristine[index];
    });
  };
}
