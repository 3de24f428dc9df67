import type { AccessToken, TokenCredential } from '@azure/core-auth';

/**
 * A credential that always answers the same bearer token.
 *
 * For the local Azure Resource Manager emulator ONLY: the emulator accepts any bearer token.
 * Real Azure needs a real credential (DefaultAzureCredential from @azure/identity).
 */
export function staticTokenCredential(token = 'emulator-token'): TokenCredential {
  return {
    async getToken(): Promise<AccessToken> {
      // An hour ahead so the SDK's token cache never asks again during a session.
      return { token, expiresOnTimestamp: Date.now() + 60 * 60 * 1000 };
    },
  };
}
