import { realpathSync } from 'node:fs';
import pkcs11js from 'pkcs11js';
import { CallQueue } from './call-queue.js';
import { CKR, isRemovalFailure, pkcs11FailureOf } from './pkcs11-errors.js';
import { TokenError } from './token-error.js';
import { decodeTokenFlags, type TokenFlags } from './token-flags.js';

export type Pkcs11Api = pkcs11js.PKCS11;

const CKF_TOKEN_PRESENT = 0x1;

/** One token as the module reports it, read without logging in. */
export interface TokenDescription {
  readonly label: string;
  readonly serial: string;
  readonly manufacturer: string;
  readonly model: string;
  readonly slotDescription: string;
  readonly flags: TokenFlags;
}

/** A token found by label/serial, with the slot handle valid until the module is re-initialised. */
export interface LocatedToken extends TokenDescription {
  readonly slot: Buffer;
}

export interface TokenSelector {
  readonly label?: string;
  /** As the token reports it (CK_TOKEN_INFO.serialNumber, trimmed); compared case-insensitively. */
  readonly serial?: string;
}

export interface OpenModuleOptions {
  /**
   * Wraps the loaded pkcs11js object before any call. Tests use it to put a fake around a real module (SoftHSM never
   * reports FINAL_TRY/LOCKED and cannot be unplugged).
   */
  readonly interpose?: (api: Pkcs11Api) => Pkcs11Api;
}

interface RegistryEntry {
  readonly module: Pkcs11Module;
  users: number;
}

// A library can be C_Initialize'd once per process, so one Pkcs11Module per real path, shared and reference-counted.
const registry = new Map<string, RegistryEntry>();

/**
 * A loaded PKCS#11 library. Every call goes through one queue; C_Initialize runs once on open and C_Finalize when the
 * last user closes it.
 */
export class Pkcs11Module {
  private readonly queue = new CallQueue();
  private needsReinitialise = false;
  private activeSessions = 0;
  private readonly loginsBySlot = new Map<string, number>();

  private constructor(
    readonly path: string,
    private readonly api: Pkcs11Api,
    private readonly registryKey: string,
  ) {}

  /** Loads (or reuses) the module at `modulePath`. Close it when done. */
  static async open(modulePath: string, options: OpenModuleOptions = {}): Promise<Pkcs11Module> {
    const key = registryKeyOf(modulePath);
    const existing = registry.get(key);
    if (existing) {
      if (options.interpose) {
        throw new TokenError('MODULE_LOAD_FAILED', `Mô-đun đang được dùng / module already loaded: ${modulePath}`);
      }
      existing.users += 1;
      return existing.module;
    }
    const loaded = new pkcs11js.PKCS11();
    try {
      loaded.load(modulePath);
    } catch (error) {
      throw new TokenError(
        'MODULE_LOAD_FAILED',
        `Không nạp được mô-đun PKCS#11 / cannot load PKCS#11 module ${modulePath}: ${(error as Error).message}`,
        { cause: error },
      );
    }
    const api = options.interpose ? options.interpose(loaded) : loaded;
    try {
      initialise(api);
    } catch (error) {
      loaded.close();
      throw new TokenError(
        'MODULE_LOAD_FAILED',
        `Khởi tạo mô-đun PKCS#11 thất bại / C_Initialize failed for ${modulePath}: ${(error as Error).message}`,
        { cause: error, pkcs11Code: pkcs11FailureOf(error)?.name },
      );
    }
    const module = new Pkcs11Module(modulePath, api, key);
    registry.set(key, { module, users: 1 });
    return module;
  }

  /** Runs `task` with the raw API, after every earlier call on this module has finished. */
  run<T>(task: (api: Pkcs11Api) => T | Promise<T>): Promise<T> {
    return this.queue.run(() => {
      if (this.needsReinitialise) {
        // Many modules keep their slot list from C_Initialize; after a removal only a restart sees the new state.
        this.needsReinitialise = false;
        this.loginsBySlot.clear();
        try {
          this.api.C_Finalize();
        } catch {
          // Already finalised or the module is confused; C_Initialize below decides.
        }
        initialise(this.api);
      }
      return task(this.api);
    });
  }

  /** Called when a token went away: handles are stale, so the next call restarts the module. */
  markTokenRemoved(): void {
    this.needsReinitialise = true;
  }

  /**
   * Sees tokens plugged in since the module was loaded: many modules (SoftHSM among them) keep the slot list from
   * C_Initialize, so this restarts the module, but only while no signer holds a session (a restart would end it).
   * Returns whether the restart happened.
   */
  rescan(): Promise<boolean> {
    return this.queue.run(() => {
      if (this.activeSessions > 0) return false;
      this.needsReinitialise = true;
      return true;
    });
  }

  /** Signers register their long-lived session so that `rescan` never pulls it away. */
  noteSessionOpened(): void {
    this.activeSessions += 1;
  }

  noteSessionClosed(): void {
    this.activeSessions = Math.max(0, this.activeSessions - 1);
  }

  /** All slots, with the token of each (present or not), read without logging in. */
  listTokens(): Promise<TokenDescription[]> {
    return this.run((api) => readTokens(api)).then((tokens) => tokens.map(({ slot: _slot, ...rest }) => rest));
  }

  /** The one present token matching `selector` (label and/or serial; never a slot index). */
  locateToken(selector: TokenSelector): Promise<LocatedToken> {
    return this.run((api) => {
      // SoftHSM (and some readers) show an empty, uninitialised token in a spare slot: never a signing candidate.
      const present = readTokens(api).filter((token) => token.flags.present && token.flags.tokenInitialized);
      const matches = present.filter((token) => matchesSelector(token, selector));
      const wanted = describeSelector(selector);
      if (matches.length === 0) {
        const seen = present.map((token) => `"${token.label}" (${token.serial})`).join(', ') || 'không có / none';
        throw new TokenError(
          'TOKEN_NOT_FOUND',
          `Không thấy token ${wanted} / token not found; có / present: ${seen}`,
        );
      }
      if (matches.length > 1) {
        throw new TokenError(
          'TOKEN_AMBIGUOUS',
          `Có nhiều token khớp ${wanted}, hãy chỉ rõ số sê-ri / several tokens match, give the serial: ` +
            matches.map((token) => `"${token.label}" (${token.serial})`).join(', '),
        );
      }
      return matches[0] as LocatedToken;
    });
  }

  /** Counts logins per token: C_Logout logs out every session of the application, so only the last one does it. */
  noteLogin(slot: Buffer): void {
    const key = slot.toString('hex');
    this.loginsBySlot.set(key, (this.loginsBySlot.get(key) ?? 0) + 1);
  }

  /** Returns true when this was the last login on the slot (the caller should then C_Logout). */
  noteLogout(slot: Buffer): boolean {
    const key = slot.toString('hex');
    const remaining = (this.loginsBySlot.get(key) ?? 1) - 1;
    if (remaining <= 0) this.loginsBySlot.delete(key);
    else this.loginsBySlot.set(key, remaining);
    return remaining <= 0;
  }

  isLoggedIn(slot: Buffer): boolean {
    return (this.loginsBySlot.get(slot.toString('hex')) ?? 0) > 0;
  }

  /** Releases this user's hold; the last one finalises and unloads the library. */
  async close(): Promise<void> {
    const entry = registry.get(this.registryKey);
    if (!entry || entry.module !== this) return;
    entry.users -= 1;
    if (entry.users > 0) return;
    registry.delete(this.registryKey);
    await this.queue.run(() => {
      try {
        this.api.C_Finalize();
      } finally {
        this.api.close();
      }
    });
  }
}

function initialise(api: Pkcs11Api): void {
  try {
    api.C_Initialize();
  } catch (error) {
    // Someone else in this process (a second path to the same file) already did it; the module is usable.
    if (pkcs11FailureOf(error)?.code !== CKR.CRYPTOKI_ALREADY_INITIALIZED) throw error;
  }
}

function registryKeyOf(modulePath: string): string {
  try {
    return realpathSync(modulePath);
  } catch {
    return modulePath;
  }
}

/** Every slot of the module with its token (or an empty description when no token is present). */
export function readTokens(api: Pkcs11Api): LocatedToken[] {
  const tokens: LocatedToken[] = [];
  for (const slot of api.C_GetSlotList(false)) {
    const slotInfo = api.C_GetSlotInfo(slot);
    const present = (slotInfo.flags & CKF_TOKEN_PRESENT) !== 0;
    if (!present) {
      tokens.push({
        slot,
        label: '',
        serial: '',
        manufacturer: '',
        model: '',
        slotDescription: slotInfo.slotDescription.trim(),
        flags: decodeTokenFlags(0, false),
      });
      continue;
    }
    let info: pkcs11js.TokenInfo;
    try {
      info = api.C_GetTokenInfo(slot);
    } catch (error) {
      // The token left between the two calls: report the slot as empty rather than fail the whole listing.
      if (isRemovalFailure(error)) continue;
      throw error;
    }
    tokens.push({
      slot,
      label: info.label.trim(),
      serial: info.serialNumber.trim(),
      manufacturer: info.manufacturerID.trim(),
      model: info.model.trim(),
      slotDescription: slotInfo.slotDescription.trim(),
      flags: decodeTokenFlags(info.flags, true),
    });
  }
  return tokens;
}

/** Reads the flags of the token in `slot` again (after a failed login, the counters have moved). */
export function readTokenFlags(api: Pkcs11Api, slot: Buffer): TokenFlags {
  return decodeTokenFlags(api.C_GetTokenInfo(slot).flags, true);
}

function matchesSelector(token: TokenDescription, selector: TokenSelector): boolean {
  if (selector.label !== undefined && token.label !== selector.label.trim()) return false;
  if (selector.serial !== undefined && token.serial.toLowerCase() !== selector.serial.trim().toLowerCase()) return false;
  return true;
}

function describeSelector(selector: TokenSelector): string {
  const parts: string[] = [];
  if (selector.label !== undefined) parts.push(`nhãn / label "${selector.label}"`);
  if (selector.serial !== undefined) parts.push(`sê-ri / serial ${selector.serial}`);
  return parts.join(', ') || '(bất kỳ / any)';
}
