/**
 * Environment variables a deployment may set that are not the bot's settings (src/config's
 * catalogue), each with who reads it. Everything else a deploy file sets must be in the catalogue.
 */
export const KNOWN_OUTSIDE_CATALOGUE: Record<string, string> = {
  // @azure/identity's DefaultAzureCredential: which user-assigned managed identity to use
  // (Container Apps, VMs); Kubernetes' workload identity webhook sets it itself.
  AZURE_CLIENT_ID: '@azure/identity',
  NODE_ENV: 'Node.js and express (production behaviour)',
  // The standalone emulator (emulator/main.ts, `npm run emulator`): where it writes its certificate.
  EMULATOR_CA_FILE: 'emulator/main.ts',
};
