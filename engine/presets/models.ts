/** Models: the reference paper's Section VI MoE at Configs 1–4, and published dense and MoE models. */
import type { ModelSpec } from '../types.js';

/** Table IV: Config c has 32·m experts with m active, granularity m, m experts per DP rank. */
export const PAPER_GRANULARITY = [1, 2, 4, 8] as const;

/** The 120-layer, d_model 12288, 128-head GPT-style MoE of Section VI at Config `config` (1–4). */
export function paperMoe(config: 1 | 2 | 3 | 4): ModelSpec {
  const m = PAPER_GRANULARITY[config - 1];
  return {
    name: `paper-moe-c${config}`,
    layers: 120,
    hiddenSize: 12288,
    attentionHeads: 128,
    kvHeads: 128,
    ffnHidden: 4 * 12288,
    ffnKind: 'gelu',
    vocabularySize: 50_257,
    sequenceLength: 8192,
    tiedEmbeddings: true,
    moe: { experts: 32 * m, activeExperts: m, granularity: m, sharedExperts: 0, moeLayerInterval: 1, firstDenseLayers: 0 },
  };
}

/** GPT-3 175B (Brown et al. 2020). */
export const GPT3_175B: ModelSpec = {
  name: 'gpt3-175b',
  layers: 96,
  hiddenSize: 12288,
  attentionHeads: 96,
  kvHeads: 96,
  ffnHidden: 4 * 12288,
  ffnKind: 'gelu',
  vocabularySize: 50_257,
  sequenceLength: 2048,
  tiedEmbeddings: true,
};

/** Mixtral 8x7B (Jiang et al. 2024): 8 SwiGLU experts, top-2, GQA with 8 KV heads, no dropout. */
export const MIXTRAL_8X7B: ModelSpec = {
  name: 'mixtral-8x7b',
  layers: 32,
  hiddenSize: 4096,
  attentionHeads: 32,
  kvHeads: 8,
  ffnHidden: 14336,
  ffnKind: 'swiglu',
  vocabularySize: 32_000,
  sequenceLength: 4096,
  tiedEmbeddings: false,
  dropout: 0,
  moe: { experts: 8, activeExperts: 2, granularity: 1, sharedExperts: 0, moeLayerInterval: 1, firstDenseLayers: 0 },
};

/**
 * DeepSeek-V3 (DeepSeek-AI 2024, §2 and §4.2): 61 layers, 3 dense then MoE with 256 routed experts of
 * hidden 2048 (= 18432 / 9), 1 shared, top-8; multi-head latent attention (query latent 1536,
 * key/value latent 512, 128 heads of 128 + 64 rotary dimensions); one multi-token-prediction module;
 * no dropout.
 */
export const DEEPSEEK_V3: ModelSpec = {
  name: 'deepseek-v3',
  layers: 61,
  hiddenSize: 7168,
  attentionHeads: 128,
  kvHeads: 128,
  ffnHidden: 18432,
  ffnKind: 'swiglu',
  vocabularySize: 129_280,
  sequenceLength: 4096,
  tiedEmbeddings: false,
  dropout: 0,
  multiTokenPrediction: 1,
  mla: { queryLatentRank: 1536, keyValueLatentRank: 512, headDim: 128, ropeHeadDim: 64, valueHeadDim: 128 },
  moe: { experts: 256, activeExperts: 8, granularity: 9, sharedExperts: 1, moeLayerInterval: 1, firstDenseLayers: 3 },
};
