import { axisSecretFrom, readSyncStatus, type SyncPassResult } from '@eoffice/exchange';
import { composeServices } from '@eoffice/host';
import type { SyncStatus } from '@eoffice/contract';
import { CliError, type CommandContext } from '../command.js';
import { dataDirOf, storeDatabaseOf, withServices } from '../store-options.js';
import { stringOption } from './option-values.js';

/**
 * `eoffice sync`: the sync engine of this data folder against an axis. `--once`: one send + receive pass, exit 0 when
 * everything due went through, 1 when something failed or was quarantined. Without it: a pass every interval until
 * SIGINT/SIGTERM. The secret comes from an environment variable or an owner-only file, never from the command line.
 */
export async function runSync(context: CommandContext): Promise<number> {
  const axisUrl = stringOption(context.values, 'axis');
  const systemId = stringOption(context.values, 'system-id');
  const secretEnv = stringOption(context.values, 'secret-env');
  const secretFile = stringOption(context.values, 'secret-file');
  if (!axisUrl || !systemId || (!secretEnv && !secretFile)) {
    throw new CliError('E_USAGE', `Thiếu --axis, --system-id hoặc --secret-env / required: eoffice ${context.command.usage}`);
  }
  const secret = axisSecretFrom(secretFile ? { env: context.io.env, file: secretFile } : { env: context.io.env, envName: secretEnv as string });
  const backoffMs = listOption(context, 'backoff-ms');
  const intervalS = Number(stringOption(context.values, 'interval') ?? '60');
  if (!Number.isFinite(intervalS) || intervalS <= 0) throw new CliError('E_USAGE', '--interval phải là số giây dương / must be positive seconds');
  const services = await composeServices({
    dataDir: dataDirOf(context),
    database: await storeDatabaseOf(context),
    exchange: { axisUrl, systemId, secret, pollIntervalMs: Math.round(intervalS * 1000), ...(backoffMs ? { backoffMs } : {}) },
  });
  try {
    const engine = services.sync;
    if (!engine) throw new CliError('E_SYNC_NOT_CONFIGURED', 'Không khởi động được đồng bộ / no sync engine');
    if (context.values['refresh-directory'] === true) {
      const refreshed = await engine.refreshDirectory();
      context.io.stdout(context.json ? `${JSON.stringify({ directory: refreshed })}\n` : `Danh bạ / directory: +${refreshed.inserted} ~${refreshed.updated} (${refreshed.total})\n`);
    }
    if (context.values.once === true) {
      const result = await engine.syncOnce();
      report(context, result);
      return result.ok ? 0 : 1;
    }
    engine.onChange((state, result) => {
      if (result) report(context, result);
    });
    await services.startBackgroundJobs();
    // The engine's poll timer holds no process open (a face that embeds it ends when its own work does), and neither
    // do signal handlers: without this the command ended after its first pass, whatever --interval said.
    const keepAlive = setInterval(() => undefined, 2 ** 30);
    try {
      await new Promise<void>((done) => {
        process.once('SIGINT', done);
        process.once('SIGTERM', done);
      });
    } finally {
      clearInterval(keepAlive);
    }
    return 0;
  } finally {
    await services.close();
  }
}

/** `eoffice sync status`: the queues, the last pass and the quarantine of this data folder, read from its database. */
export async function runSyncStatus(context: CommandContext): Promise<number> {
  const services = await composeServices({ dataDir: dataDirOf(context), database: await storeDatabaseOf(context), exchange: null });
  try {
    const status = await readSyncStatus(services.store.db, null);
    context.io.stdout(context.json ? `${JSON.stringify(status)}\n` : renderStatus(status));
    return 0;
  } finally {
    await services.close();
  }
}

/**
 * `eoffice sync deliveries <id>`: per recipient of a sent document, where its message is and the statuses it sent
 * back (01 đã đến, 03 đã tiếp nhận, …), through the sync service, which answers a hidden document as a missing one.
 */
export async function runSyncDeliveries(context: CommandContext): Promise<number> {
  const { deliveries } = await withServices(context, (client) => client.services.sync.deliveries({ id: context.positionals[0] as string }));
  if (context.json) {
    context.io.stdout(`${JSON.stringify(deliveries)}\n`);
    return 0;
  }
  context.io.stdout(
    deliveries
      .map((d) => `${d.recipient} ${d.recipientName ?? ''} [${d.message}]: ${d.statuses.map((s) => `${s.code} ${s.at}`).join(', ') || '—'}\n`)
      .join(''),
  );
  return 0;
}

function report(context: CommandContext, r: SyncPassResult): void {
  if (context.json) {
    context.io.stdout(`${JSON.stringify(r)}\n`);
    return;
  }
  context.io.stdout(
    `${r.at} gửi / sent ${r.sent.sent}, thử lại / retrying ${r.sent.retrying}, lỗi / failed ${r.sent.failed}, cách ly / quarantined ${r.sent.quarantined}; ` +
      `nhận / stored ${r.received.stored}, trạng thái / statuses ${r.received.statuses}, trùng / duplicates ${r.received.duplicates}, ` +
      `cách ly / quarantined ${r.received.quarantined}, lỗi / failed ${r.received.failed}${r.error ? `; ${r.error}` : ''}\n`,
  );
}

function renderStatus(s: SyncStatus): string {
  const lines = [
    `Lần đồng bộ cuối / last sync: ${s.lastSyncAt ?? '—'} (thành công cuối / last ok: ${s.lastOkAt ?? '—'})`,
    `Đi / outgoing: chờ ${s.outgoing.pending}, đã gửi ${s.outgoing.sent}, lỗi ${s.outgoing.failed}, cách ly ${s.outgoing.quarantined}`,
    `Đến / incoming: đã nhận ${s.incoming.stored}, đã áp dụng ${s.incoming.applied}, trùng ${s.incoming.duplicates}, cách ly ${s.incoming.quarantined}`,
    ...s.problems.map((p) => `  ! #${p.id} ${p.kind} → ${p.recipient} [${p.state}, ${p.attempts} lần] ${p.lastError ?? ''}`),
    ...s.quarantine.map((q) => `  ✗ ${q.axisDocId} ${q.messageType} từ ${q.sender ?? '?'}: ${q.error ?? ''}`),
  ];
  return `${lines.join('\n')}\n`;
}

function listOption(context: CommandContext, name: string): number[] | undefined {
  const raw = stringOption(context.values, name);
  if (raw === undefined) return undefined;
  const values = raw.split(',').map((v) => Number(v.trim()));
  if (values.length === 0 || values.some((v) => !Number.isInteger(v) || v < 0)) throw new CliError('E_USAGE', `--${name}: danh sách mili giây / a list of milliseconds, e.g. 30000,120000,1200000`);
  return values;
}
