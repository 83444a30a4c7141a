// Test fixture: the example scenario from the simulator issue (catalog ids and one inline route).
export const issueScenario = {
  tenant: { users: 40, activeShare: 0.8, requestsPerActiveUserPerDay: 15, workingDaysPerMonth: 21, peakHourShare: 0.2 },
  request: { systemPromptTokens: 1500, contextTokens: 800, userTokens: 150, outputTokens: 350 },
  api: {
    cacheHitRate: 0.9,
    batchShare: 0,
    routes: [
      { model: 'bedrock-eu/claude-sonnet-4-6', share: 0.3 },
      { share: 0.7, price: { currency: 'USD', inputPerMTok: 1.1, outputPerMTok: 5.5, cacheReadPerMTok: 0.11, cacheWritePerMTok: 1.375, batchPriceFactor: 0.5 } }
    ]
  },
  fx: { usdPerEur: 1.1637 },
  selfHosted: { server: { id: 'hetzner-gex44' }, model: { id: 'mistral-7b-q4_k_m' }, contextTokens: 8192, efficiency: { bandwidth: 0.7, compute: 0.5 }, minTokensPerSecPerStream: 15, redundancy: 0, opsEurPerMonth: 0 }
};
