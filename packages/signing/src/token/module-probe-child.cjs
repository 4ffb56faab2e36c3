/* global process, require */
// Runs in a child process so that a broken vendor module (wrong architecture, crash in C_Initialize) cannot take the
// application down. Loads the module given as argv[2], asks it who it is and which tokens it sees, prints one JSON
// line and exits. Plain CommonJS so it starts with `node` (or Electron as node) without a TypeScript loader.
'use strict';

const modulePath = process.argv[2];
const report = (result) => {
  process.stdout.write(`${JSON.stringify(result)}\n`);
};

let pkcs11js;
try {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a plain CommonJS child script, no loader
  pkcs11js = require('pkcs11js');
} catch (error) {
  report({ status: 'load-failed', detail: `pkcs11js unavailable: ${error.message}` });
  process.exit(0);
}

const api = new pkcs11js.PKCS11();
try {
  api.load(modulePath);
} catch (error) {
  report({ status: 'load-failed', detail: error.message });
  process.exit(0);
}

try {
  api.C_Initialize();
} catch (error) {
  report({ status: 'initialize-failed', detail: error.message });
  process.exit(0);
}

try {
  const info = api.C_GetInfo();
  const slots = api.C_GetSlotList(false).map((slot) => {
    const slotInfo = api.C_GetSlotInfo(slot);
    const described = { slotDescription: slotInfo.slotDescription.trim(), tokenPresent: (slotInfo.flags & 1) !== 0 };
    if (!described.tokenPresent) return described;
    try {
      const token = api.C_GetTokenInfo(slot);
      described.token = {
        label: token.label.trim(),
        serial: token.serialNumber.trim(),
        manufacturer: token.manufacturerID.trim(),
        model: token.model.trim(),
        flags: token.flags,
      };
    } catch (error) {
      described.tokenError = error.message;
    }
    return described;
  });
  report({
    status: 'ok',
    library: {
      manufacturer: info.manufacturerID.trim(),
      description: info.libraryDescription.trim(),
      version: `${info.libraryVersion.major}.${info.libraryVersion.minor}`,
      cryptokiVersion: `${info.cryptokiVersion.major}.${info.cryptokiVersion.minor}`,
    },
    slots,
  });
} catch (error) {
  report({ status: 'initialize-failed', detail: error.message });
} finally {
  try {
    api.C_Finalize();
  } catch {
    // The report is already out; a module that cannot finalise still answered.
  }
}
